"""What the directory's pages print from coach files, made safe: JSON that can sit in a <script>
element, and links checked again before they are linked."""

from __future__ import annotations

from urllib.parse import quote

from markupsafe import Markup

from coachblog import json_text
from coachblog.coaches import schema
from coachblog.coaches.fields import Coach, url_problem


def safe_json(data: object) -> Markup:
    """JSON that can sit inside a <script> element: no '<', '>' or '&' that could end or bend it."""
    return Markup(json_text.dumps(data))  # json_text escapes every character that could close it


def safe_link(url: str | None) -> str | None:
    """The URL if it is an http(s) link, else None: checked again here so nothing unsafe is ever linked."""
    return url.strip() if url and url_problem(url) is None else None


def contact_links(coach: Coach) -> dict[str, object]:
    """The profile's links, each address once: a contact page that is also the website or a social
    profile is shown once, under the more telling name."""
    social = [(schema.SOCIAL[k], link) for k, v in coach.social if (link := safe_link(v))]
    website = safe_link(coach.website)
    contact = safe_link(coach.contact_url)
    shown = {_same(link) for _, link in social}
    if website and _same(website) in shown:
        website = None
    if contact and _same(contact) in shown | {_same(website or "")}:
        contact = None
    return {"website": website, "contact_url": contact, "social": social}


def _same(link: str) -> str:
    return link.lower().rstrip("/").removeprefix("https://").removeprefix("http://").removeprefix("www.")


def mailto(email: str | None) -> str | None:
    return f"mailto:{quote(email, safe='@.+-_')}" if email else None

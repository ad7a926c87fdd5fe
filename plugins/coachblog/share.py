"""Share buttons for tips and articles: plain share links, plus what share.js adds on top."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib.resources import files as package_files
from urllib.parse import quote

from markupsafe import Markup

from .posts import Post
from .templating import TEMPLATES

# Icons that ship with Material for MkDocs (its .icons folder), drawn inline: nothing is fetched.
ICONS = {
    "native": "material/share-variant.svg",
    "x": "fontawesome/brands/x-twitter.svg",
    "facebook": "fontawesome/brands/facebook.svg",
    "linkedin": "fontawesome/brands/linkedin.svg",
    "whatsapp": "fontawesome/brands/whatsapp.svg",
    "bluesky": "fontawesome/brands/bluesky.svg",
    "email": "material/email.svg",
    "mastodon": "fontawesome/brands/mastodon.svg",
    "link": "material/link-variant.svg",
}


@dataclass(frozen=True)
class ShareLink:
    """One place to share to: a plain link that works without JavaScript."""

    id: str
    name: str
    href: str
    new_tab: bool = True


def _q(text: str) -> str:
    """Percent-encode for a query value; spaces become %20, which mailto: needs and others accept."""
    return quote(text, safe="")


def share_text(title: str, url: str) -> str:
    """The post text for services that take one text field: the title, then the link."""
    return f"{title} {url}"


def share_links(url: str, title: str, summary: str) -> list[ShareLink]:
    """Share links for a page at absolute `url`, in the order they are shown."""
    text = share_text(title, url)
    body = f"{summary}\n\n{url}"
    return [
        ShareLink("x", "X", f"https://x.com/intent/post?text={_q(title)}&url={_q(url)}"),
        ShareLink("facebook", "Facebook", f"https://www.facebook.com/sharer/sharer.php?u={_q(url)}"),
        ShareLink("linkedin", "LinkedIn", f"https://www.linkedin.com/sharing/share-offsite/?url={_q(url)}"),
        ShareLink("whatsapp", "WhatsApp", f"https://wa.me/?text={_q(text)}"),
        ShareLink("bluesky", "Bluesky", f"https://bsky.app/intent/compose?text={_q(text)}"),
        ShareLink("email", "Email", f"mailto:?subject={_q(title)}&body={_q(body)}", False),
    ]


@cache
def icon(name: str) -> Markup:
    """An icon from Material's bundled set as inline SVG, hidden from assistive technology."""
    path = package_files("material").joinpath("templates", ".icons", *ICONS[name].split("/"))
    svg = path.read_text(encoding="utf-8").strip()
    svg = re.sub(r"^<svg ", '<svg class="cb-share__icon" aria-hidden="true" focusable="false" ', svg)
    return Markup(svg)  # the theme's own SVG file, not user input


def share_buttons(url: str, post: Post) -> str:
    """The share block for a post at absolute `url`: links, and the buttons share.js reveals."""
    title, summary = post.title, str(post.extra.get("description", post.summary))
    links = [{"link": link, "icon": icon(link.id)} for link in share_links(url, title, summary)]
    return TEMPLATES.get_template("share_buttons.html").render(
        url=url, title=title, summary=summary, text=share_text(title, url), kind=post.kind, links=links,
        icons={name: icon(name) for name in ("native", "mastodon", "link")},
    )  # fmt: skip


def add_to_article(page_html: str, block: str) -> str:
    """A finished page with `block` at the end of its main article (the theme's md-content)."""
    end = page_html.rfind("</article>")
    return page_html if end < 0 else page_html[:end] + block + page_html[end:]

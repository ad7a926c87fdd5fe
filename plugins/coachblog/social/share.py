"""Share buttons for tips and articles: plain share links, plus what share.js adds on top."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from functools import lru_cache
from urllib.parse import quote

from jinja2 import Template
from markupsafe import Markup, escape

from coachblog.posts.post import Post
from coachblog.templating import TEMPLATES


@dataclass(frozen=True)
class ShareLink:
    """One place to share to: a plain link that works without JavaScript."""

    id: str
    name: str
    href: str
    new_tab: bool = True


# What quote(text, safe="") makes of each ASCII character: letters, digits and _.-~ stay, others are %XX.
_ASCII_QUOTED = {code: quote(chr(code), safe="") for code in range(128)}


def _q(text: str) -> str:
    """Percent-encode for a query value; spaces become %20, which mailto: needs and others accept."""
    # Most text is ASCII: one table look-up per character (in C) instead of quote's loop over bytes.
    return text.translate(_ASCII_QUOTED) if text.isascii() else quote(text, safe="")


def share_text(title: str, url: str) -> str:
    """The post text for services that take one text field: the title, then the link."""
    return f"{title} {url}"


def mail_body(summary: str, url: str) -> str:
    """An email's text: the summary, a blank line, the link; lines end in CR LF, as RFC 6068 asks."""
    return "\r\n".join([*summary.splitlines(), "", url])


def share_links(url: str, title: str, summary: str) -> list[ShareLink]:
    """Share links for a page at absolute `url`, in the order they are shown."""
    page, heading, text = _q(url), _q(title), _q(share_text(title, url))
    body = _q(mail_body(summary, url))
    return [
        ShareLink("x", "X", f"https://x.com/intent/post?text={heading}&url={page}"),
        ShareLink("facebook", "Facebook", f"https://www.facebook.com/sharer/sharer.php?u={page}"),
        ShareLink("linkedin", "LinkedIn", f"https://www.linkedin.com/sharing/share-offsite/?url={page}"),
        ShareLink("whatsapp", "WhatsApp", f"https://wa.me/?text={text}"),
        ShareLink("bluesky", "Bluesky", f"https://bsky.app/intent/compose?text={text}"),
        ShareLink("email", "Email", f"mailto:?subject={heading}&body={body}", False),
    ]


def share_buttons(url: str, post: Post) -> str:
    """The share block for a post at absolute `url`: links, and the buttons that need share.js."""
    title, summary = post.title, str(post.extra.get("description", post.summary))
    values = {
        "url": url,
        "title": title,
        "summary": summary,
        "kind": post.kind,
    }
    values.update((f"href-{link.id}", link.href) for link in share_links(url, title, summary))
    return _fill(_skeleton(TEMPLATES.get_template("share_buttons.html")), values)


# The block is the same on every page but for a few values: the template is rendered once with a
# stand-in for each, then every post's block is the pieces between them with its own values put in.
_SLOT = re.compile("\x00([a-z-]+)\x00")


def _slot(name: str) -> Markup:
    """A stand-in for a post's value; Markup, so autoescaping leaves it as it is."""
    return Markup(f"\x00{name}\x00")


@lru_cache(maxsize=1)  # one template: the environment keeps it (no reloading)
def _skeleton(template: Template) -> list[str]:
    """The block split at its stand-ins: markup, value name, markup, value name, ..., markup."""
    links = [replace(link, href=_slot(f"href-{link.id}")) for link in share_links("", "", "")]
    html = template.render(
        url=_slot("url"), title=_slot("title"), summary=_slot("summary"), kind=_slot("kind"), links=links
    )
    return _SLOT.split(html)


def _fill(skeleton: list[str], values: Mapping[str, str]) -> str:
    """The skeleton with each value HTML-escaped in its place, as autoescaping would have written it."""
    return "".join(part if i % 2 == 0 else escape(values[part]) for i, part in enumerate(skeleton))


def share_block(url: str, post: Post, after: str = "") -> Markup:
    """What the end of a post's page carries (overrides/main.html prints it after the text, where search
    and feeds never see it): the share block for a post at absolute `url`, then `after` (the email line)."""
    return Markup(share_buttons(url, post) + after)

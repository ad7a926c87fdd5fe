"""Parsing built pages: small helpers over lxml.html so tests read like what they check."""

from __future__ import annotations

from urllib.parse import urljoin

from lxml import html as lxml_html
from lxml.html import HtmlElement


def parse(text: str) -> HtmlElement:
    return lxml_html.fromstring(text)


def texts(root: HtmlElement, xpath: str) -> list[str]:
    """The whitespace-normalised text of every element matching `xpath`."""
    return [" ".join(el.text_content().split()) for el in root.xpath(xpath)]


def hrefs(root: HtmlElement, xpath: str) -> list[str]:
    return [str(el.get("href")) for el in root.xpath(xpath)]


def by_class(name: str) -> str:
    """An XPath test for an element having the CSS class `name`."""
    return f"contains(concat(' ', normalize-space(@class), ' '), ' {name} ')"


def card_links(root: HtmlElement) -> list[str]:
    """The links of a page's post cards, in order, as written (relative to the page)."""
    return hrefs(root, f"//article[{by_class('cb-card')}]//h2/a")


def site_path(href: str, page: str) -> str:
    """A relative link on the page at site-relative URL `page` ('tips/'), as a site-relative URL."""
    return urljoin(_ORIGIN + page, href).removeprefix(_ORIGIN)


_ORIGIN = "https://site.invalid/"

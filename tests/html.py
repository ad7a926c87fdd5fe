"""Parsing built pages: small helpers over lxml.html so tests read like what they check."""

from __future__ import annotations

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

"""A page's HTML as a feed carries it: every link and image absolute, no heading anchors."""

from __future__ import annotations

import re
from functools import lru_cache
from urllib.parse import urljoin

from lxml import html as lxml_html

from coachblog.errors import Problem

# Attributes that hold one URL; a reader shows the entry away from the site, so each must be absolute.
URL_ATTRIBUTES = ("href", "src", "poster", "cite", "action", "longdesc", "background", "data")
SRCSET_ATTRIBUTES = ("srcset", "imagesrcset")
# Characters XML 1.0 cannot carry at all: one in a post would make every feed unreadable.
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


@lru_cache(maxsize=4096)  # a function of its arguments: a `mkdocs serve` rebuild redoes only changed posts
def absolutize(html: str, base_url: str) -> str:
    """`html` with every relative URL resolved against `base_url`, the page's absolute URL."""
    root = lxml_html.fragment_fromstring(html, create_parent="div")
    for anchor in root.xpath("//a[contains(concat(' ', normalize-space(@class), ' '), ' headerlink ')]"):
        anchor.drop_tree()  # Markdown's "¶" permalinks: noise in a reader
    for element in root.iter():
        for name in URL_ATTRIBUTES:
            value = element.get(name)
            if value is not None:
                element.set(name, urljoin(base_url, value.strip()))
        for name in SRCSET_ATTRIBUTES:
            value = element.get(name)
            if value is not None:
                element.set(name, _absolute_srcset(value, base_url))
    text = str(lxml_html.tostring(root, encoding="unicode"))
    return text.removeprefix("<div>").removesuffix("</div>")


def _absolute_srcset(value: str, base_url: str) -> str:
    """A srcset ("a.png 1x, b.png 2x") with each candidate's URL made absolute."""
    candidates = []
    for candidate in value.split(","):
        url, _, descriptor = candidate.strip().partition(" ")
        if url:
            candidates.append(f"{urljoin(base_url, url)} {descriptor.strip()}".strip())
    return ", ".join(candidates)


def unreadable_characters(src_uri: str, source: str) -> list[Problem]:
    """A problem for each line of `source` holding a character no feed can carry."""
    problems = []
    for number, line in enumerate(source.split("\n"), start=1):  # not splitlines(): it breaks at \x0c
        found = NOT_XML.search(line)
        if found:
            code = f"U+{ord(found.group()):04X}"
            problems.append(
                Problem(
                    src_uri,
                    None,
                    f"has the invisible control character {code}, which feeds cannot carry",
                    number,
                    hint="Delete it (most editors do not show it; search for the code)",
                )
            )
    return problems

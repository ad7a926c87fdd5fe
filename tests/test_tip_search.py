"""Site search indexes what a tip says and its tags, not the date line or the links to other tips."""

from __future__ import annotations

import json
from typing import Any

from tests.html import by_class, hrefs, parse, texts
from tests.sitebuild import Site


def test_a_tip_is_found_by_its_words_and_tags_not_its_neighbours(built_repo_site: Site) -> None:
    docs: list[dict[str, Any]] = json.loads(
        (built_repo_site.out / "search" / "search_index.json").read_text()
    )["docs"]
    tips = [d for d in docs if d["location"].startswith("tips/") and d["location"] != "tips/"]
    assert len({d["location"].split("#")[0] for d in tips}) >= 10
    text = " ".join(d["text"] for d in tips)
    for noise in ("Previous tip", "Next tip", " of 11 from "):
        assert noise not in text, noise
    page = parse(built_repo_site.html("tips/take-a-break/"))
    (lead,) = texts(page, f"//p[{by_class('cb-lead')}]")
    tags = texts(page, f"//div[{by_class('cb-tip-header')}]//*[{by_class('cb-tag')}]")
    (first,) = [d for d in tips if d["location"] == "tips/take-a-break/"]
    assert lead in first["text"]
    assert tags and all(tag in first["text"] for tag in tags)
    assert hrefs(page, f"//nav[{by_class('cb-tip-nav')}]//a[@rel='next' or @rel='prev']"), (
        "the page still links its neighbours"
    )

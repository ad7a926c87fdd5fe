"""Site search indexes what a tip says and its tags, not the date line or the links to other tips."""

from __future__ import annotations

import html
import json
from typing import Any

from tests.helpers import Site, by_class, hrefs, parse, texts


def test_a_tip_is_found_by_its_words_and_tags_not_its_neighbours(built_repo_site: Site) -> None:
    content = built_repo_site.content()
    docs: list[dict[str, Any]] = json.loads(
        (built_repo_site.out / "search" / "search_index.json").read_text()
    )["docs"]
    tips = [d for d in docs if d["location"].startswith("tips/") and d["location"] != "tips/"]
    assert {d["location"].split("#")[0] for d in tips} >= {t.url for t in content.listed_tips}
    text = " ".join(d["text"] for d in tips)
    counts = {len(content.article_tips(a.slug)) for a in content.articles} - {0}
    for noise in ("Previous tip", "Next tip", *(f" of {n} from " for n in counts)):
        assert noise not in text, noise
    # A tip of an article, when there is one, so that its page links its neighbours.
    in_article = [t for t in content.listed_tips if t.article and len(content.article_tips(t.article)) > 1]
    for tip in in_article[:1] or content.listed_tips[:1]:
        page = parse(built_repo_site.html(tip.url))
        (lead,) = texts(page, f"//p[{by_class('cb-lead')}]")
        tags = texts(page, f"//div[{by_class('cb-tip-header')}]//*[{by_class('cb-tag')}]")
        assert tags == list(tip.tags)
        (entry,) = [html.unescape(d["text"]) for d in tips if d["location"] == tip.url]
        assert lead in " ".join(entry.split())
        assert all(tag in entry for tag in tags)
        if in_article:
            assert hrefs(page, f"//nav[{by_class('cb-tip-nav')}]//a[@rel='next' or @rel='prev']"), (
                "the page still links its neighbours"
            )

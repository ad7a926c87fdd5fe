"""The publish workflow's hourly run (scripts/due_posts.py) deploys exactly when a post became due that the
live site does not have yet, judged on both sides of a post's date and hour, and never skips one when it
cannot tell."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.content import post, run, write_posts
from tests.helpers import Site, serve

NOW = "2026-01-15T12:00"


def epoch(when: str) -> str:
    return str(int(dt.datetime.fromisoformat(when).replace(tzinfo=dt.UTC).timestamp()))


def live_site(tmp_path: Path, *urls: str) -> Path:
    """A live site holding only a sitemap with these pages."""
    root = tmp_path / "live"
    root.mkdir()
    locs = "".join(f"<url><loc>https://example.org/blog/{u}</loc></url>\n" for u in urls)
    (root / "sitemap.xml").write_text(f'<?xml version="1.0"?>\n<urlset>\n{locs}</urlset>\n', encoding="utf-8")
    return root


def due(site: Site, live: str, when: str, **env: str) -> tuple[bool, list[str]]:
    result = run("due_posts.py", "--live", live, cwd=site.root, SOURCE_DATE_EPOCH=epoch(when), **env)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[-1] in ("deploy=true", "deploy=false")
    return lines[-1] == "deploy=true", lines[:-1]


@pytest.mark.parametrize(
    ("date", "before", "after", "shown"),
    [
        ("2026-01-20", "2026-01-20T08:59:59", "2026-01-20T09:00", "2026-01-20 09:00 GMT"),
        ("2026-06-20", "2026-06-20T07:59:59", "2026-06-20T08:00", "2026-06-20 09:00 BST"),
        ("'2026-06-20 06:30'", "2026-06-20T05:29:59", "2026-06-20T05:30", "2026-06-20 06:30 BST"),
    ],
)
def test_a_post_is_due_from_its_date_and_hour_in_the_sites_time_zone(
    make_site: Callable[..., Site], tmp_path: Path, date: str, before: str, after: str, shown: str
) -> None:
    site = write_posts(make_site(), post("out", "2026-01-10"), post("next", date))
    with serve(live_site(tmp_path, "", "tips/out/"), "/blog/") as live:
        deploy, lines = due(site, live.url, before)
        assert not deploy
        assert lines == [
            f"waiting: tips/next.md, dated {shown}",
            "Every post due by now is on the live site: nothing to deploy.",
        ]
        deploy, lines = due(site, live.url, after)
        assert deploy
        assert lines == [f"due: tips/next.md, dated {shown}, is not on the live site yet"]


def test_a_draft_is_never_due_and_a_live_post_is_not_due_again(
    make_site: Callable[..., Site], tmp_path: Path
) -> None:
    site = write_posts(
        make_site(), post("out", "2026-01-10"), post("draft", "2026-01-11", extra="draft: true\n")
    )
    with serve(live_site(tmp_path, "tips/out/"), "/blog/") as live:
        assert due(site, live.url, NOW) == (
            False,
            ["Every post due by now is on the live site: nothing to deploy."],
        )


def test_when_the_live_site_cannot_be_read_it_deploys(make_site: Callable[..., Site], tmp_path: Path) -> None:
    site = write_posts(make_site(), post("out", "2026-01-10"))
    with serve(tmp_path, "/blog/") as live:  # no sitemap there: a first deployment
        deploy, lines = due(site, live.url, NOW)
    assert deploy
    assert lines[-1].startswith(f"could not read {live.url}sitemap.xml (HTTP Error 404")
    assert lines[-1].endswith(": deploying, so that no due post is missed")


def test_a_post_it_cannot_read_means_a_build_which_will_say_why(
    make_site: Callable[..., Site], tmp_path: Path
) -> None:
    site = write_posts(make_site(), post("out", "2026-01-10"))
    site.write("tips/broken.md", "---\ntitle: [unclosed\n---\n")
    with serve(live_site(tmp_path, "tips/out/"), "/blog/") as live:
        assert due(site, live.url, NOW) == (
            True,
            ["cannot read tips/broken.md: building, so the build says why"],
        )


def test_it_tells_the_workflow_through_github_output(make_site: Callable[..., Site], tmp_path: Path) -> None:
    site = write_posts(make_site(), post("out", "2026-01-10"))
    output = tmp_path / "output.txt"
    with serve(live_site(tmp_path, "tips/out/"), "/blog/") as live:
        due(site, live.url, NOW, GITHUB_OUTPUT=str(output))
    assert output.read_text(encoding="utf-8") == "deploy=false\n"


def test_after_a_build_every_post_it_calls_due_is_live(
    make_site: Callable[..., Site], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The script and the build agree on what is published at a given time."""
    site = write_posts(
        make_site(),
        post("a", "2026-01-10"),
        post("b", "'2026-01-15 11:59'"),
        post("c", "'2026-01-15 12:01'"),
        post("d", "2026-01-14", extra="draft: true\n"),
    )
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch(NOW))
    site.build()
    with serve(site.out, "/blog/") as live:
        deploy, lines = due(site, live.url, NOW)
    assert not deploy
    assert lines == ["waiting: tips/c.md, dated 2026-01-15 12:01 GMT", lines[-1]]

"""The benchmark: its generated content is valid and repeatable, and a small run prints the table."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import yaml

from bench import benchgen  # scripts/bench/benchgen.py
from coachblog.posts.frontmatter import read_front_matter
from coachblog.posts.post import Post, PostSettings, parse_post
from coachblog.timings import Timings
from tests.helpers import REPO


def _tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def _words(markdown: str) -> int:
    return len(re.findall(r"[A-Za-z0-9][\w'-]*", re.sub(r"\]\([^)]*\)", "]", markdown)))


def test_the_same_seed_writes_the_same_site_and_another_seed_another(tmp_path: Path) -> None:
    for name, seed in (("a", 3), ("b", 3), ("c", 4)):
        content = benchgen.make_content(12, 6, seed)
        benchgen.write_ours(content, tmp_path / name)
        benchgen.write_stock(content, tmp_path / f"{name}-stock")
    assert _tree(tmp_path / "a") == _tree(tmp_path / "b")
    assert _tree(tmp_path / "a-stock") == _tree(tmp_path / "b-stock")
    assert _tree(tmp_path / "a") != _tree(tmp_path / "c")


def test_generated_tips_pass_the_plugins_own_front_matter_checks(tmp_path: Path) -> None:
    content = benchgen.make_content(60, 0, 7)
    benchgen.write_ours(content, tmp_path)
    tips = sorted((tmp_path / "tips").glob("*.md"))
    assert len(tips) == 60
    in_articles = 0
    for path in tips:
        text = path.read_text(encoding="utf-8")
        post = parse_post("tip", path.stem, read_front_matter(text, path.name), PostSettings())
        assert isinstance(post, Post), post
        assert 1 <= len(post.tags) <= 4 and set(post.tags) <= set(benchgen.TAGS)
        body = text.split("---\n", 2)[2]
        assert 250 <= _words(body) <= 400, (path.name, _words(body))
        assert "\n## " in body and ("\n- " in body or "\n1. " in body)
        for link in re.findall(r"\]\(([^)]+\.md)\)", body):
            assert (path.parent / link).resolve().is_file(), (path.name, link)
        in_articles += post.article is not None
    assert in_articles >= 3
    years = {read_front_matter(p.read_text(), p.name).values["date"][:4] for p in tips}  # type: ignore[index]
    assert len(years) >= 5


def test_generated_coaches_follow_the_schema_and_lie_in_great_britain(tmp_path: Path) -> None:
    content = benchgen.make_content(5, 40, 7)
    benchgen.write_ours(content, tmp_path)
    files = sorted((tmp_path / "coaches").glob("*.yml"))
    assert len(files) == 40
    places = {p["name"]: p for p in benchgen.gb_places()}
    with_coordinates = 0
    for path in files:
        coach = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", path.stem)
        assert {"name", "place", "country", "specialties", "coaching", "bio", "joined"} <= coach.keys()
        assert coach["country"] == "GB" and coach["place"] in places
        assert places[coach["place"]]["admin1code"] in ("ENG", "SCT", "WLS")
        assert set(coach["specialties"]) <= {"trail", "fell", "road", "ultra", "beginners"}
        assert set(coach["coaching"]) <= {"in-person", "online", "groups"}
        assert "email" in coach or "contact_url" in coach
        assert ("latitude" in coach) == ("longitude" in coach)
        if "latitude" in coach:
            with_coordinates += 1
            assert abs(coach["latitude"] - places[coach["place"]]["latitude"]) < 0.05
            assert 49.8 < coach["latitude"] < 61 and -8.7 < coach["longitude"] < 2
    assert 5 < with_coordinates < 35


def test_the_stock_layout_has_the_same_tips_as_material_blog_posts(tmp_path: Path) -> None:
    content = benchgen.make_content(20, 0, 7)
    benchgen.write_stock(content, tmp_path)
    posts = sorted((tmp_path / "blog" / "posts").glob("*.md"))
    assert [p.stem for p in posts] == sorted(t.slug for t in content.tips)
    for path in posts:
        front, body = path.read_text(encoding="utf-8").split("---\n", 2)[1:]
        meta = yaml.safe_load(front)
        assert meta["date"] and meta["categories"] and meta["tags"]
        assert set(meta.get("authors", [])) <= set(
            yaml.safe_load((tmp_path / "blog/.authors.yml").read_text())["authors"]
        )
        assert "<!-- more -->" in body
        for link in re.findall(r"\]\(([^)]+\.md)\)", body):
            assert (path.parent / link).resolve().is_file(), (path.name, link)


def test_timed_parts_nested_in_others_are_counted_once_and_written_as_json(tmp_path: Path) -> None:
    timings = Timings()
    with timings.part("outer"):
        time.sleep(0.02)
        with timings.part("inner"):
            time.sleep(0.05)
    with timings.part("inner"):
        time.sleep(0.01)
    timings.count("cards_rendered", 3)
    assert 0.015 < timings.seconds["outer"] < timings.seconds["inner"]  # its own 0.02 s, not inner's
    assert timings.seconds["inner"] >= 0.06 and timings.calls["inner"] == 2
    assert timings.write_if_requested({}) is None
    path = timings.write_if_requested({"COACHBLOG_TIMINGS": str(tmp_path / "t" / "timings.json")})
    assert path is not None
    data = json.loads(path.read_text())
    assert data["counters"] == {"cards_rendered": 3}
    assert data["plugin_seconds"] == data["parts"]["outer"] + data["parts"]["inner"]
    assert "inner" in timings.summary().split(",")[0]


def _with_scripts() -> dict[str, str]:
    """The environment with scripts/ on the path, as `make bench` runs `python -m bench`."""
    paths = [str(REPO / "scripts"), *filter(None, [os.environ.get("PYTHONPATH")])]
    return {**os.environ, "PYTHONPATH": os.pathsep.join(paths)}


def _bench(*args: str, out: Path) -> str:
    command = [sys.executable, "-m", "bench", "--out", str(out), *args]
    done = subprocess.run(
        command, capture_output=True, text=True, timeout=600, check=False, env=_with_scripts()
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


def _rows(markdown: str, heading: str) -> list[list[str]]:
    section = markdown.split(f"## {heading}\n", 1)[1].split("\n## ", 1)[0]
    lines = [line for line in section.splitlines() if line.startswith("| ")]
    return [[cell.strip() for cell in line.strip("|").split("|")] for line in lines[1:]]


def test_a_small_run_without_the_stock_variant_prints_and_writes_the_table(tmp_path: Path) -> None:
    printed = _bench(
        "--sizes",
        "5",
        "--coaches",
        "4",
        "--repeat",
        "1",
        "--no-stock",
        "--no-weights",
        "--no-coach-rate",
        out=tmp_path,
    )
    written = (tmp_path / "results.md").read_text(encoding="utf-8")
    assert written in printed
    builds = {row[2]: row for row in _rows(written, "Builds")}
    assert set(builds) == {"(1) our site", "(1b) our site, no coach files", "(2) plugin off"}
    ours, bare, plain = (
        builds["(1) our site"],
        builds["(1b) our site, no coach files"],
        builds["(2) plugin off"],
    )
    # The four coach profiles, the no-JavaScript list of their country, and the online-only list if one
    # of them coaches only online.
    assert bare[:2] == ["5", "0"] and int(ours[6]) - int(bare[6]) in (5, 6)
    assert ours[:2] == ["5", "4"] and float(ours[3]) > 0 and float(ours[4]) > 0 and float(ours[5]) > 10
    assert int(ours[6]) > int(plain[6]) >= 5  # our plugin adds the tip index and tag pages
    assert (tmp_path / "sites/n5-m4/ours/site/tips/index.html").is_file()
    assert not (tmp_path / "sites/n5-m4/plain/site/tips/index.html").exists()
    ratios = _rows(written, "Ratios")
    assert (
        ratios[0][0] == "5" and float(ratios[0][1]) > 0 and ratios[0][2] == "n/a" and float(ratios[0][3]) > 0
    )
    assert float(ratios[0][4]) > 0 and ratios[0][5] == "n/a" and float(ratios[0][6]) > 0
    targets = written.split("## Targets (issue 24)", 1)[1].split("```")[1].strip().splitlines()
    assert len(targets) == 5 and all(line.startswith("n/a") for line in targets)
    parts = {row[1] for row in _rows(written, "Share of build time per part of our plugin")}
    assert {"posts", "page_decorate", "**plugin, all parts**"} <= parts


def test_the_serve_check_times_dirty_builds_and_the_served_edit(tmp_path: Path) -> None:
    printed = _bench("--serve-check", "--sizes", "4", "--coaches", "3", out=tmp_path)
    lines = printed.strip().splitlines()
    lines = lines[next(i for i, line in enumerate(lines) if line.startswith("Dirty builds")) :]
    assert re.fullmatch(r"Dirty builds as `make serve` runs them: 4 tips, 3 coaches, \d+ pages", lines[0])
    assert re.fullmatch(r"  clean build: [\d.]+ s \(median of 2\)", lines[1])
    # Each dirty build rendered only the page whose text changed, and drew and read nothing again.
    assert re.fullmatch(
        r"  dirty build after one tip's text changed: [\d.]+ s \(median of 5; [\d.]+-[\d.]+\), "
        r"pages rendered: 1, 1, 1, 1, 1; last: cards_rendered=0, coach_files_read=0",
        lines[2],
    ), lines[2]
    assert re.fullmatch(
        r"  save to served page \(`mkdocs serve --dirty`\): [\d.]+ s \(median of 5; .*\)", lines[3]
    )
    assert re.match(r"(PASS|FAIL)  a dirty build at most 15% of a clean", lines[4])
    assert re.match(r"(PASS|FAIL)  the edited page served within 1 s: [\d.]+ s", lines[5])
    assert lines[6:] == [
        "PASS  the rebuild renders no social card again: cards_rendered=0",
        "PASS  the rebuild re-reads no coach file: coach_files_read=0",
    ]
    # The server answered with each edit's words (else the check fails): they are in the files.
    tips = "".join(p.read_text() for p in (tmp_path / "serve-check/n4/ours/docs/tips").glob("*.md"))
    assert "Saved under serve, edit 0" in tips and "A sentence added by the serve check, build 4." in tips


def test_the_coach_rate_table_counts_the_profiles_each_size_wrote(tmp_path: Path) -> None:
    command = [
        sys.executable,
        "-c",
        "from pathlib import Path; from bench import bench_coaches; "
        f"print(bench_coaches.report(Path({str(tmp_path)!r}), (3, 6)))",
    ]
    printed = subprocess.run(
        command, check=True, capture_output=True, text=True, cwd=REPO, env=_with_scripts()
    ).stdout
    rows = [line.split("|")[1:-1] for line in printed.splitlines() if re.match(r"\| [0-9]", line)]
    assert [(r[0].strip(), r[2].strip()) for r in rows] == [("3", "3"), ("6", "6")]
    assert float(rows[0][4]) == 1.0 and float(rows[1][3]) > 0


def test_the_readme_command_runs_the_benchmark_package() -> None:
    """`python scripts/bench.py`, as README.md writes it, is `python -m bench` (scripts/bench/)."""
    command = [sys.executable, str(REPO / "scripts" / "bench.py"), "--help"]
    done = subprocess.run(command, capture_output=True, text=True, timeout=60, check=False, cwd=REPO)
    assert done.returncode == 0, done.stderr
    assert "--serve-check" in done.stdout

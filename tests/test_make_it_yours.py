"""`make init` (scripts/make_it_yours.py): an owner names the site, gives its address and repository, and
every sample goes, after being listed; it never removes the owner's own writing and refuses a second run.

The tests make their own site with stand-ins for the samples (under the samples' names), so they hold
whether or not this repository still ships the samples.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
import yaml

from coachblog.site_config import load_yaml
from tests.content import run
from tests.helpers import REPO, Site, parse, texts

sys.path.insert(0, str(REPO / "scripts"))
import make_it_yours  # scripts/make_it_yours.py

CONFIG = """\
site_name: Run tips from coaches
site_description: Short running tips.
site_author: Run tips from coaches
# The deploy workflow sets SITE_URL to the Pages address; the default is for local builds.
site_url: !ENV [SITE_URL, "https://example.github.io/run-tips/"]
repo_url: !ENV [REPO_URL, null]
copyright: Ideas in the article come from someone else.
theme:
  name: material
  font: false
  custom_dir: {overrides}
nav:
  - Home: index.md
  - Lost your run mojo?: articles/lost-your-run-mojo.md
  - Tips: tips/index.md
  - About: about.md  # the site's story
plugins:
  - search
  - coachblog:
      social_cards: false
validation:
  nav:
    omitted_files: ignore
"""
OPTIONS = [
    "--name",
    "Fell tips: from Keswick",
    "--description",
    "Fell running tips, one a week.",
    "--site-url",
    "https://ffion.github.io/fell-tips",
    "--repo",
    "https://github.com/ffion/fell-tips.git",
    "--owner",
    "Ffion Hale",
]
SAMPLE_TIP = (
    "---\ntitle: {title}\nsummary: A sample.\ndate: 2025-11-20\ntags: [sample]\n{extra}---\n\nText.\n"
)


@pytest.fixture
def shipped(tmp_path: Path) -> Site:
    """A site as the project ships it: stand-ins for every sample post, coach and picture."""
    (tmp_path / "mkdocs.yml").write_text(CONFIG.format(overrides=REPO / "overrides"), encoding="utf-8")
    site = Site(tmp_path)
    site.write("index.md", "# Home\n\n<!-- newest-tips -->\n")
    site.write("about.md", "# About\n\nAbout the samples.\n")
    for rel in make_it_yours.SAMPLE_POSTS:
        if rel.startswith("articles/"):
            site.write(rel, SAMPLE_TIP.format(title="The article", extra="").replace("tags: [sample]\n", ""))
        else:
            site.write(rel, SAMPLE_TIP.format(title=Path(rel).stem, extra=""))
    site.write("coaches/sample-coach-alex.yml", "# SAMPLE ENTRY\nname: Sample\n")
    site.write("coaches/marked.yml", "# SAMPLE ENTRY: made up\nname: Marked\n")
    site.write("coaches/README.md", "One file per coach.\n")
    (site.docs / "assets" / "images" / "tips").mkdir(parents=True)
    (site.docs / "assets" / "images" / "tips" / "LICENCE.txt").write_text("CC0\n", encoding="utf-8")
    return site


def test_it_lists_the_samples_then_removes_them_and_makes_the_site_the_owners(shipped: Site) -> None:
    result = run("make_it_yours.py", *OPTIONS, "--yes", cwd=shipped.root)
    assert result.returncode == 0, result.stderr
    for rel in make_it_yours.SAMPLE_POSTS:
        assert f"  {rel}\n" in result.stdout
        assert not (shipped.docs / rel).exists()
    assert "  coaches/sample-coach-alex.yml\n" in result.stdout and "  coaches/marked.yml\n" in result.stdout
    assert "  assets/images/tips/LICENCE.txt\n" in result.stdout
    assert sorted(p.name for p in (shipped.docs / "coaches").iterdir()) == ["README.md"]
    assert not (shipped.docs / "assets" / "images" / "tips").exists()
    assert not (shipped.docs / "articles").exists()
    text = (shipped.root / "mkdocs.yml").read_text(encoding="utf-8")
    assert "# The deploy workflow sets SITE_URL" in text, "comments are kept"
    assert "  - About: about.md  # the site's story\n" in text
    assert "lost-your-run-mojo" not in text
    shipped.build()
    config = shipped.built_with
    assert config is not None and shipped.warnings == []
    assert config["site_name"] == "Fell tips: from Keswick"
    assert config["site_description"] == "Fell running tips, one a week."
    assert config["site_author"] == "Ffion Hale"
    assert config["site_url"] == "https://ffion.github.io/fell-tips/"
    assert config["repo_url"] == "https://github.com/ffion/fell-tips"
    home = parse(shipped.html(""))
    assert texts(home, "//h1") == ["Fell tips: from Keswick"]
    assert set(home.xpath("//a[contains(@class, 'md-source')]/@href")) == {
        "https://github.com/ffion/fell-tips"
    }
    assert "Ffion Hale" in " ".join(texts(parse(shipped.html("about/")), "//article//p"))


def test_it_refuses_a_second_run(shipped: Site) -> None:
    assert run("make_it_yours.py", *OPTIONS, "--yes", cwd=shipped.root).returncode == 0
    before = (shipped.root / "mkdocs.yml").read_text(encoding="utf-8")
    again = run("make_it_yours.py", *OPTIONS, "--yes", cwd=shipped.root)
    assert again.returncode == 1
    assert "No samples are left: this site is yours already" in again.stderr
    assert (shipped.root / "mkdocs.yml").read_text(encoding="utf-8") == before


def test_it_never_removes_the_owners_own_writing(shipped: Site) -> None:
    own = shipped.write("tips/my-first-tip.md", SAMPLE_TIP.format(title="Mine", extra=""))
    coach = shipped.write("coaches/ffion-hale.yml", "name: Ffion Hale\n")
    result = run("make_it_yours.py", *OPTIONS, "--yes", cwd=shipped.root)
    assert result.returncode == 1
    assert (
        "  docs/tips/my-first-tip.md\n" in result.stderr
        and "  docs/coaches/ffion-hale.yml\n" in result.stderr
    )
    assert own.is_file() and coach.is_file()
    assert all((shipped.docs / rel).is_file() for rel in make_it_yours.SAMPLE_POSTS), "nothing was removed"


def test_without_a_terminal_it_needs_every_answer_and_a_yes(shipped: Site) -> None:
    missing = run("make_it_yours.py", "--name", "X", cwd=shipped.root)
    assert missing.returncode == 2
    assert "--description, --owner, --repo, --site-url" in missing.stderr
    unconfirmed = run("make_it_yours.py", *OPTIONS, cwd=shipped.root)
    assert unconfirmed.returncode == 1
    assert "add --yes to go ahead. Nothing changed." in unconfirmed.stderr
    assert all((shipped.docs / rel).is_file() for rel in make_it_yours.SAMPLE_POSTS)


@pytest.mark.parametrize(
    ("flag", "value", "said"),
    [
        ("--site-url", "http://ffion.github.io/", "--site-url must be an https:// address"),
        ("--repo", "just-a-name", "--repo must be your GitHub repository as owner/name"),
        ("--owner", " ", "--owner is empty"),
    ],
)
def test_a_wrong_answer_is_named_and_changes_nothing(shipped: Site, flag: str, value: str, said: str) -> None:
    options = list(OPTIONS)
    options[options.index(flag) + 1] = value
    result = run("make_it_yours.py", *options, "--yes", cwd=shipped.root)
    assert result.returncode == 1
    assert said in result.stderr
    assert (shipped.docs / make_it_yours.SAMPLE_POSTS[0]).is_file()


def test_it_can_add_the_owner_as_the_first_coach(shipped: Site) -> None:
    coach = ["--place", "Keswick", "--country", "GB", "--specialties", "fell", "--coaching", "in-person"]
    coach += ["--email", "ffion@example.org", "--bio", "I coach fell runners.", "--no-input"]
    result = run("make_it_yours.py", *OPTIONS, "--yes", "--add-coach", "--", *coach, cwd=shipped.root)
    assert result.returncode == 0, result.stdout + result.stderr
    written = yaml.safe_load((shipped.docs / "coaches" / "ffion-hale.yml").read_text(encoding="utf-8"))
    assert (written["name"], written["place"]) == ("Ffion Hale", "Keswick")
    shipped.build()
    assert shipped.warnings == []
    assert "Ffion Hale" in texts(parse(shipped.html("coaches/ffion-hale/")), "//h1")[0]


def test_asked_questions_suggest_the_pages_address_from_the_repository() -> None:
    answers = iter(["Fell tips", "Tips.", "Ffion Hale", "Ffion/fell-tips", ""])
    asked: list[str] = []

    def read(question: str) -> str:
        asked.append(question)
        return next(answers)

    got = make_it_yours.ask(dict.fromkeys(make_it_yours.QUESTIONS), read)
    assert asked[-1] == "Its address [https://ffion.github.io/fell-tips/]: "
    assert make_it_yours.checked_answers(got).site_url == "https://ffion.github.io/fell-tips/"


def test_the_projects_own_config_takes_each_answer_once_and_stays_valid() -> None:
    answers = make_it_yours.Answers("N: a name", 'Say "hi"', "https://a.github.io/b/", "a/b", "Ann")
    text = make_it_yours.configured((REPO / "mkdocs.yml").read_text(encoding="utf-8"), answers, set())
    for key in ("site_name", "site_description", "site_author", "site_url", "repo_url", "copyright"):
        assert sum(line.startswith(f"{key}:") for line in text.splitlines()) == 1, key
    loaded = load_yaml(text)
    assert (loaded["site_name"], loaded["site_description"]) == ("N: a name", 'Say "hi"')
    assert 'site_url: !ENV [SITE_URL, "https://a.github.io/b/"]' in text


def test_the_licence_file_is_the_one_pyproject_names() -> None:
    licence = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    assert 'license = { text = "MIT" }' in licence
    assert (REPO / "LICENSE").read_text(encoding="utf-8").startswith("MIT License\n")

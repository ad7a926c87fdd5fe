"""The theme parts rendered once per build (theme_cache) give the very bytes Material renders per page."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from jinja2 import DictLoader, Environment, FileSystemBytecodeCache
from mkdocs.utils import get_relative_url
from PIL import Image

from coachblog.templating import keep_compiled
from coachblog.theme_cache import SiteFolders
from tests.helpers import Site, minimal_site

EPOCH = "1800000000"  # after every post, so two builds list the same posts


def _files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def _turn_off(site: Site) -> None:
    config = site.root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    if "  - coachblog:\n" in text:  # the project's own config (with !ENV, which safe_load refuses)
        config.write_text(text.replace("  - coachblog:\n", "  - coachblog:\n      theme_cache: false\n"))
        return
    values = yaml.safe_load(text)
    values["plugins"][0]["coachblog"]["theme_cache"] = False
    config.write_text(yaml.safe_dump(values), encoding="utf-8")


def _with_and_without(site: Site, **overrides: str | bool) -> tuple[dict[str, bytes], dict[str, bytes], int]:
    config = site.build(**overrides)
    memo = config.plugins["coachblog"].theme_memo  # type: ignore[attr-defined]
    cached = _files(site.out)
    shutil.rmtree(site.out)
    _turn_off(site)
    site.build(**overrides)
    return cached, _files(site.out), memo.reused


def test_repo_site_is_byte_identical_with_the_theme_cache(
    repo_site: Site, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    site = repo_site
    # A file inside a tip's own folder (/tips/<slug>/track.png): that tip keeps links of its own.
    folder = site.docs / site.content().tips[0].url
    folder.mkdir(exist_ok=True)
    Image.new("RGB", (8, 8), "green").save(folder / "track.png")
    cached, plain, reused = _with_and_without(site)
    assert sorted(cached) == sorted(plain)
    different = [name for name in cached if cached[name] != plain[name]]
    assert different == []
    pages = sum(name.endswith(".html") for name in cached)
    # nav, search box, palette and config are reused on most pages: far fewer renders than pages x 4
    assert reused > 2 * pages


def test_file_urls_and_nested_nav_are_byte_identical(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    nav = [
        {"Home": "index.md"},
        {"Guides": [{"One": "guides/one.md"}, {"Deep": "guides/deep/two.md"}]},
        {"Tips": "tips/index.md"},
    ]
    site = minimal_site(tmp_path, extra_config={"use_directory_urls": False, "nav": nav})
    site.write("guides/one.md", "# One\n\n## A section\n")
    site.write("guides/deep/two.md", "# Two\n")
    site.write("articles/a.md", "---\ntitle: Article\nsummary: An article.\ndate: 2025-01-01\n---\n\nText.\n")
    for n in range(3):
        site.write(
            f"tips/t{n}.md",
            f"---\ntitle: Tip {n}\nsummary: Tip {n}.\ndate: 2025-01-0{n + 2}\n"
            f"article: a\norder: {n + 1}\ntags: [winter]\n---\n\nText {n}.\n",
        )
    cached, plain, reused = _with_and_without(site)
    assert [n for n in cached if cached[n] != plain.get(n)] == []
    assert reused > 0


@pytest.mark.parametrize("directory_urls", [True, False])
def test_pages_with_one_folder_key_get_the_same_relative_links(directory_urls: bool) -> None:
    def url(path: str) -> str:
        if not directory_urls:
            return path.rstrip("/") + ".html" if path else "index.html"
        return path

    urls = [
        url(p)
        for p in (
            "",
            "about/",
            "tips/",
            "tips/a/",
            "tips/b/",
            "tips/c/",
            "tags/",
            "tags/winter/",
            "coaches/",
            "coaches/x/",
            "deep/er/page/",
        )
    ]
    urls += ["tips/c/photo.png", "assets/stylesheets/main.css", "sitemap.xml"]
    folders = SiteFolders(urls)
    pairs = [(p, q) for p in urls for q in urls if p < q and folders.key(p) == folders.key(q)]
    assert pairs  # some pages do share
    for p, q in pairs:  # ...and any link but to one of the two pages themselves comes out the same
        for target in set(urls) - {p, q}:
            assert get_relative_url(target, p) == get_relative_url(target, q), (p, q, target)
    if directory_urls:
        assert folders.key("tips/a/") == folders.key("tips/b/") != folders.key("tips/c/")


def test_compiled_templates_are_kept_for_the_next_build_and_a_changed_one_is_compiled_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "theme-templates"
    page = {"page.html": "<p>{{ word }}</p>"}
    first = Environment(loader=DictLoader(page))
    keep_compiled(first, folder)
    assert first.get_template("page.html").render(word="one") == "<p>one</p>"
    assert len(list(folder.iterdir())) == 1
    second = Environment(loader=DictLoader(page))  # the next build's environment: nothing compiled again
    keep_compiled(second, folder)
    monkeypatch.setattr(second, "compile", lambda *args, **kwargs: pytest.fail("compiled again"))
    assert second.get_template("page.html").render(word="two") == "<p>two</p>"
    changed = Environment(loader=DictLoader({"page.html": "<b>{{ word }}</b>"}))
    keep_compiled(changed, folder)
    assert changed.get_template("page.html").render(word="three") == "<b>three</b>"


def test_an_environment_with_a_cache_of_its_own_keeps_it(tmp_path: Path) -> None:
    own = FileSystemBytecodeCache(str(tmp_path))
    env = Environment(loader=DictLoader({}), bytecode_cache=own)
    keep_compiled(env, tmp_path / "theme-templates")
    assert env.bytecode_cache is own and not (tmp_path / "theme-templates").exists()

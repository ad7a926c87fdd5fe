"""The built site works where Pages serves it: under a project sub-path, and at the root of a custom domain.

Each test serves a real build on 127.0.0.1 and crawls it from the home page: every internal link,
asset, feed, social image, canonical URL and sitemap entry must answer 200 and stay inside the
site's path; every built page must be reached; a missing page at any depth gets a working 404 page.
"""

from __future__ import annotations

import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from lxml import etree

from tests.helpers import REPO, Served, Site, parse, serve

sys.path.insert(0, str(REPO / "scripts"))
from site_crawl import Crawl, Ref, built_pages, fetch, html_refs  # scripts/site_crawl.py


def assert_whole_site_works(site: Site, served: Served, site_url: str) -> Crawl:
    crawl = Crawl(served, site_url).run(served.url)
    assert crawl.problems == []
    reached = {address.partition("?")[0] for address in crawl.pages}
    assert reached == built_pages(site.out, served), "every page is reached from the home page"
    return crawl


def test_every_link_asset_feed_and_social_image_works_under_a_project_sub_path(
    pages_site: Site, served_pages_site: Served
) -> None:
    crawl = assert_whole_site_works(pages_site, served_pages_site, "https://example.github.io/coach-blog/")
    content = pages_site.content()
    reached = {address.partition("?")[0] for address in crawl.pages}
    own_pages = [t.url for t in content.tips] + [c.url for c in content.coaches]
    assert own_pages and {served_pages_site.page_url(url) for url in own_pages} <= reached
    assert all(urlsplit(r).path.startswith("/coach-blog/") for r in served_pages_site.requests)


def test_every_sitemap_entry_is_a_page_under_the_site_url(
    pages_site: Site, served_pages_site: Served
) -> None:
    sitemap = etree.fromstring((pages_site.out / "sitemap.xml").read_bytes())
    locations = [str(loc) for loc in sitemap.xpath("//*[local-name()='loc']/text()")]
    crawl = Crawl(served_pages_site, "https://example.github.io/coach-blog/")
    for location in locations:
        crawl.check(Ref("canonical", location), served_pages_site.url, "sitemap.xml")
    assert crawl.problems == []
    assert {a.partition("?")[0] for a in crawl.pages} == built_pages(pages_site.out, served_pages_site)


@pytest.mark.parametrize("missing", ["missing", "a/missing.html", "a/b/c/missing", "tips/no-such-tip/"])
def test_a_missing_page_at_any_depth_gets_the_404_page_with_working_links(
    served_pages_site: Served, missing: str
) -> None:
    address = served_pages_site.page_url(missing)
    response = fetch(address)
    assert response.status == 404
    page = parse(response.body.decode("utf-8"))
    assert "404" in " ".join(page.xpath("//h1//text()"))
    crawl = Crawl(served_pages_site, "https://example.github.io/coach-blog/")
    crawl.responses[address] = response
    crawl.check_document(address, response)
    assert crawl.problems == []
    assert len(crawl.responses) > 5  # the stylesheets, script, favicon and nav links were all checked


def test_the_404_page_links_by_absolute_paths_from_the_site_url(pages_site: Site) -> None:
    # MkDocs writes the 404 page's links from site_url's path, so they work at any depth.
    page = parse((pages_site.out / "404.html").read_text(encoding="utf-8"))
    internal = [r.url for r in html_refs(page) if not urlsplit(r.url).scheme and not r.url.startswith("#")]
    assert internal
    assert [u for u in internal if not u.startswith("/coach-blog/")] == []


def test_a_site_url_without_its_final_slash_still_gives_the_sub_path(
    repo_site: Site, monkeypatch: pytest.MonkeyPatch
) -> None:
    # actions/configure-pages gives base_url without a final slash; the workflow passes it as SITE_URL.
    monkeypatch.setenv("SITE_URL", "https://example.github.io/coach-blog")
    assert repo_site.config()["site_url"] == "https://example.github.io/coach-blog/"


def test_the_site_works_at_the_root_of_a_custom_domain(repo_site: Site) -> None:
    site = repo_site
    site.build(site_url="https://tips.example.org/")
    assert site.warnings == []
    with serve(site.out, "/") as served:
        crawl = assert_whole_site_works(site, served, "https://tips.example.org/")
        missing = fetch(served.page_url("a/b/c/missing"))
        assert missing.status == 404
        crawl.check_document(served.page_url("a/b/c/missing"), missing)
    assert crawl.problems == []
    canonical = crawl.pages[served.url].xpath("//link[@rel='canonical']/@href")
    assert canonical == ["https://tips.example.org/"]


def test_the_crawl_reports_each_kind_of_broken_reference(tmp_path: Path) -> None:
    (tmp_path / "style.css").write_text("body { background: url(missing.png); }", encoding="utf-8")
    (tmp_path / "ok").mkdir()
    (tmp_path / "ok" / "index.html").write_text("<p id='here'>fine</p>", encoding="utf-8")
    (tmp_path / "index.html").write_text(
        "<html><head><link rel='canonical' href='index.html'><link rel='stylesheet' href='style.css'>"
        "<meta property='og:image' content='https://elsewhere.example/card.png'></head><body>"
        "<a href='ok/'>fine</a> <a href='ok/#here'>fine</a> <a href='ok/#gone'>anchor</a>"
        "<a href='nowhere/'>missing</a> <a href='/other-repo/'>outside</a> <a href='#top'>top</a>"
        "<a href='https://example.github.io/coach-blog/ok/'>absolute, fine</a>"
        "<img src='https://example.github.io/elsewhere.png' alt=''>"
        "<script src='https://cdn.example.net/x.js'></script><a href='https://github.com/o/r'"
        " data-md-component='source'>repo</a><link rel='me' href='https://social.example.net/@me'>"
        "</body></html>",
        encoding="utf-8",
    )
    with serve(tmp_path, "/coach-blog/") as served:
        problems = Crawl(served, "https://example.github.io/coach-blog/").run(served.url).problems
    assert sorted(problems) == sorted(
        [
            "/coach-blog/: canonical 'index.html' is not an absolute URL under https://example.github.io/coach-blog/",
            "/coach-blog/: social image 'https://elsewhere.example/card.png' is not an absolute URL under "
            "https://example.github.io/coach-blog/",
            "/coach-blog/: link 'ok/#gone': no element with id 'gone' on the page",
            "/coach-blog/: link 'nowhere/' answers 404",
            "/coach-blog/: link '/other-repo/' points outside /coach-blog/",
            "/coach-blog/: link '#top': no element with id 'top' on the page",
            "/coach-blog/: loads 'https://example.github.io/elsewhere.png' from outside the site (a page may "
            "load only the site's own files)",
            "/coach-blog/style.css: asset 'missing.png' answers 404",
            "/coach-blog/: loads 'https://cdn.example.net/x.js' from outside the site (a page may load only "
            "the site's own files)",
            '/coach-blog/: Material\'s repository widget (data-md-component="source") makes every '
            "reader's browser ask api.github.com; overrides/partials/source.html keeps it a plain link",
        ]
    )

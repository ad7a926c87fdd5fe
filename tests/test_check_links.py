"""scripts/check_links.py, coaches/link_check.py and scripts/links_issue.py: dead, moved and parked links
and stale entries told apart on a local server standing in for coaches' sites (coach files say
https://example.org/..., --map sends that to 127.0.0.1), bounded whatever a server does; and the weekly
issue opened, updated and closed on a local stand-in for GitHub's API."""

from __future__ import annotations

import datetime as dt
import re
import socket
import subprocess
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
import yaml

from coachblog.coaches import link_check
from coachblog.coaches.fields import CoachSource, Folder, parse_coach
from tests.content import coach, run
from tests.helpers import REPO, FakeGitHub, Site, by_class, listening, parse, texts

ALEX = "docs/coaches/alex-example.yml"
ORIGIN = "https://example.org"  # what the coach files say; --map sends it to the stand-in
WEBSITE_LINE = 6  # the line of `website:` in tests.content.GOOD
TIMEOUT = 1.0
BOUND = 15.0  # seconds the whole run may take with --timeout 1
TODAY = "2026-01-15"  # GOOD joined 2025-11-01: fresh
PLUGINS = str(REPO / "plugins")
SITE = """\
site_name: Test coaches
site_url: https://example.org/blog/
repo_url: https://github.com/example/coach-blog
plugins:
  - coachblog
"""

# ---------------------------------------------------------------- the stand-in for coaches' sites


def page(text: str) -> tuple[int, dict[str, str], bytes]:
    return 200, {"Content-Type": "text/html; charset=utf-8"}, text.encode()


LIVE = page("<!doctype html><title>Alex coaches trail running</title><p>Hill sessions every week.</p>")


@dataclass
class Sites:
    """What the stand-in was asked, and the switches its pages share."""

    port: int = 0
    log: list[tuple[str, str, str]] = field(default_factory=list)  # (method, path, User-Agent)
    seen: set[str] = field(default_factory=set)
    sent: dict[str, int] = field(default_factory=dict)  # bytes of a body written, by path
    stop: threading.Event = field(default_factory=threading.Event)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def first_time(self, path: str) -> bool:
        with self.lock:
            new = path not in self.seen
            self.seen.add(path)
            return new

    def asked(self, path: str) -> list[str]:
        return [method for method, asked, _ in self.log if asked == path]


Route = Callable[["_Handler", bool], None]


class _Handler(BaseHTTPRequestHandler):
    sites: Sites
    routes: dict[str, Route]

    def do_HEAD(self) -> None:
        self._route(head=True)

    def do_GET(self) -> None:
        self._route(head=False)

    def _route(self, head: bool) -> None:
        path = self.path.split("?")[0]
        self.sites.log.append((self.command, path, self.headers.get("User-Agent", "")))
        name = path.strip("/").split("/")[0]
        self.routes.get(name, _not_found)(self, head)

    def answer(self, status: int, headers: dict[str, str] | None = None, body: bytes = b"") -> None:
        self.send_response(status)
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def redirect(self, status: int, location: str) -> None:
        self.answer(status, {"Location": location})

    def log_message(self, format: str, *args: Any) -> None:
        pass


def _not_found(h: _Handler, head: bool) -> None:
    h.answer(404, {"Content-Type": "text/html"}, b"<title>Not found</title>")


def _hang(h: _Handler, head: bool) -> None:
    h.sites.stop.wait(60)  # says nothing at all


def _drip(h: _Handler, head: bool) -> None:
    """The status line, a byte a second, for ever."""
    for byte in b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" * 100:
        if h.sites.stop.wait(1):
            return
        try:
            h.wfile.write(bytes([byte]))
            h.wfile.flush()
        except OSError:
            return


def _drip_body(h: _Handler, head: bool) -> None:
    """Headers at once, then the body a byte a second."""
    h.send_response(200)
    h.send_header("Content-Type", "text/html")
    h.send_header("Content-Length", "100000")
    h.end_headers()
    if head:
        return
    h.wfile.write(b"<title>Slow but alive</title>")
    h.wfile.flush()
    while not h.sites.stop.wait(1):
        try:
            h.wfile.write(b"x")
            h.wfile.flush()
        except OSError:
            return


def _huge(h: _Handler, head: bool) -> None:
    """50 MB of page."""
    size = 50 * 1024 * 1024
    h.send_response(200)
    h.send_header("Content-Type", "text/html")
    h.send_header("Content-Length", str(size))
    h.end_headers()
    if head:
        return
    chunk = b"<p>" + b"a" * (64 * 1024 - 3)
    sent = 0
    try:
        while sent < size:
            h.wfile.write(chunk)
            sent += len(chunk)
    except OSError:
        pass
    h.sites.sent[h.path] = sent


def _head_refused(h: _Handler, head: bool) -> None:
    if head:
        h.answer(405, {"Allow": "GET"})
    else:
        h.answer(*LIVE)


def _flaky(h: _Handler, head: bool) -> None:
    if h.sites.first_time(h.path):
        h.answer(500, {"Content-Type": "text/plain"}, b"try again")
    else:
        h.answer(*LIVE)


def _photo(h: _Handler, head: bool) -> None:
    h.answer(200, {"Content-Type": "image/jpeg"}, b"\xff\xd8\xff" + b"\0" * 100)


def _endless(h: _Handler, head: bool) -> None:
    number = int(h.path.rstrip("/").rsplit("/", 1)[-1] or 0) if h.path.count("/") > 1 else 0
    h.redirect(302, f"/endless/{number + 1}")


ROUTES: dict[str, Route] = {
    "live": lambda h, head: h.answer(*LIVE),
    "alex": lambda h, head: h.answer(*LIVE),  # tests.content.GOOD's website
    "new-home": lambda h, head: h.answer(*LIVE),
    "dead": _not_found,
    "moved": lambda h, head: h.redirect(301, f"{ORIGIN}/new-home"),
    "moved-308": lambda h, head: h.redirect(308, "/new-home"),
    "temporary": lambda h, head: h.redirect(302, "/landing"),
    "landing": lambda h, head: h.answer(*LIVE),
    "see-other": lambda h, head: h.redirect(303, "/temporary"),
    "temporary-then-moved": lambda h, head: h.redirect(307, "/moved"),
    "parked": lambda h, head: h.answer(
        *page("<title>Welcome</title><h1>This domain is for sale!</h1><p>Make an offer today.</p>")
    ),
    "parking-redirect": lambda h, head: h.redirect(302, "https://www.sedoparking.com/example.org"),
    "hang": _hang,
    "drip": _drip,
    "drip-body": _drip_body,
    "huge": _huge,
    "bad-utf8": lambda h, head: h.answer(
        200,
        {"Content-Type": "text/html; charset=utf-8"},
        b"<title>Caf\xe9 \xff\xfe</title><p>\xc3\x28 trails</p>",
    ),
    "bad-utf8-parked": lambda h, head: h.answer(
        200,
        {"Content-Type": "text/html; charset=utf-8"},
        b"\xff\xfe<p>Buy this \xc3\x28 domain?</p><p>BUY  THIS DOMAIN</p>",
    ),
    "loop": lambda h, head: h.redirect(302, "/loop-back"),
    "loop-back": lambda h, head: h.redirect(302, f"{ORIGIN}/loop"),
    "endless": _endless,
    "head-refused": _head_refused,
    "flaky": _flaky,
    "broken": lambda h, head: h.answer(500, {"Content-Type": "text/plain"}, b"down"),
    "forbidden": lambda h, head: h.answer(403, {"Content-Type": "text/html"}, b"<title>Bots go away</title>"),
    "to-loopback": lambda h, head: h.redirect(302, f"http://127.0.0.1:{h.sites.port}/loopback-target"),
    "loopback-target": lambda h, head: h.answer(*LIVE),
    "to-private": lambda h, head: h.redirect(301, "https://192.168.1.10/admin"),
    "to-localhost": lambda h, head: h.redirect(307, "https://localhost/"),
    "photo.jpg": _photo,
}


@pytest.fixture(scope="module")
def sites() -> Iterator[Sites]:
    state = Sites()
    handler = type("Handler", (_Handler,), {"sites": state, "routes": ROUTES})
    with listening(handler) as port:
        state.port = port
        try:
            yield state
        finally:
            state.stop.set()  # let the hanging pages go before the server stops


def mapping(sites: Sites) -> str:
    return f"{ORIGIN}/=http://127.0.0.1:{sites.port}/"


def site_folder(root: Path, files: dict[str, str]) -> Path:
    """A site folder with a minimal mkdocs.yml and these coach files (name -> text)."""
    (root / "mkdocs.yml").write_text(SITE, encoding="utf-8")
    folder = root / "docs" / "coaches"
    folder.mkdir(parents=True)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return root


def check_links(root: Path, *args: str) -> tuple[int, list[str], float]:
    """Run the script in `root` as the workflow does: exit status, output lines, seconds taken."""
    start = time.monotonic()
    result = run("check_links.py", *args, cwd=root, PYTHONPATH=PLUGINS)
    took = time.monotonic() - start
    assert result.stderr == "" or result.returncode == 2, result.stderr
    return result.returncode, result.stdout.splitlines(), took


def reported(lines: list[str]) -> list[str]:
    return [line for line in lines if line.startswith("docs/")]


# ---------------------------------------------------------------- the whole run, as a person runs it

DEAD = "correct the link or delete the line"
UNSAFE = "give the public address it should lead to, or delete the line"
PARKED = "the domain no longer seems to be yours: give your current address or delete the line"
# One coach file a case, its website at https://example.org/<path>; None: nothing to report.
CASES: dict[str, tuple[str, str | None]] = {
    "live": ("live", None),
    "dead": ("dead", f"https://example.org/dead answers 404 Not Found ({DEAD})"),
    "moved": (
        "moved",
        "https://example.org/moved has moved permanently to https://example.org/new-home "
        "(write 'website: https://example.org/new-home')",
    ),
    "moved-308": (
        "moved-308",
        "https://example.org/moved-308 has moved permanently to https://example.org/new-home "
        "(write 'website: https://example.org/new-home')",
    ),
    "temporary": ("temporary", None),
    "see-other": ("see-other", None),
    "temporary-then-moved": ("temporary-then-moved", None),
    "parked": (
        "parked",
        f"https://example.org/parked looks like a parked or for-sale domain: the page says "
        f"'this domain is for sale' ({PARKED})",
    ),
    "parking-redirect": (
        "parking-redirect",
        "https://example.org/parking-redirect redirects to https://www.sedoparking.com/example.org on "
        f"sedoparking.com: a parked or for-sale domain ({PARKED})",
    ),
    "hang": ("hang", f"https://example.org/hang did not answer within 1 s ({DEAD})"),
    "drip": ("drip", f"https://example.org/drip did not answer within 1 s ({DEAD})"),
    "drip-body": ("drip-body", None),
    "huge": ("huge", None),
    "bad-utf8": ("bad-utf8", None),
    "bad-utf8-parked": (
        "bad-utf8-parked",
        f"https://example.org/bad-utf8-parked looks like a parked or for-sale domain: the page says "
        f"'buy this domain' ({PARKED})",
    ),
    "loop": (
        "loop",
        "https://example.org/loop redirects in a loop: https://example.org/loop -> "
        f"https://example.org/loop-back -> https://example.org/loop ({DEAD})",
    ),
    "endless": ("endless/0", f"https://example.org/endless/0 redirects more than 5 times ({DEAD})"),
    "head-refused": ("head-refused", None),
    "flaky": ("flaky/run", None),
    "broken": ("broken", f"https://example.org/broken answers 500 Internal Server Error, twice ({DEAD})"),
    "forbidden": ("forbidden", None),
    "to-loopback": (
        "to-loopback",
        "https://example.org/to-loopback redirects to http://127.0.0.1:{port}/loopback-target, which is a "
        "link to an "
        f"IP address, not a site name: not followed ({UNSAFE})",
    ),
    "to-private": (
        "to-private",
        "https://example.org/to-private redirects to https://192.168.1.10/admin, which is a link to an IP "
        f"address, not a site name: not followed ({UNSAFE})",
    ),
    "to-localhost": (
        "to-localhost",
        "https://example.org/to-localhost redirects to https://localhost/, which is a link to this "
        f"computer: not followed ({UNSAFE})",
    ),
}


@dataclass(frozen=True)
class Run:
    status: int
    lines: list[str]
    took: float
    log: list[tuple[str, str, str]]  # what the stand-in was asked during the run
    sent: dict[str, int]

    def asked(self, path: str) -> list[str]:
        return [method for method, asked, _ in self.log if asked == path]


@pytest.fixture(scope="module")
def every_case(sites: Sites, tmp_path_factory: pytest.TempPathFactory) -> Run:
    files = {
        f"{name}.yml": coach(name=f"Coach {name}", website=f"{ORIGIN}/{path}")
        for name, (path, _) in CASES.items()
    }
    root = site_folder(tmp_path_factory.mktemp("every-case"), files)
    before = len(sites.log)
    status, lines, took = check_links(root, "--timeout", "1", "--map", mapping(sites), "--today", TODAY)
    return Run(status, lines, took, sites.log[before:], dict(sites.sent))


def test_each_kind_of_broken_link_is_one_line_naming_file_line_field_and_what_to_do(
    every_case: Run, sites: Sites
) -> None:
    expected = [
        f"docs/coaches/{name}.yml:{WEBSITE_LINE}: field 'website': {message.format(port=sites.port)}"
        for name, (_, message) in sorted(CASES.items(), key=lambda case: f"{case[0]}.yml")
        if message
    ]
    assert reported(every_case.lines) == expected
    assert every_case.status == 1
    assert every_case.lines[-1] == f"{len(expected)} thing(s) to fix in {len(CASES)} coach files."


def test_the_whole_run_takes_a_bounded_time_whatever_the_servers_do(every_case: Run) -> None:
    # Hanging, dripping, 50 MB and endless redirects each cost at most their timeout.
    assert every_case.took < BOUND


def test_a_huge_page_is_read_only_as_far_as_the_parking_check_needs(every_case: Run) -> None:
    assert 0 < every_case.sent["/huge"] < 50 * 1024 * 1024


def test_head_comes_first_and_get_follows_only_where_head_is_refused_or_a_page_is_read(
    every_case: Run,
) -> None:
    assert every_case.asked("/live") == ["HEAD", "GET"], "HEAD, then the page's first bytes"
    assert every_case.asked("/head-refused") == ["HEAD", "GET"]
    assert every_case.asked("/flaky/run") == ["HEAD", "GET"], "one retry, with GET, after the 500"
    assert every_case.asked("/broken") == ["HEAD", "GET"], "at most one retry"
    assert every_case.asked("/dead") == ["HEAD", "GET"], "a 4xx on HEAD is asked again with GET"
    assert every_case.asked("/hang") == ["HEAD"], "no retry after a timeout"
    assert every_case.asked("/endless/5") == ["HEAD"] and every_case.asked("/endless/6") == []


def test_a_redirect_to_the_mapping_targets_own_address_is_refused_like_any_ip_address(
    every_case: Run,
) -> None:
    assert every_case.asked("/to-loopback") == ["HEAD"]
    assert every_case.asked("/loopback-target") == []


def test_requests_say_which_site_is_asking(every_case: Run) -> None:
    agents = {agent for _, _, agent in every_case.log}
    assert agents == {
        "coachblog-link-check/1.0 (Test coaches: weekly check of the coach directory's links; "
        "+https://example.org/blog/)"
    }


def test_every_link_an_entry_publishes_is_checked_on_its_own_line(sites: Sites, tmp_path: Path) -> None:
    text = (
        coach(contact_url=f"{ORIGIN}/dead", photo=f"{ORIGIN}/photo.jpg")
        + "social:\n  strava: https://example.org/moved\n  mastodon: '@coach@example.org'\n"
    )
    root = site_folder(tmp_path, {"alex-example.yml": text})
    status, lines, _ = check_links(root, "--timeout", "1", "--map", mapping(sites), "--today", TODAY)
    assert reported(lines) == [
        f"{ALEX}:10: field 'contact_url': https://example.org/dead answers 404 Not Found ({DEAD})",
        f"{ALEX}:13: field 'social': https://example.org/moved has moved permanently to "
        "https://example.org/new-home (write 'strava: https://example.org/new-home' under social:)",
        f"{ALEX}:14: field 'social': https://example.org/@coach answers 404 Not Found ({DEAD})",
    ]
    assert status == 1
    assert sites.asked("/photo.jpg") == ["HEAD"], "a photo is not a page: HEAD is enough"


def test_a_file_the_schema_rejects_is_one_line_and_the_others_are_still_checked(
    sites: Sites, tmp_path: Path
) -> None:
    files = {
        "alex-example.yml": coach(website=f"{ORIGIN}/dead"),
        "bad-file.yml": coach(website="https://192.168.1.10/", specialties="[trial]"),
        "ok-coach.yml": coach(website=f"{ORIGIN}/live"),
    }
    root = site_folder(tmp_path, files)
    status, lines, _ = check_links(root, "--timeout", "1", "--map", mapping(sites), "--today", TODAY)
    assert reported(lines) == [
        f"{ALEX}:6: field 'website': https://example.org/dead answers 404 Not Found ({DEAD})",
        "docs/coaches/bad-file.yml:4: field 'specialties': the coach file is not accepted: has a value "
        "that is not on the list, got 'trial'; and 1 more problem (Did you mean 'trail'?; "
        "scripts/check_coaches.py docs/coaches/bad-file.yml lists every problem; links are checked once "
        "it passes)",
    ]
    assert status == 1
    assert not [path for _, path, _ in sites.log if "192.168" in path]


def test_named_files_only_are_checked(sites: Sites, tmp_path: Path) -> None:
    files = {
        "alex-example.yml": coach(website=f"{ORIGIN}/dead"),
        "ok-coach.yml": coach(website=f"{ORIGIN}/live"),
    }
    root = site_folder(tmp_path, files)
    status, lines, _ = check_links(
        root, "docs/coaches/ok-coach.yml", "--map", mapping(sites), "--today", TODAY, "--timeout", "1"
    )
    assert (status, reported(lines)) == (0, [])
    assert lines == ["1 coach file checked: every link works and every entry is fresh."]


@pytest.mark.parametrize(
    "args",
    [
        ["--timeout", "soon"],
        ["--timeout", "0"],
        ["--map", "example.org=127.0.0.1"],
        ["--today", "15/01/2026"],
        ["--workers", "0"],
        ["docs/coaches/missing.yml"],
        ["mkdocs.yml"],
    ],
)
def test_bad_arguments_exit_2(tmp_path: Path, args: list[str]) -> None:
    root = site_folder(tmp_path, {"alex-example.yml": coach()})
    status, _, _ = check_links(root, *args)
    assert status == 2


# ---------------------------------------------------------------- stale entries


@pytest.mark.parametrize(
    ("today", "stale"),
    [("2026-11-01", False), ("2026-11-02", True)],
    ids=["365 days after joining", "366 days after joining"],
)
def test_an_entry_never_confirmed_is_stale_a_year_after_joining(
    tmp_path: Path, today: str, stale: bool
) -> None:
    root = site_folder(tmp_path, {"alex-example.yml": coach(website="")})
    status, lines, _ = check_links(root, "--today", today)
    expected = (
        [
            f"{ALEX}:8: field 'joined': entry added and not confirmed since 2025-11-01: "
            f"366 days ago, more than 365 (check every detail is still right, then confirm by setting "
            f"'confirmed: {today}')"
        ]
        if stale
        else []
    )
    assert (status, reported(lines)) == (int(stale), expected)


@pytest.mark.parametrize(
    ("today", "stale"),
    [("2027-06-01", False), ("2027-06-02", True)],
    ids=["365 days after confirming", "366 days after confirming"],
)
def test_confirming_an_entry_starts_its_year_again(tmp_path: Path, today: str, stale: bool) -> None:
    text = coach(website="", confirmed="2026-06-01")
    root = site_folder(tmp_path, {"alex-example.yml": text})
    status, lines, _ = check_links(root, "--today", today)
    expected = [
        f"{ALEX}:9: field 'confirmed': details last confirmed 2026-06-01: 366 days ago, "
        f"more than 365 (check every detail is still right, then confirm by setting 'confirmed: {today}')"
    ]
    assert (status, reported(lines)) == (int(stale), expected if stale else [])


def test_stale_is_counted_from_confirmed_not_joined() -> None:
    source = CoachSource(
        "coaches/alex-example.yml", coach(confirmed="2026-06-01"), "docs/coaches/alex-example.yml"
    )
    report = link_check.check_entries(
        [source], Folder(), link_check.Settings("test"), today=dt.date(2027, 1, 1), fetcher=NoFetch()
    )
    assert report.findings == []


class NoFetch(link_check.Fetcher):
    """A fetcher that says every link works without asking anyone."""

    def __init__(self) -> None:
        super().__init__(link_check.Settings("test"))

    def check(self, url: str, page: bool = True) -> link_check.Verdict | None:
        return None


# ---------------------------------------------------------------- the issue's text


def test_the_issue_has_a_section_per_coach_with_a_mention_and_how_to_fix_in_one_pull_request(
    sites: Sites, tmp_path: Path
) -> None:
    files = {
        "alex-example.yml": coach(website=f"{ORIGIN}/dead", github="alex-example"),
        "sam-example.yml": coach(name="'Sam <b>Bold</b> @octocat #1'", website="", joined="2024-01-01"),
        "ok-coach.yml": coach(website=f"{ORIGIN}/live"),
        "moved-coach.yml": coach(name="Mo Example", website=f"{ORIGIN}/moved"),
    }
    root = site_folder(tmp_path, files)
    issue = tmp_path / "out" / "issue.md"
    status, _, _ = check_links(
        root, "--map", mapping(sites), "--today", TODAY, "--timeout", "1", "--issue", str(issue)
    )
    assert status == 1
    body = issue.read_text(encoding="utf-8")
    assert body.startswith(link_check.ISSUE_MARKER + "\n")
    assert "found 3 thing(s) to look at in 3 of 4 coach entries" in body
    assert f"set `confirmed: {TODAY}`" in body and "one pull request" in body
    edit = "https://github.com/example/coach-blog/edit/main/docs/coaches/"
    assert f"by itself.\n\n### [Alex Example]({edit}alex-example.yml)\n\n" in body
    assert "File `docs/coaches/alex-example.yml`, @alex-example\n" in body
    assert f"- line 6, `website`: `https://example.org/dead` answers 404 Not Found ({DEAD})" in body
    assert (
        "- line 6, `website`: `https://example.org/moved` has moved permanently to "
        "`https://example.org/new-home` (write `website: https://example.org/new-home`)\n"
    ) in body
    # A name is shown as typed: no HTML, no mention, no issue reference.
    assert f"### [Sam &#60;b&#62;Bold&#60;/b&#62; @&#8203;octocat &#35;1]({edit}sam-example.yml)" in body
    assert "@octocat" not in body and "ok-coach" not in body
    assert "- line 8, `joined`: entry added and not confirmed since 2024-01-01: 745 days ago" in body


def test_the_issue_file_is_empty_when_all_is_well(sites: Sites, tmp_path: Path) -> None:
    root = site_folder(tmp_path, {"ok-coach.yml": coach(website=f"{ORIGIN}/live")})
    issue = tmp_path / "issue.md"
    issue.write_text("last week's", encoding="utf-8")
    status, _, _ = check_links(root, "--map", mapping(sites), "--today", TODAY, "--issue", str(issue))
    assert status == 0 and issue.read_text(encoding="utf-8") == ""


def test_the_issue_stays_under_githubs_limit_however_many_entries() -> None:
    findings = [
        link_check.Finding(f"docs/coaches/c{i}.yml", 6, "website", "x" * 300, "y" * 100) for i in range(2000)
    ]
    entries = [link_check.Entry(f.label, "Coach", None, [f]) for f in findings]
    body = link_check.issue_markdown(
        link_check.Report(entries, dt.date(2026, 1, 1)), link_check.site_info(SITE)
    )
    assert len(body) < 65_536 and body.rstrip().endswith("to see them all.")


# ---------------------------------------------------------------- the module's rules, called directly


@pytest.mark.parametrize(
    ("final", "html", "reason"),
    [
        ("https://www.hugedomains.com/domain_profile.cfm?d=x", "", "it ends on hugedomains.com"),
        (
            "https://example.org/",
            "<title>Hi</title><script src='//parking.bodis.com/p.js'></script>",
            "the page loads bodis.com",
        ),
        (
            "https://example.org/",
            "<meta http-equiv='refresh' content='0; url=https://dan.com/buy/x'>",
            "the page loads dan.com",
        ),
        (
            "https://example.org/",
            "<iframe src='https://sedoparking.com/frame'></iframe>",
            "the page loads sedoparking.com",
        ),
        (
            "https://example.org/",
            "<title>This Domain May Be For Sale</title>",
            "the page says 'this domain may be for sale'",
        ),
        ("https://example.org/", "<p>Parking by the track is free</p>", None),
        ("https://example.org/", "<p>This domain\n is parked</p>", "the page says 'domain is parked'"),
        (
            "https://www.alex-runs.example.org/",
            "<title>alex-runs.example.org is for sale</title>",
            "its title says 'alex-runs.example.org is for sale'",
        ),
        ("https://example.org/", "<title>Running shoes for sale</title><p>Old spikes for sale</p>", None),
        ("https://example.org/", "<script>var s = 'buy this domain';</script><p>Coaching</p>", None),
        ("https://jordan.com/", "<a href='https://dan.com/'>a friend</a>", None),
        ("https://example.org/", "<p>Buy  this\tdomain</p><![bogus[ x", "the page says 'buy this domain'"),
        ("https://example.org/", "", None),
    ],
)
def test_a_parked_page_is_told_by_the_documented_rule(final: str, html: str, reason: str | None) -> None:
    assert link_check.parked(final, html.encode(), "text/html") == reason


def test_the_parking_rule_is_documented_where_it_is_defined() -> None:
    doc = link_check.__doc__ or ""
    assert "PARKING_HOSTS" in doc and "PARKED_PHRASES" in doc and "for sale" in doc


def fetcher(sites: Sites | None = None, **settings: Any) -> link_check.Fetcher:
    mapped = ((f"{ORIGIN}/", f"http://127.0.0.1:{sites.port}/"),) if sites else ()
    return link_check.Fetcher(link_check.Settings("test", timeout=TIMEOUT, mapping=mapped, **settings))


def test_a_name_that_does_not_resolve_is_dead() -> None:
    def nowhere(host: str, port: int) -> list[str]:
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    verdict = fetcher(resolver=nowhere).check("https://gone.example.org/")
    assert verdict == link_check.Verdict(
        "https://gone.example.org/ cannot be reached: its name gone.example.org is not found in DNS", DEAD
    )


def test_a_resolver_that_hangs_costs_no_more_than_the_timeout() -> None:
    def slow(host: str, port: int) -> list[str]:
        time.sleep(10)
        return ["93.184.215.14"]

    start = time.monotonic()
    verdict = fetcher(resolver=slow).check("https://slow.example.org/")
    assert time.monotonic() - start < 2 * TIMEOUT
    assert verdict is not None and "did not answer in time" in verdict.wrong


def test_a_public_name_that_resolves_to_this_computer_is_not_fetched(sites: Sites) -> None:
    before = len(sites.log)
    verdict = fetcher(resolver=lambda host, port: ["127.0.0.1"]).check(
        f"https://rebind.example.org:{sites.port}/live"
    )
    assert verdict is not None
    assert verdict.wrong.endswith("leads to 127.0.0.1, which is not a public address: not fetched")
    assert len(sites.log) == before, "nothing was sent"


def test_a_tls_failure_is_dead(sites: Sites) -> None:
    tls = link_check.Fetcher(
        link_check.Settings(
            "test", timeout=TIMEOUT, mapping=((f"{ORIGIN}/", f"https://127.0.0.1:{sites.port}/"),)
        )
    )
    verdict = tls.check(f"{ORIGIN}/live")
    assert verdict is not None and verdict.todo == DEAD
    assert verdict.wrong.startswith("https://example.org/live has no working secure connection: TLS ")


def test_a_drip_of_bytes_is_cut_at_the_deadline_not_at_each_read(sites: Sites) -> None:
    start = time.monotonic()
    verdict = fetcher(sites).check(f"{ORIGIN}/drip")
    assert time.monotonic() - start < TIMEOUT + 0.5
    assert verdict == link_check.Verdict("https://example.org/drip did not answer within 1 s", DEAD)


def test_a_slow_body_still_counts_as_a_live_page(sites: Sites) -> None:
    start = time.monotonic()
    assert fetcher(sites).check(f"{ORIGIN}/drip-body") is None
    assert time.monotonic() - start < 2 * TIMEOUT + 0.5


def test_one_link_costs_at_most_its_budget_however_it_fails(sites: Sites) -> None:
    start = time.monotonic()
    for path in ("hang", "endless/0", "broken", "huge"):
        fetcher(sites).check(f"{ORIGIN}/{path}")
    assert time.monotonic() - start < 4 * link_check.LINK_BUDGET * TIMEOUT


def test_a_link_is_read_as_its_entry_publishes_it() -> None:
    text = (
        coach(photo="https://example.org/p.jpg")
        + "social:\n  instagram: '@alex.runs'\n  mastodon: '@al@mastodon.example.org'\n"
    )
    source = CoachSource("coaches/alex-example.yml", text, "docs/coaches/alex-example.yml")
    found, problems = parse_coach(source, Folder(), (), dt.date(2026, 1, 15))
    assert problems == [] and found is not None
    links = link_check.coach_links(found, link_check.social_lines(source))
    assert [(link.field, link.line, link.url, link.page) for link in links] == [
        ("website", 6, "https://example.org/alex", True),
        ("photo", 10, "https://example.org/p.jpg", False),
        ("social", 12, "https://www.instagram.com/alex.runs/", False),
        ("social", 13, "https://mastodon.example.org/@al", True),
    ]


# ---------------------------------------------------------------- the profile shows the date


def test_a_profile_says_when_its_details_were_confirmed(make_site: Callable[..., Site]) -> None:
    site = make_site()
    site.write("coaches/alex-example.yml", coach(confirmed="2026-01-05"))
    site.write("coaches/sam-example.yml", coach(name="Sam Example", email="sam@example.org", website=""))
    site.build(site_url="https://example.org/blog/")
    confirmed = parse(site.html("coaches/alex-example/"))
    assert texts(confirmed, f"//p[{by_class('cb-profile__confirmed')}]/small") == [
        "Details confirmed 5 January 2026"
    ]
    assert confirmed.xpath(f"//p[{by_class('cb-profile__confirmed')}]//time/@datetime") == ["2026-01-05"]
    never = parse(site.html("coaches/sam-example/"))
    assert never.xpath(f"//p[{by_class('cb-profile__confirmed')}]") == []


# ---------------------------------------------------------------- the weekly issue on GitHub


@dataclass
class GitHub:
    """A stand-in for the parts of GitHub's REST API the issue step uses."""

    port: int = 0
    issues: list[dict[str, Any]] = field(default_factory=list)
    comments: list[tuple[int, str]] = field(default_factory=list)
    calls: list[str] = field(default_factory=list)


class _GitHubHandler(FakeGitHub):
    state: GitHub
    prefix = "/repos/example/coach-blog/issues"

    def do_GET(self) -> None:
        parts = urlsplit(self.path)
        if not self.allowed() or parts.path != self.prefix:
            self.send_json(404, {"message": "Not Found"})
            return
        query = parse_qs(parts.query)
        page, size = int(query["page"][0]), int(query["per_page"][0])
        assert query["state"] == ["open"]
        open_ones = [i for i in self.state.issues if i["state"] == "open"]
        self.send_json(200, open_ones[(page - 1) * size : page * size])

    def do_POST(self) -> None:
        if not self.allowed():
            return
        sent = self.sent_json()
        comment = re.fullmatch(rf"{self.prefix}/(\d+)/comments", self.path)
        if self.path == self.prefix:
            issue = {"number": len(self.state.issues) + 1, "state": "open", **sent}
            self.state.issues.append(issue)
            self.send_json(201, issue)
        elif comment:
            self.state.comments.append((int(comment[1]), sent["body"]))
            self.send_json(201, {"id": 1})
        else:
            self.send_json(404, {"message": "Not Found"})

    def do_PATCH(self) -> None:
        if not self.allowed():
            return
        match = re.fullmatch(rf"{self.prefix}/(\d+)", self.path)
        issue = next((i for i in self.state.issues if match and i["number"] == int(match[1])), None)
        if issue is None:
            self.send_json(404, {"message": "Not Found"})
            return
        issue.update(self.sent_json())
        self.send_json(200, issue)


@pytest.fixture
def github() -> Iterator[GitHub]:
    state = GitHub()
    # Someone's pull request with the same title, and an unrelated issue: neither is the one to update.
    state.issues += [
        {"number": 1, "state": "open", "title": "Typo on the about page", "body": ""},
        {
            "number": 2,
            "state": "open",
            "title": link_check.ISSUE_TITLE,
            "body": "",
            "pull_request": {"url": "x"},
        },
    ]
    with listening(type("Handler", (_GitHubHandler,), {"state": state})) as port:
        state.port = port
        yield state


def links_issue(github: GitHub, body: Path, token: str = "test-token") -> tuple[int, str]:
    result = run(
        "links_issue.py",
        str(body),
        "--repo",
        "example/coach-blog",
        "--api-url",
        f"http://127.0.0.1:{github.port}",
        cwd=body.parent,
        PYTHONPATH=PLUGINS,
        GITHUB_TOKEN=token,
    )
    return result.returncode, result.stdout + result.stderr


def ours(github: GitHub) -> list[dict[str, Any]]:
    return [i for i in github.issues if i["title"] == link_check.ISSUE_TITLE and "pull_request" not in i]


def test_the_issue_is_opened_then_updated_never_doubled_then_closed(github: GitHub, tmp_path: Path) -> None:
    body = tmp_path / "issue.md"
    body.write_text("First week's problems\n", encoding="utf-8")
    assert links_issue(github, body)[0] == 0
    assert [(i["number"], i["state"], i["body"]) for i in ours(github)] == [
        (3, "open", "First week's problems\n")
    ]

    body.write_text("Second week's problems\n", encoding="utf-8")
    status, said = links_issue(github, body)
    assert status == 0 and "#3" in said
    assert [(i["number"], i["state"], i["body"]) for i in ours(github)] == [
        (3, "open", "Second week's problems\n")
    ]

    body.write_text("", encoding="utf-8")
    assert links_issue(github, body)[0] == 0
    assert [(i["number"], i["state"]) for i in ours(github)] == [(3, "closed")]
    assert ours(github)[0]["state_reason"] == "completed"
    assert [number for number, _ in github.comments] == [3]

    calls = len(github.calls)
    assert links_issue(github, body)[0] == 0, "all well and no issue open: nothing to do"
    assert [c.split(" ")[0] for c in github.calls[calls:]] == ["GET"]
    assert len(ours(github)) == 1 and github.issues[0]["state"] == "open"


def test_the_issue_step_fails_loudly_without_the_report_or_the_token(github: GitHub, tmp_path: Path) -> None:
    assert links_issue(github, tmp_path / "missing.md")[0] != 0
    body = tmp_path / "issue.md"
    body.write_text("Problems\n", encoding="utf-8")
    status, said = links_issue(github, body, token="wrong")
    assert status != 0 and "401" in said
    assert ours(github) == []


# ---------------------------------------------------------------- the weekly workflow

LINKS = REPO / ".github" / "workflows" / "links.yml"


def test_the_weekly_workflow_runs_on_a_schedule_with_only_the_issue_to_write() -> None:
    workflow = yaml.safe_load(LINKS.read_text(encoding="utf-8"))
    assert set(workflow[True]) == {"schedule", "workflow_dispatch"}  # YAML 1.1 reads `on` as True
    assert workflow["permissions"] == {}
    (job,) = workflow["jobs"].values()
    assert job["permissions"] == {"contents": "read", "issues": "write"}
    assert job["env"] == {"PYTHONPATH": "plugins"}
    checkout = next(s for s in job["steps"] if s.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"]["persist-credentials"] is False
    runs = [s["run"] for s in job["steps"] if "run" in s]
    assert runs[0] == "python -m pip install --quiet --disable-pip-version-check -r requirements-check.txt"
    assert "scripts/check_links.py --issue" in runs[1]
    assert runs[2].startswith("python scripts/links_issue.py")
    assert "needs" not in job and not [r for r in runs if re.search(r"\b(make|mkdocs|git)\b", r)]


def check_step(tmp_path: Path, exit_status: int) -> subprocess.CompletedProcess[str]:
    """The check step's own script, run as GitHub runs a bash step, with a stand-in check."""
    job = next(iter(yaml.safe_load(LINKS.read_text(encoding="utf-8"))["jobs"].values()))
    script = next(s["run"] for s in job["steps"] if "check_links.py" in s.get("run", ""))
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    stand_in = bin_dir / "python"
    stand_in.write_text(
        f'#!/bin/sh\nprintf "problems" > "$RUNNER_TEMP/coach-links.md"\nexit {exit_status}\n',
        encoding="utf-8",
    )
    stand_in.chmod(0o755)
    (tmp_path / "summary.md").write_text("", encoding="utf-8")
    return subprocess.run(
        ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", script],
        cwd=tmp_path,
        env={
            "PATH": f"{bin_dir}:/usr/bin:/bin",
            "RUNNER_TEMP": str(tmp_path),
            "GITHUB_STEP_SUMMARY": str(tmp_path / "summary.md"),
        },
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )


@pytest.mark.parametrize(("exit_status", "passes"), [(0, True), (1, True), (2, False)])
def test_problems_found_do_not_stop_the_job_before_the_issue_step_but_a_broken_check_does(
    tmp_path: Path, exit_status: int, passes: bool
) -> None:
    result = check_step(tmp_path, exit_status)
    assert (result.returncode == 0) == passes, result.stderr
    if passes:
        assert (tmp_path / "summary.md").read_text(encoding="utf-8") == "problems"


def test_each_address_of_a_name_is_tried_in_turn(sites: Sites) -> None:
    # A runner with no IPv6 route gets AAAA records first: the next address must still be tried.
    first_refuses = fetcher(sites, resolver=lambda host, port: ["127.0.0.2", host])
    assert first_refuses.check(f"{ORIGIN}/live") is None

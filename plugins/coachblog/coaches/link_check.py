"""Whether the links a coach entry publishes still work, and whether the entry is still fresh.

scripts/check_links.py runs this every week (.github/workflows/links.yml) with only the standard
library for HTTP and no MkDocs. For each coach file the schema accepts it checks:

- every link the entry publishes: `website`, `contact_url`, each `social` profile (the profile address
  a user name stands for) and `photo` when it is a web address;
- freshness: `confirmed:` (or `joined:` when the entry was never confirmed) at most STALE_AFTER days
  before today.

A file the schema rejects is reported in one line (scripts/check_coaches.py says the rest); its links
are not fetched.

How a link is fetched. HEAD first, then GET when HEAD is refused (405, 501 or any other 4xx). Every
request has one deadline, `timeout` seconds for name look-up, connection, TLS, headers and body
together: a watchdog shuts the socket down when it passes, so a server that drips a byte a second
costs no more than the timeout. A body is read to READ_LIMIT bytes at most, then the connection is
dropped. All the requests for one link (redirects, HEAD then GET, the retry) share LINK_BUDGET times
the timeout. One retry, with GET, after a 5xx or a dropped connection; none after a timeout or a DNS
or TLS failure. Redirects: 302, 303 and 307 are followed without a word, 301 and 308 are followed and
reported as a move when the chain starts with them, naming the address to write; at most
MAX_REDIRECTS hops, and a loop is reported.

What is never fetched: an address the coach schema refuses (fields.url_problem: IP addresses,
localhost, private and reserved names, anything but http(s)), and a name that resolves to an address
that is not public. A redirect to one is reported, not followed. The one exception is a `--map`
target: a prefix rewritten just before fetching, so tests can stand in for real sites; the rules are
applied to the address before it is rewritten.

Dead: a 4xx other than 401, 403 and 429 (those say the site turns some visitors away, not that the
page is gone), a 5xx twice, a name that does not resolve, a TLS failure, no answer in time.

Parked or for sale, decided from the final address and the first READ_LIMIT bytes of the page:
1. the final address, or a script, frame or meta refresh on the page, is on a parking or domain-sale
   host (PARKING_HOSTS, or a subdomain of one); or
2. the page's title or text (tags, scripts and styles left out, case and spacing ignored) contains one
   of PARKED_PHRASES; or
3. the title says the site's own name is for sale ("example.org is for sale").
Pages on the big social networks (schema.NETWORKS' hosts) are never parked, so they get no GET.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import html.parser
import http.client
import ipaddress
import re
import socket
import ssl
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from http import HTTPStatus
from pathlib import PurePosixPath
from urllib.parse import quote, urljoin, urlsplit

from coachblog.coaches import schema
from coachblog.coaches.fields import YAML_SUFFIXES, Coach, CoachSource, Folder, parse_coach, url_problem
from coachblog.coaches.join import github_repo
from coachblog.coaches.paths import path_problems
from coachblog.coaches.reading import read_coach_text
from coachblog.errors import Problem
from coachblog.site_config import read_site_config
from coachblog.text import ascii_text

STALE_AFTER = 365  # days since an entry was confirmed (or added) before it is called stale
READ_LIMIT = 64 * 1024  # bytes of a page read to tell a parked domain
MAX_REDIRECTS = 5
LINK_BUDGET = 3  # one link's requests together take at most this many timeouts
RETRY_PAUSE = 0.5  # seconds before the one retry
WORKERS = 8
TIMEOUT = 10.0
URL_SHOWN = 300  # characters of an address in a message
ISSUE_TITLE = "Coach links and details to check"
ISSUE_MAX = 60_000  # characters of the issue's body; GitHub takes 65,536
ISSUE_MARKER = "<!-- coachblog: written by scripts/check_links.py -->"

REDIRECTS = frozenset({301, 302, 303, 307, 308})
PERMANENT = frozenset({301, 308})
TURNED_AWAY = frozenset({401, 403, 429})  # a login wall, a bot filter, a rate limit: the page may be fine
PARKING_HOSTS = (
    "sedoparking.com",
    "sedo.com",
    "parkingcrew.net",
    "bodis.com",
    "above.com",
    "parklogic.com",
    "dan.com",
    "afternic.com",
    "hugedomains.com",
    "buydomains.com",
    "undeveloped.com",
    "domainmarket.com",
)
PARKED_PHRASES = (
    "this domain is for sale",
    "this domain may be for sale",
    "domain name is for sale",
    "buy this domain",
    "make an offer on this domain",
    "domain is parked",
    "domain parked",
    "parked domain",
    "parked free, courtesy of",
    "this domain has expired",
)
NETWORK_HOSTS = tuple(host for network in schema.NETWORKS.values() for host in network.hosts)
_PRINTABLE = "".join(chr(c) for c in range(0x21, 0x7F))  # kept as they are when an address is quoted
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*:", re.I)

DEAD = "correct the link or delete the line"
UNSAFE = "give the public address it should lead to, or delete the line"
PARKED = "the domain no longer seems to be yours: give your current address or delete the line"

Resolver = Callable[[str, int], list[str]]  # (host, port) -> IP addresses


def system_resolver(host: str, port: int) -> list[str]:
    """The host's IP addresses, from the system's resolver."""
    return [str(info[4][0]) for info in socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)]


# ---------------------------------------------------------------------------------------------------
# What a coach publishes, and what is wrong with it


@dataclass(frozen=True)
class Link:
    """One address an entry publishes, with where it is written and how to write a new one."""

    field: str  # the coach file's field: website, contact_url, social, photo
    line: int
    url: str
    setting: str  # what the line says before the address: 'website:', or 'strava:' under social:
    page: bool = True  # a web page that could be a parked domain (photos and big networks are not)


@dataclass(frozen=True)
class Finding:
    """One thing to fix in one coach file: where, what is wrong, what to do."""

    label: str
    line: int | None
    field: str | None
    wrong: str
    todo: str

    def __str__(self) -> str:
        where = f"{self.label}:{self.line}" if self.line else self.label
        name = f"field '{self.field}': " if self.field else ""
        return one_line(f"{where}: {name}{self.wrong} ({self.todo})")


@dataclass
class Entry:
    """A coach file checked: whose it is and what was found in it."""

    label: str
    name: str
    github: str | None
    findings: list[Finding] = field(default_factory=list)


@dataclass
class Report:
    """Every coach file checked, in order, with what was found."""

    entries: list[Entry]
    today: dt.date

    @property
    def findings(self) -> list[Finding]:
        return [f for entry in self.entries for f in entry.findings]


def coach_links(coach: Coach, social_lines: dict[str, int]) -> list[Link]:
    """Every link `coach` publishes, in the order of their file."""
    lines = coach.lines
    links = [
        Link(key, lines.get(key, 1), url, f"{key}:")
        for key in ("website", "contact_url")
        if (url := getattr(coach, key))
    ]
    for site, url in coach.social:
        host = (urlsplit(url).hostname or "").lower()
        on_network = any(host == h or host.endswith("." + h) for h in NETWORK_HOSTS)
        line = social_lines.get(site, lines.get("social", 1))
        links.append(Link("social", line, url, f"{site}:", page=not on_network))
    if coach.photo and _SCHEME.match(coach.photo):
        links.append(Link("photo", lines.get("photo", 1), coach.photo, "photo:", page=False))
    return sorted(links, key=lambda link: link.line)


def social_lines(source: CoachSource) -> dict[str, int]:
    """The line of each social site's profile in a coach file."""
    document = read_coach_text(source.text, source.shown)
    if isinstance(document, list) or not isinstance(social := document.values.get("social"), dict):
        return {}
    lines = document.item_lines.get("social", [])
    return {key.lower(): line for key, line in zip(social, lines, strict=False)}


def stale(coach: Coach, today: dt.date) -> Finding | None:
    """The entry's finding when it was last confirmed (or added) more than STALE_AFTER days ago."""
    key = "confirmed" if coach.confirmed else "joined"
    when = coach.confirmed or coach.joined
    days = (today - when).days
    if days <= STALE_AFTER:
        return None
    said = "details last confirmed" if coach.confirmed else "entry added and not confirmed since"
    return Finding(
        coach.label,
        coach.lines.get(key),
        key,
        f"{said} {when.isoformat()}: {days} days ago, more than {STALE_AFTER}",
        f"check every detail is still right, then confirm by setting 'confirmed: {today.isoformat()}'",
    )


def rejected(problems: Sequence[Problem], label: str) -> Finding:
    """The one line for a file the schema rejects: its first problem, and where to see the others."""
    first = problems[0]
    wrong = f"the coach file is not accepted: {first.message}"
    if first.value is not None:
        wrong += f", got {shorten(repr(first.value), 80)}"
    if len(problems) > 1:
        wrong += f"; and {len(problems) - 1} more problem{'s' if len(problems) > 2 else ''}"
    hint = f"{first.hint.rstrip('.')}; " if first.hint else ""
    todo = f"{hint}scripts/check_coaches.py {label} lists every problem; links are checked once it passes"
    return Finding(label, first.line, first.field, wrong, todo)


# ---------------------------------------------------------------------------------------------------
# Fetching, with one deadline a request


class Unreachable(Exception):
    """A request that got no usable HTTP answer, with why in words."""

    def __init__(self, why: str, *, transient: bool = False) -> None:
        super().__init__(why)
        self.why = why
        self.transient = transient  # worth the one retry


@dataclass(frozen=True)
class Answer:
    """What a server answered: status, where it redirects, the kind of body, its first bytes."""

    status: int
    location: str | None = None
    content_type: str = ""
    body: bytes = b""


@dataclass(frozen=True)
class Verdict:
    """What is wrong with a link and what to do; for a move, the address to write instead."""

    wrong: str
    todo: str
    moved: str | None = None


@dataclass(frozen=True)
class Reached:
    """Where following a link ended: the last answer, its address, and the move to report if any."""

    answer: Answer
    final: str
    moved: str | None
    method: str
    retried: bool


@dataclass(frozen=True)
class Settings:
    """How links are fetched: the User-Agent, limits, and address rewrites for tests."""

    user_agent: str
    timeout: float = TIMEOUT
    workers: int = WORKERS
    mapping: tuple[tuple[str, str], ...] = ()  # (from prefix, to prefix), tried longest first
    resolver: Resolver = system_resolver
    retry_pause: float = RETRY_PAUSE


def user_agent(site_name: str, site_url: str | None) -> str:
    """A polite User-Agent that says which site is asking and where to read about it."""
    plain = ascii_text(site_name)
    name = re.sub(r"\s+", " ", re.sub(r"[^\x20-\x7e]|[()\\]", " ", plain)).strip() or "coach directory"
    contact = f"; +{site_url}" if site_url and re.fullmatch(r"[\x21-\x7e]+", site_url) else ""
    return f"coachblog-link-check/1.0 ({name}: weekly check of the coach directory's links{contact})"


class _Watchdog:
    """Shuts a request's socket down at its deadline, whatever the request is waiting for."""

    def __init__(self, seconds: float) -> None:
        self.fired = False
        self._sock: socket.socket | None = None
        self._lock = threading.Lock()
        self._timer = threading.Timer(max(seconds, 0.0), self._fire)
        self._timer.daemon = True
        self._timer.start()

    def watch(self, sock: socket.socket) -> None:
        with self._lock:
            self._sock = sock
            if self.fired:
                _shut(sock)

    def _fire(self) -> None:
        with self._lock:
            self.fired = True
            if self._sock is not None:
                _shut(self._sock)

    def cancel(self) -> None:
        self._timer.cancel()


def _shut(sock: socket.socket) -> None:
    # The plain socket's shutdown, also for a TLS socket: it wakes a blocked read at once.
    with contextlib.suppress(OSError):
        socket.socket.shutdown(sock, socket.SHUT_RDWR)


class _Connection(http.client.HTTPConnection):
    """An HTTP(S) connection to addresses already looked up and checked, watched by a watchdog."""

    def __init__(
        self,
        host: str,
        port: int,
        addresses: list[str],
        deadline: float,
        tls: ssl.SSLContext | None,
        watchdog: _Watchdog,
    ) -> None:
        super().__init__(host, port, timeout=max(deadline - time.monotonic(), 0.001))
        self._addresses, self._deadline, self._tls, self._watchdog = addresses, deadline, tls, watchdog

    def connect(self) -> None:
        sock = self._connected()
        self._watchdog.watch(sock)
        if self._tls is not None:
            sock = self._tls.wrap_socket(sock, server_hostname=self.host, do_handshake_on_connect=False)
            self._watchdog.watch(sock)
            sock.do_handshake()
        self.sock = sock

    def _connected(self) -> socket.socket:
        """A socket connected to the first of the addresses that answers (a runner may have no IPv6)."""
        failed: OSError = ConnectionRefusedError("no address")
        for address in self._addresses:
            left = self._deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError
            try:
                return socket.create_connection((address, self.port), left)
            except TimeoutError:
                raise
            except OSError as error:
                failed = error
        raise failed


def _resolve(resolver: Resolver, host: str, port: int, seconds: float) -> list[str]:
    """The host's addresses, waiting no longer than `seconds` (a daemon thread asks the resolver)."""
    box: list[list[str] | OSError] = []
    done = threading.Event()

    def ask() -> None:
        try:
            box.append(resolver(host, port))
        except OSError as error:
            box.append(error)
        except UnicodeError:  # a name too long for IDNA
            box.append(OSError("not a valid name"))
        finally:
            done.set()

    threading.Thread(target=ask, name=f"resolve {host}", daemon=True).start()
    if not done.wait(max(seconds, 0.0)):
        raise Unreachable(f"did not answer in time: its name could not be looked up within {seconds:g} s")
    found = box[0]
    if isinstance(found, OSError) or not found:
        raise Unreachable(f"cannot be reached: its name {host} is not found in DNS")
    return list(dict.fromkeys(found))


def _not_public(addresses: Iterable[str]) -> str | None:
    for text in addresses:
        address = ipaddress.ip_address(text.split("%")[0])
        if not address.is_global:
            return text
    return None


def _request_target(url: str) -> str:
    parts = urlsplit(url)
    target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    return quote(target, safe=_PRINTABLE)


class Fetcher:
    """Fetches one link at a time: requests with a deadline, HEAD then GET, the retry, the redirects."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._mapping = sorted(settings.mapping, key=lambda pair: -len(pair[0]))
        self._tls = ssl.create_default_context()  # the system's certificates, loaded once for every request

    def wire(self, url: str) -> tuple[str, bool]:
        """The address actually fetched for `url`, and whether a --map rewrote it."""
        for before, after in self._mapping:
            if url.startswith(before):
                return after + url[len(before) :], True
        return url, False

    def request(self, url: str, method: str, *, mapped: bool, seconds: float) -> Answer:
        """One request, done or given up within `seconds` in all; at most READ_LIMIT bytes of body."""
        if seconds <= 0:
            raise Unreachable(f"took more than {LINK_BUDGET * self.settings.timeout:g} s in all")
        start = time.monotonic()
        parts = urlsplit(url)
        tls = parts.scheme == "https"
        host, port = parts.hostname or "", parts.port or (443 if tls else 80)
        addresses = _resolve(self.settings.resolver, host, port, seconds)
        if not mapped and (private := _not_public(addresses)):
            raise Unreachable(f"leads to {private}, which is not a public address: not fetched")
        watchdog = _Watchdog(start + seconds - time.monotonic())
        context = self._tls if tls else None
        connection = _Connection(host, port, addresses, start + seconds, context, watchdog)
        try:
            connection.request(method, _request_target(url), headers=self._headers())
            response = connection.getresponse()
            body = _read(response, watchdog) if method == "GET" else b""
            return Answer(
                response.status,
                response.getheader("Location"),
                response.getheader("Content-Type") or "",
                body,
            )
        except (OSError, http.client.HTTPException, ValueError) as error:
            raise _unreachable(error, watchdog.fired, self.settings.timeout) from None
        finally:
            watchdog.cancel()
            connection.close()

    def _headers(self) -> dict[str, str]:
        return {
            "User-Agent": self.settings.user_agent,
            "Accept": "text/html,application/xhtml+xml,*/*;q=0.8",
            "Accept-Encoding": "identity",
            "Connection": "close",
        }

    def ask(self, url: str, method: str, deadline: float) -> tuple[Answer, str, bool]:
        """One hop: HEAD, or GET when HEAD is refused; one retry with GET after a 5xx or a dropped
        connection. The answer, the method to go on with, and whether it was the retry's."""
        wire, mapped = self.wire(url)

        def send(how: str) -> Answer:
            seconds = min(self.settings.timeout, deadline - time.monotonic())
            return self.request(wire, how, mapped=mapped, seconds=seconds)

        answer: Answer | None = None
        try:
            answer = send(method)
            if method == "HEAD" and (400 <= answer.status < 500 or answer.status == 501):
                method, answer = "GET", None
                answer = send(method)
        except Unreachable as error:
            if not error.transient:
                raise
        if answer is not None and answer.status < 500:
            return answer, method, False
        time.sleep(max(0.0, min(self.settings.retry_pause, deadline - time.monotonic())))
        return send("GET"), "GET", True

    def follow(self, url: str, deadline: float) -> Reached | Verdict:
        """Where `url` leads, or what is wrong when it cannot be followed."""
        chain, current, method = [url], url, "HEAD"
        moved: str | None = None
        moving = True  # the chain so far is permanent moves only
        for _ in range(MAX_REDIRECTS + 1):
            answer, method, retried = self.ask(current, method, deadline)
            if answer.status not in REDIRECTS or not answer.location:
                return Reached(answer, current, moved, method, retried)
            try:
                target = urljoin(current, clean_location(answer.location)).split("#")[0]
            except ValueError:  # 'http://[nonsense'
                target = clean_location(answer.location)
            if problem := url_problem(target):
                return Verdict(
                    f"{shown(url)} redirects to {shown(target)}, which {problem[0]}: not followed", UNSAFE
                )
            if found := _on(urlsplit(target).hostname or "", PARKING_HOSTS):  # no need to fetch it
                wrong = f"{shown(url)} redirects to {shown(target)} on {found}: a parked or for-sale domain"
                return Verdict(wrong, PARKED)
            if target in chain:
                loop = " -> ".join(shown(u, 100) for u in [*chain[chain.index(target) :], target])
                return Verdict(f"{shown(url)} redirects in a loop: {loop}", DEAD)
            moving = moving and answer.status in PERMANENT
            moved = target if moving else moved
            chain.append(target)
            current = target
        return Verdict(f"{shown(url)} redirects more than {MAX_REDIRECTS} times", DEAD)

    def check(self, url: str, page: bool = True) -> Verdict | None:
        """What is wrong with the link `url`, or None when it works; `page`: check it is not parked."""
        deadline = time.monotonic() + LINK_BUDGET * self.settings.timeout
        try:
            reached = self.follow(url, deadline)
        except Unreachable as error:
            return Verdict(f"{shown(url)} {error.why}", DEAD)
        if isinstance(reached, Verdict):
            return reached
        answer, final = reached.answer, reached.final
        leads = f"{shown(url)} leads to {shown(final)}, which" if final != url else shown(url)
        if answer.status >= 400 and answer.status not in TURNED_AWAY:
            twice = ", twice" if reached.retried and answer.status >= 500 else ""
            return Verdict(f"{leads} answers {answer.status} {_phrase(answer.status)}{twice}".strip(), DEAD)
        body = b""
        on_network = _on(urlsplit(final).hostname or "", NETWORK_HOSTS)
        if page and not on_network and answer.status < 300 and _is_html(answer.content_type):
            body = answer.body if reached.method == "GET" else self._page(final, deadline)
        reason = parked(final, body, answer.content_type)
        if reason:
            return Verdict(f"{leads} looks like a parked or for-sale domain: {reason}", PARKED)
        if reached.moved:
            moved = reached.moved
            return Verdict(f"{shown(url)} has moved permanently to {shown(moved)}", "", moved)
        return None

    def _page(self, url: str, deadline: float) -> bytes:
        """The first bytes of a page HEAD found, for the parking check; none if GET fails."""
        wire, mapped = self.wire(url)
        seconds = min(self.settings.timeout, deadline - time.monotonic())
        try:
            answer = self.request(wire, "GET", mapped=mapped, seconds=seconds)
        except Unreachable:
            return b""
        return answer.body if answer.status < 300 else b""


def _read(response: http.client.HTTPResponse, watchdog: _Watchdog) -> bytes:
    """At most READ_LIMIT bytes of the body, or what came before the deadline."""
    chunks: list[bytes] = []
    total = 0
    while total < READ_LIMIT and not watchdog.fired:
        try:
            chunk = response.read1(min(16 * 1024, READ_LIMIT - total))
        except (OSError, http.client.HTTPException, ValueError):
            break
        if not chunk:
            break
        chunks.append(chunk)
        total += len(chunk)
    return b"".join(chunks)[:READ_LIMIT]


def _unreachable(error: Exception, timed_out: bool, timeout: float) -> Unreachable:
    """An exception from a request in words, and whether it is worth the retry."""
    if timed_out or isinstance(error, TimeoutError):
        return Unreachable(f"did not answer within {timeout:g} s")
    if isinstance(error, ssl.SSLCertVerificationError):
        return Unreachable(f"has no valid secure connection: {error.verify_message or 'bad certificate'}")
    if isinstance(error, ssl.SSLError):
        return Unreachable(f"has no working secure connection: TLS {error.reason or 'failed'}")
    kinds: list[tuple[tuple[type[Exception], ...], str, bool]] = [
        ((ConnectionRefusedError,), "cannot be reached: the connection is refused", True),
        (
            (ConnectionError, http.client.IncompleteRead),
            "cannot be reached: the connection was dropped",
            True,
        ),
        ((http.client.HTTPException, ValueError), f"does not answer in HTTP: {type(error).__name__}", False),
    ]
    for types, why, transient in kinds:
        if isinstance(error, types):
            return Unreachable(why, transient=transient)
    return Unreachable(f"cannot be reached: {shorten(str(error) or type(error).__name__, 80)}")


def _phrase(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return ""


def _is_html(content_type: str) -> bool:
    kind = content_type.split(";", maxsplit=1)[0].strip().lower()
    return kind in ("", "text/html", "application/xhtml+xml")


def clean_location(location: str) -> str:
    """A Location header as an address: UTF-8 sent as Latin-1 mended, spaces and others quoted."""
    try:
        text = location.encode("latin-1").decode("utf-8")
    except UnicodeError:
        text = location
    return quote(text.strip(), safe=_PRINTABLE)


# ---------------------------------------------------------------------------------------------------
# Parked domains


class _Page(html.parser.HTMLParser):
    """A page's title, visible text, and the addresses of its scripts, frames and meta refresh."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.title: list[str] = []
        self.text: list[str] = []
        self.sources: list[str] = []
        self._hidden = 0
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k.lower(): v or "" for k, v in attrs}
        if tag in ("script", "iframe", "frame") and values.get("src"):
            self.sources.append(values["src"])
        if tag == "meta" and values.get("http-equiv", "").lower() == "refresh":
            self.sources.append(
                re.sub(r"^[^;]*;\s*url\s*=\s*['\"]?", "", values.get("content", ""), flags=re.I)
            )
        if tag in ("script", "style"):
            self._hidden += 1
        self._in_title = self._in_title or tag == "title"

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self._hidden = max(0, self._hidden - 1)
        if tag == "title":
            self._in_title = False

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title.append(data)
        elif not self._hidden:
            self.text.append(data)


def _on(host: str, hosts: Iterable[str]) -> str | None:
    host = host.lower().rstrip(".")
    return next((h for h in hosts if host == h or host.endswith("." + h)), None)


def _words(parts: list[str]) -> str:
    return re.sub(r"\s+", " ", " ".join(parts)).strip().lower()


def parked(final: str, body: bytes, content_type: str = "") -> str | None:
    """Why the page at `final` (its first bytes `body`) looks parked or for sale, or None (the rule
    is in the module's docstring)."""
    host = (urlsplit(final).hostname or "").lower()
    if found := _on(host, PARKING_HOSTS):
        return f"it ends on {found}"
    if not body:
        return None
    charset = re.search(r"charset=([\w.:-]+)", content_type, re.I)
    try:
        text = body.decode(charset[1] if charset else "utf-8", "replace")
    except LookupError:
        text = body.decode("utf-8", "replace")
    page = _Page()
    with contextlib.suppress(AssertionError):  # html.parser's way of giving up on a bad <![ section
        page.feed(text)
        page.close()
    for source in page.sources:
        with contextlib.suppress(ValueError):
            if found := _on(urlsplit(urljoin(final, source.strip())).hostname or "", PARKING_HOSTS):
                return f"the page loads {found}"
    title, words = _words(page.title), _words(page.text)
    for phrase in PARKED_PHRASES:
        if phrase in title or phrase in words:
            return f"the page says '{phrase}'"
    site = host.removeprefix("www.")
    if site and re.search(rf"\b{re.escape(site)}\b.*\bfor sale\b", title):
        return f"its title says '{shorten(title, 60)}'"
    return None


# ---------------------------------------------------------------------------------------------------
# The whole run


def check_entries(
    sources: Sequence[CoachSource],
    folder: Folder,
    settings: Settings,
    *,
    today: dt.date,
    photo_uris: Iterable[str] = (),
    fetcher: Fetcher | None = None,
) -> Report:
    """Check every coach file in `sources`: schema, freshness, then every link, WORKERS at a time."""
    photos = set(photo_uris)
    entries: list[Entry] = []
    wanted: list[tuple[Entry, Link]] = []
    for source in sorted(sources, key=lambda s: s.src_uri):
        if PurePosixPath(source.src_uri).suffix.lower() not in YAML_SUFFIXES:
            continue
        coach, problems = parse_coach(source, folder, photos, today)
        problems = path_problems(source.src_uri, folder, source.label) + problems
        entry = Entry(source.shown, coach.name if coach else "", coach.github if coach else None)
        entries.append(entry)
        if problems or coach is None:
            entry.findings.append(rejected(problems, source.shown))
            continue
        if (old := stale(coach, today)) is not None:
            entry.findings.append(old)
        wanted += [(entry, link) for link in coach_links(coach, social_lines(source))]
    checker = fetcher or Fetcher(settings)
    keys = list(dict.fromkeys((link.url, link.page) for _, link in wanted))  # each address once
    with ThreadPoolExecutor(max_workers=max(1, settings.workers), thread_name_prefix="link") as pool:
        verdicts = dict(zip(keys, pool.map(lambda key: checker.check(*key), keys), strict=True))
    for entry, link in wanted:
        verdict = verdicts[(link.url, link.page)]
        if verdict is not None:
            where = " under social:" if link.field == "social" else ""
            todo = f"write '{link.setting} {verdict.moved}'{where}" if verdict.moved else verdict.todo
            entry.findings.append(Finding(entry.label, link.line, link.field, verdict.wrong, todo))
    for entry in entries:
        entry.findings.sort(key=lambda f: (f.line or 0, f.field or ""))
    return Report(entries, today)


# ---------------------------------------------------------------------------------------------------
# The site's settings, and the issue


@dataclass(frozen=True)
class SiteInfo:
    """What the check says about the site it works for: its name and address, its repository."""

    name: str
    url: str | None
    repo_url: str | None
    edit_branch: str = "main"


def site_info(mkdocs_yml: str) -> SiteInfo:
    """site_name, site_url, repo_url and the plugin's edit_branch from mkdocs.yml's text."""
    config = read_site_config(mkdocs_yml)
    name = config.text("site_name") or "coach directory"
    return SiteInfo(
        name, config.text("site_url"), config.text("repo_url"), str(config.option("edit_branch", "main"))
    )


def issue_markdown(report: Report, site: SiteInfo) -> str:
    """The issue's body: how to fix or confirm an entry, then one section per coach with findings.

    Empty when nothing was found. Text from coach files and servers is shown as typed: addresses and
    file names in code spans, the rest escaped, so none of it becomes a link, markup or an @mention.
    """
    flagged = [entry for entry in report.entries if entry.findings]
    if not flagged:
        return ""
    count = sum(len(entry.findings) for entry in flagged)
    today = report.today.isoformat()
    head = [
        ISSUE_MARKER,
        f"The weekly check of the coach directory on {today} found {count} thing(s) to look at in "
        f"{len(flagged)} of {len(report.entries)} coach entries: links that no longer work, have moved or "
        f"lead to a parked domain, and entries not confirmed for more than {STALE_AFTER} days.",
        "",
        "**To fix or confirm your entry, in one pull request:** open your file (the link by your name), "
        "choose *Edit this file*, fix or delete each line named below, check that everything else is "
        f"still right, set `confirmed: {today}`, and choose *Propose changes*. The pull request's checks "
        "test the file. This issue is updated every week and closed once everything is fine; nothing "
        "here changes a coach file by itself.",
    ]
    repo = github_repo(site.repo_url, site.edit_branch)
    body = "\n".join(head)
    for index, entry in enumerate(flagged):
        link = repo.page("edit", entry.label) if repo else None
        name = _md(entry.name) if entry.name else _code(entry.label)
        title = f"### [{name}]({link})" if link else f"### {name}"
        lines = [
            "",
            "",
            title,
            "",
            f"File {_code(entry.label)}" + (f", @{entry.github}" if entry.github else ""),
        ]
        lines.append("")
        lines += [_issue_line(finding) for finding in entry.findings]
        section = "\n".join(lines)
        if len(body) + len(section) > ISSUE_MAX:
            rest = len(flagged) - index
            body += f"\n\nAnd {rest} more entries: run `scripts/check_links.py` to see them all."
            break
        body += section
    return body + "\n"


def _issue_line(finding: Finding) -> str:
    where = f"line {finding.line}" if finding.line else "the file"
    name = f", `{finding.field}`" if finding.field and re.fullmatch(r"[a-z_]+", finding.field) else ""
    return f"- {where}{name}: {_rich(finding.wrong)} ({_rich(finding.todo)})"


# A line to write ('website: https://...') or an address: each shown as a code span. Messages put at
# most a comma or a quote after an address.
_CODE = re.compile(r"'(?P<setting>[a-z_]+: [^'\s]*)'|(?P<url>https?://\S+?(?=[,']?(?:\s|$)))")


def _rich(text: str) -> str:
    """Text with its addresses and lines to write in code spans, and the rest escaped."""
    out, last = [], 0
    for match in _CODE.finditer(text):
        out += [_md(text[last : match.start()]), _code(match["setting"] or match["url"])]
        last = match.end()
    out.append(_md(text[last:]))
    return "".join(out)


def _md(text: str) -> str:
    """Text that shows as typed in Markdown: no markup, link, HTML or @mention made from it."""
    out = []
    for char in _CONTROL.sub(" ", text):
        if char in "<>&|`*_[]\\#!~":
            out.append(f"&#{ord(char)};")
        elif char == "@":
            out.append("@&#8203;")  # a zero-width space after it: no mention
        else:
            out.append(char)
    return "".join(out)


def _code(text: str) -> str:
    """A code span holding `text` exactly, whatever backticks it has."""
    text = _CONTROL.sub(" ", shorten(text, URL_SHOWN))
    fence = "`" * (max((len(run) for run in re.findall(r"`+", text)), default=0) + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


# ---------------------------------------------------------------------------------------------------
# Text


def one_line(text: str) -> str:
    """Control characters shown as escapes, so nothing from a file or a server starts a line of its own."""
    return _CONTROL.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


def shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 3] + "..."


def shown(url: str, limit: int = URL_SHOWN) -> str:
    """An address as a message shows it: on one line, cut short."""
    return shorten(one_line(url), limit)

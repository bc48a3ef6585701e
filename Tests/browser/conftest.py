"""Shared fixtures for Omzien's end-to-end journeys (browser and plain HTTP).

The fixtures start the real `omzien` binary themselves:

* `demo_server` (session scope): `omzien demo --port P --sqlite-path TMP/demo.sqlite`
* `test_shared_sessions.py` starts its own PostgreSQL-backed pair of servers.

Run from the repository root after `swift build`:

    python3 -m pytest -q Tests/browser

Environment:
    OMZIEN_BIN                  binary to test (default .build/debug/omzien)
    OMZIEN_TEST_DATABASE_URL    PostgreSQL URL for the shared-session test (skipped without it);
                                the database is expected to be empty (see .ci/run, which uses
                                `scripts/postgres-test-server.sh reset-db omzien_shared`)
    OMZIEN_TEST_REQUIRE_POSTGRES=1  turn that skip into a failure (set by .ci/run)
    OMZIEN_SCREENSHOT_DIR       where screenshots go (default /tmp/omzien-screens)
    CHROMIUM_BIN / CHROMEDRIVER_BIN   default /usr/bin/chromium and /usr/bin/chromedriver
"""

from __future__ import annotations

import html.parser
import os
import re
import signal
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator
from urllib.parse import parse_qs, urlsplit

import pytest
import requests

REPO_ROOT = Path(__file__).resolve().parents[2]
OMZIEN_BIN = Path(os.environ.get("OMZIEN_BIN", REPO_ROOT / ".build" / "debug" / "omzien"))
SCREENSHOT_DIR = Path(os.environ.get("OMZIEN_SCREENSHOT_DIR", "/tmp/omzien-screens"))
CHROMIUM_BIN = os.environ.get("CHROMIUM_BIN", "/usr/bin/chromium")
CHROMEDRIVER_BIN = os.environ.get("CHROMEDRIVER_BIN", "/usr/bin/chromedriver")

READY_TIMEOUT_S = 60.0
STOP_TIMEOUT_S = 20.0
HTTP_TIMEOUT_S = 10.0

DEMO_PASSWORD = "demo-wachtwoord-2026"
ROLES = [
    "admin",
    "coordinator",
    "professional",
    "signaler",
    "referrer",
    "volunteer",
    "provider",
    "analyst",
]


def demo_email(role: str, municipality: str = "lindewaard") -> str:
    return f"{role}@{municipality}.example"


# --------------------------------------------------------------------------- ports


def free_port() -> int:
    """A TCP port on 127.0.0.1 that was free a moment ago (bind to port 0)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# --------------------------------------------------------------------------- servers

# Every server started by a fixture, so that a failing test can show their logs.
_RUNNING_SERVERS: list["OmzienServer"] = []


@dataclass
class OmzienServer:
    """One running `omzien` process, with its output captured to a file."""

    name: str
    args: list[str]
    port: int
    env: dict[str, str] = field(default_factory=dict)
    log_path: Path | None = None
    proc: subprocess.Popen | None = None
    exit_code_after_stop: int | None = None

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def url(self, path: str) -> str:
        return self.base_url + path

    def start(self, log_dir: Path) -> "OmzienServer":
        if not OMZIEN_BIN.exists():
            pytest.fail(
                f"{OMZIEN_BIN} does not exist: run `swift build` first (or set OMZIEN_BIN)",
                pytrace=False,
            )
        self.log_path = log_dir / f"{self.name}.log"
        # Never let a developer's own settings (DATABASE_URL, OMZIEN_*) leak into the server under test.
        env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL" and not k.startswith("OMZIEN_")}
        env.update(self.env)
        log = open(self.log_path, "wb")
        cmd = [str(OMZIEN_BIN), *self.args]
        log.write(("$ " + " ".join(cmd) + "\n").encode())
        log.flush()
        self.proc = subprocess.Popen(
            cmd,
            cwd=REPO_ROOT,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        log.close()
        _RUNNING_SERVERS.append(self)
        self.wait_ready()
        return self

    def log_text(self, max_chars: int = 12000) -> str:
        if self.log_path is None or not self.log_path.exists():
            return "(no log)"
        text = self.log_path.read_text(errors="replace")
        if len(text) > max_chars:
            text = "... (cut) ...\n" + text[-max_chars:]
        return text

    def wait_ready(self, timeout: float = READY_TIMEOUT_S) -> None:
        deadline = time.monotonic() + timeout
        last = "no answer yet"
        while time.monotonic() < deadline:
            assert self.proc is not None
            code = self.proc.poll()
            if code is not None:
                pytest.fail(
                    f"server {self.name} exited with code {code} before it was ready.\n"
                    f"--- {self.log_path} ---\n{self.log_text()}",
                    pytrace=False,
                )
            try:
                r = requests.get(self.url("/health/ready"), timeout=2)
                if r.status_code == 200:
                    return
                last = f"HTTP {r.status_code}: {r.text[:200]!r}"
            except requests.RequestException as e:
                last = f"{type(e).__name__}"
            time.sleep(0.25)
        self.stop()
        pytest.fail(
            f"server {self.name} not ready on {self.url('/health/ready')} after {timeout:.0f}s "
            f"(last: {last}).\n--- {self.log_path} ---\n{self.log_text()}",
            pytrace=False,
        )

    def stop(self) -> int | None:
        """SIGTERM (graceful), then SIGKILL if it does not exit in time."""
        if self.proc is None or self.proc.poll() is not None:
            if self.proc is not None:
                self.exit_code_after_stop = self.proc.returncode
            self._forget()
            return self.exit_code_after_stop
        self.proc.send_signal(signal.SIGTERM)
        try:
            self.exit_code_after_stop = self.proc.wait(timeout=STOP_TIMEOUT_S)
        except subprocess.TimeoutExpired:
            print(
                f"\n[omzien-tests] server {self.name} did not stop within {STOP_TIMEOUT_S:.0f}s "
                "after SIGTERM; killing it"
            )
            self.proc.kill()
            self.exit_code_after_stop = self.proc.wait(timeout=10)
        self._forget()
        return self.exit_code_after_stop

    def _forget(self) -> None:
        if self in _RUNNING_SERVERS:
            _RUNNING_SERVERS.remove(self)


def start_server(name: str, args: list[str], port: int, log_dir: Path, env: dict[str, str] | None = None) -> OmzienServer:
    return OmzienServer(name=name, args=args, port=port, env=env or {}).start(log_dir)


@pytest.fixture(scope="session")
def server_log_dir() -> Iterator[Path]:
    d = Path(tempfile.mkdtemp(prefix="omzien-e2e-"))
    yield d
    # Logs are kept in /tmp for a human to read after a failing run.


# The bearer token that lets a scraper read /metrics on the shared demo server (without it /metrics is hidden).
METRICS_TOKEN = "test-metrics-token-0123456789abcdef0123"


def start_fresh_demo(name: str, log_dir: Path, tmp_path_factory: pytest.TempPathFactory, *extra: str) -> OmzienServer:
    """`omzien demo` on a free port with its own fresh SQLite file (and any extra demo flags)."""
    db = tmp_path_factory.mktemp(name) / "demo.sqlite"
    port = free_port()
    return start_server(name, ["demo", "--port", str(port), "--sqlite-path", str(db), *extra], port, log_dir,
                        env={"OMZIEN_METRICS_TOKEN": METRICS_TOKEN})


@pytest.fixture(scope="session")
def demo_server(server_log_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[OmzienServer]:
    """`omzien demo` on a free port, with a fresh SQLite file."""
    server = start_fresh_demo("demo-sqlite", server_log_dir, tmp_path_factory)
    yield server
    server.stop()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """On a failing test, attach the tail of every running server's log."""
    outcome = yield
    rep = outcome.get_result()
    if rep.failed and _RUNNING_SERVERS:
        for s in list(_RUNNING_SERVERS):
            rep.sections.append((f"omzien server log: {s.name} ({s.log_path})", s.log_text(6000)))


# --------------------------------------------------------------------------- HTML helpers


class _FormParser(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.forms: list[dict] = []
        self._current: dict | None = None
        self.main_attrs: dict[str, str] | None = None
        self.h1_texts: list[str] = []
        self.stylesheets: list[str] = []
        self.scripts: list[str] = []
        self._in_h1 = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: (v or "") for k, v in attrs}
        if tag == "form":
            self._current = {
                "action": a.get("action", ""),
                "method": a.get("method", "get").lower(),
                "inputs": {},
            }
            self.forms.append(self._current)
        elif tag in ("input", "button", "select", "textarea") and self._current is not None:
            if a.get("name"):
                self._current["inputs"].setdefault(a["name"], a.get("value", ""))
        elif tag == "main" and self.main_attrs is None:
            self.main_attrs = a
        elif tag == "link" and "stylesheet" in a.get("rel", "").lower().split() and a.get("href"):
            self.stylesheets.append(a["href"])
        elif tag == "script" and a.get("src"):
            self.scripts.append(a["src"])
        elif tag == "h1":
            self._in_h1 = True
            self.h1_texts.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._current = None
        elif tag == "h1":
            self._in_h1 = False

    def handle_data(self, data: str) -> None:
        if self._in_h1 and self.h1_texts:
            self.h1_texts[-1] += data


@dataclass
class Page:
    forms: list[dict]
    main_attrs: dict[str, str] | None
    h1: list[str]
    stylesheets: list[str]
    scripts: list[str]

    def form(self, action: str) -> dict | None:
        for f in self.forms:
            if urlsplit(f["action"]).path == action:
                return f
        return None

    def form_with_input(self, name: str) -> dict | None:
        for f in self.forms:
            if name in f["inputs"]:
                return f
        return None


def parse_page(text: str) -> Page:
    p = _FormParser()
    p.feed(text)
    p.close()
    return Page(
        forms=p.forms,
        main_attrs=p.main_attrs,
        h1=[re.sub(r"\s+", " ", t).strip() for t in p.h1_texts],
        stylesheets=p.stylesheets,
        scripts=p.scripts,
    )


def csrf_from(text: str, action: str | None = None) -> str:
    page = parse_page(text)
    forms = [page.form(action)] if action else page.forms
    for f in forms:
        if f and f["inputs"].get("_csrf"):
            return f["inputs"]["_csrf"]
    raise AssertionError(f"no _csrf hidden field in a form{' for ' + action if action else ''}:\n{text[:2000]}")


def redirect_target(resp: requests.Response) -> tuple[str, dict[str, list[str]]]:
    """(path, query) of a redirect's Location header."""
    loc = resp.headers.get("Location", "")
    parts = urlsplit(loc)
    return parts.path, parse_qs(parts.query)


def describe(resp: requests.Response, limit: int = 1500) -> str:
    """A short description of a response for assertion messages."""
    headers = "\n".join(f"  {k}: {v}" for k, v in resp.headers.items())
    return f"{resp.request.method} {resp.url} -> HTTP {resp.status_code}\n{headers}\n  body: {resp.text[:limit]!r}"


class LoopbackSession(requests.Session):
    """A requests session that treats http://127.0.0.1 the way a browser does.

    `omzien serve` marks its cookies Secure by default (as it should in production).
    Chromium treats loopback as a secure context and sends such cookies over plain
    http://127.0.0.1; requests would not. So forget the Secure flag after each response.
    """

    def send(self, request, **kwargs):  # type: ignore[override]
        r = super().send(request, **kwargs)
        for c in self.cookies:
            c.secure = False
        return r


def http_login(base_url: str, email: str, password: str = DEMO_PASSWORD) -> requests.Session:
    """Log in through the real form with plain HTTP; returns the session with its cookies."""
    s = LoopbackSession()
    r = s.get(base_url + "/inloggen", timeout=HTTP_TIMEOUT_S)
    assert r.status_code == 200, describe(r)
    token = csrf_from(r.text)
    r = s.post(
        base_url + "/inloggen",
        data={"email": email, "password": password, "_csrf": token},
        allow_redirects=False,
        timeout=HTTP_TIMEOUT_S,
    )
    assert r.status_code == 303, f"login as {email} should redirect (303) to /start\n{describe(r)}"
    assert redirect_target(r)[0] == "/start", describe(r)
    assert s.cookies.get("omzien_session"), f"no omzien_session cookie after login\n{describe(r)}"
    return s


# --------------------------------------------------------------------------- browser


def _chrome_options(phone: bool):
    from selenium import webdriver

    o = webdriver.ChromeOptions()
    o.binary_location = CHROMIUM_BIN
    for a in (
        "--headless=new",
        "--no-sandbox",
        "--disable-dev-shm-usage",
        "--disable-gpu",
        "--no-first-run",
        "--disable-extensions",
        "--lang=nl-NL",
        "--window-size=390,844" if phone else "--window-size=1280,900",
    ):
        o.add_argument(a)
    # The app follows Accept-Language; headless Chromium asks for en-US whatever --lang says.
    o.add_experimental_option("prefs", {"intl.accept_languages": "nl-NL,nl"})
    if phone:
        # Headless Chromium won't make a window narrower than 500 px, so emulate
        # the phone's viewport itself.
        o.add_experimental_option(
            "mobileEmulation", {"deviceMetrics": {"width": 390, "height": 844, "pixelRatio": 2.0}}
        )
    return o


def _make_driver(phone: bool):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    os.environ.setdefault("SE_OFFLINE", "true")  # never let Selenium Manager go online
    for path in (CHROMIUM_BIN, CHROMEDRIVER_BIN):
        if not Path(path).exists():
            pytest.fail(f"{path} not found: apt-get install chromium chromium-driver", pytrace=False)
    d = webdriver.Chrome(options=_chrome_options(phone), service=Service(CHROMEDRIVER_BIN))
    d.set_page_load_timeout(30)
    return d


@pytest.fixture
def browser() -> Iterator:
    """A fresh desktop-sized headless Chromium per test (no shared cookies)."""
    d = _make_driver(phone=False)
    yield d
    d.quit()


@pytest.fixture
def phone_browser() -> Iterator:
    """A fresh headless Chromium with a 390x844 phone viewport."""
    d = _make_driver(phone=True)
    yield d
    d.quit()


@pytest.fixture(scope="session")
def screenshot_dir() -> Path:
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    return SCREENSHOT_DIR

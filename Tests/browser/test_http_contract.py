"""Plain-HTTP checks of the running `omzien demo` server (no browser):
health and metrics, security headers, 404 pages, the anonymous redirect,
CSRF on login and logout, and the login form's error path.
"""

from __future__ import annotations

import json
import re

import pytest
import requests

from conftest import (
    LoopbackSession,
    DEMO_PASSWORD,
    HTTP_TIMEOUT_S,
    METRICS_TOKEN,
    REPO_ROOT,
    csrf_from,
    demo_email,
    describe,
    http_login,
    parse_page,
    redirect_target,
)


def get(server, path: str, **kw) -> requests.Response:
    kw.setdefault("allow_redirects", False)
    kw.setdefault("timeout", HTTP_TIMEOUT_S)
    return requests.get(server.url(path), **kw)


def test_health_and_metrics(demo_server) -> None:
    for path in ("/health/live", "/health/ready"):
        r = get(demo_server, path)
        assert r.status_code == 200, describe(r)
    # /metrics is for the platform's scraper only: refused without its bearer token, served with it.
    r = get(demo_server, "/metrics")
    assert r.status_code == 401, describe(r)
    r = get(demo_server, "/metrics", headers={"Authorization": f"Bearer {METRICS_TOKEN}"})
    assert r.status_code == 200, describe(r)
    assert r.headers.get("Content-Type", "").startswith("text/plain"), describe(r, 300)
    assert "# TYPE" in r.text, f"/metrics is not Prometheus text\n{describe(r, 500)}"


@pytest.mark.parametrize(
    "path",
    ["/inloggen", "/start", "/health/live", "/health/ready", "/bestaat-niet", "/api/v1/does-not-exist", "/metrics"],
)
def test_security_headers(demo_server, path: str) -> None:
    r = get(demo_server, path)
    h = r.headers
    assert "frame-ancestors 'none'" in h.get("Content-Security-Policy", ""), describe(r, 200)
    assert h.get("X-Content-Type-Options", "").lower() == "nosniff", describe(r, 200)
    assert h.get("Referrer-Policy"), describe(r, 200)


@pytest.mark.parametrize("path", ["/inloggen", "/bestaat-niet"])
def test_stylesheets_and_scripts_load(demo_server, path: str) -> None:
    """Every <link rel=stylesheet> and <script src> of the page is served (200, right type)."""
    page = parse_page(get(demo_server, path).text)
    assert page.stylesheets, f"{path} links no stylesheet"
    for href, kind in [(h, "text/css") for h in page.stylesheets] + [(h, "javascript") for h in page.scripts]:
        r = get(demo_server, href if href.startswith("/") else "/" + href)
        assert r.status_code == 200, f"{path} links {href}, which is not served\n{describe(r, 300)}"
        assert kind in r.headers.get("Content-Type", ""), f"{href} has the wrong type\n{describe(r, 300)}"


def test_unknown_page_is_dutch_404(demo_server) -> None:
    r = get(demo_server, "/bestaat-niet")
    assert r.status_code == 404, describe(r)
    assert r.headers.get("Content-Type", "").startswith("text/html"), describe(r)
    assert "Pagina niet gevonden" in parse_page(r.text).h1, describe(r)


def test_unknown_api_route_is_problem_json(demo_server) -> None:
    r = get(demo_server, "/api/v1/does-not-exist")
    assert r.status_code == 404, describe(r)
    assert r.headers.get("Content-Type", "").startswith("application/problem+json"), describe(r)
    body = json.loads(r.text)
    assert {"type", "title", "status"} <= set(body), describe(r)
    assert body["status"] == 404, describe(r)


def test_anonymous_start_redirects_to_login(demo_server) -> None:
    r = get(demo_server, "/start", headers={"Accept": "text/html"})
    assert r.status_code == 303, describe(r)
    path, query = redirect_target(r)
    assert path == "/inloggen" and query.get("terug") == ["/start"], describe(r)


def test_login_form_contract(demo_server) -> None:
    r = get(demo_server, "/inloggen")
    assert r.status_code == 200, describe(r)
    page = parse_page(r.text)
    form = page.form_with_input("email")
    assert form is not None, describe(r)
    assert form["method"] == "post", form
    assert {"email", "password", "_csrf"} <= set(form["inputs"]), form
    assert form["inputs"]["_csrf"], "empty _csrf token"
    assert r.cookies.get("omzien_csrf"), f"GET /inloggen should set the omzien_csrf cookie\n{describe(r)}"


def _post_login(server, session: requests.Session, data: dict) -> requests.Response:
    return session.post(server.url("/inloggen"), data=data, allow_redirects=False, timeout=HTTP_TIMEOUT_S)


def test_login_without_or_with_wrong_csrf_is_403(demo_server) -> None:
    s = LoopbackSession()
    token = csrf_from(s.get(demo_server.url("/inloggen"), timeout=HTTP_TIMEOUT_S).text)
    creds = {"email": demo_email("admin"), "password": DEMO_PASSWORD}

    r = _post_login(demo_server, s, creds)
    assert r.status_code == 403, f"login without _csrf must be 403\n{describe(r)}"

    r = _post_login(demo_server, s, {**creds, "_csrf": token[:-2] + ("AA" if not token.endswith("AA") else "BB")})
    assert r.status_code == 403, f"login with a wrong _csrf must be 403\n{describe(r)}"

    # The right token without its omzien_csrf cookie.
    r = _post_login(demo_server, LoopbackSession(), {**creds, "_csrf": token})
    assert r.status_code == 403, f"a _csrf token without its omzien_csrf cookie must be 403\n{describe(r)}"

    # And it still works the proper way in the same session.
    r = _post_login(demo_server, s, {**creds, "_csrf": token})
    assert r.status_code == 303 and redirect_target(r)[0] == "/start", describe(r)


@pytest.mark.parametrize(
    "email,password",
    [
        (demo_email("admin"), "helemaal-fout"),
        ("niemand@lindewaard.example", DEMO_PASSWORD),  # unknown account: the same answer
    ],
    ids=["wrong-password", "unknown-email"],
)
def test_failed_login_shows_error_and_keeps_email(demo_server, email: str, password: str) -> None:
    s = LoopbackSession()
    token = csrf_from(s.get(demo_server.url("/inloggen"), timeout=HTTP_TIMEOUT_S).text)
    r = _post_login(demo_server, s, {"email": email, "password": password, "_csrf": token})
    assert r.status_code in (200, 401), describe(r)
    assert "klopt niet" in r.text, describe(r)
    form = parse_page(r.text).form_with_input("email")
    assert form is not None and form["inputs"]["email"] == email, f"typed email not kept\n{describe(r)}"
    assert form["inputs"].get("password", "") == "", "the password must not be sent back"
    assert password not in r.text, "the password must not appear in the page"


def test_session_cookie_is_httponly_and_renewed_on_login(demo_server) -> None:
    s = LoopbackSession()
    r = s.get(demo_server.url("/inloggen"), timeout=HTTP_TIMEOUT_S)
    before = s.cookies.get("omzien_session")
    token = csrf_from(r.text)
    r = _post_login(demo_server, s, {"email": demo_email("analyst"), "password": DEMO_PASSWORD, "_csrf": token})
    assert r.status_code == 303, describe(r)
    set_cookies = r.raw.headers.getlist("Set-Cookie")
    session_lines = [c for c in set_cookies if c.startswith("omzien_session=")]
    assert session_lines, f"login must set omzien_session\n{describe(r)}"
    assert "httponly" in session_lines[-1].lower(), f"omzien_session must be HttpOnly: {session_lines[-1]!r}"
    assert "samesite" in session_lines[-1].lower(), f"omzien_session should set SameSite: {session_lines[-1]!r}"
    after = s.cookies.get("omzien_session")
    assert after and after != before, "the session id must change at login (session fixation)"


def test_logout_needs_csrf(demo_server) -> None:
    s = http_login(demo_server.base_url, demo_email("provider"))
    r = s.post(demo_server.url("/uitloggen"), data={}, allow_redirects=False, timeout=HTTP_TIMEOUT_S)
    assert r.status_code == 403, f"logout without _csrf must be 403\n{describe(r)}"
    r = s.get(demo_server.url("/start"), allow_redirects=False, timeout=HTTP_TIMEOUT_S)
    assert r.status_code == 200, f"a refused logout must leave the session alive\n{describe(r)}"
    assert parse_page(r.text).main_attrs.get("data-role") == "provider", describe(r)
    token = csrf_from(r.text, "/uitloggen")
    r = s.post(demo_server.url("/uitloggen"), data={"_csrf": token}, allow_redirects=False, timeout=HTTP_TIMEOUT_S)
    assert r.status_code in (302, 303), describe(r)
    r = s.get(demo_server.url("/start"), allow_redirects=False, timeout=HTTP_TIMEOUT_S)
    assert r.status_code == 303 and redirect_target(r)[0] == "/inloggen", describe(r)


def readme_logins() -> list[str]:
    """The logins in the README's table under "## Start", in its order."""
    readme = (REPO_ROOT / "README.md").read_text()
    start = readme.split("## Start", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"^\| \w+ \| `([^`]+@lindewaard\.example)` \|$", start, flags=re.M)


def test_demo_prints_the_logins_while_it_runs_in_the_readmes_order(demo_server) -> None:
    """`omzien demo` with its output in a file (not a terminal) shows the logins at once, not only at exit."""
    assert demo_server.proc is not None and demo_server.proc.poll() is None, "the demo server is running"
    printed = re.findall(r"^\s+\w+\s+(\S+@lindewaard\.example)\s+\(GM9901\)$", demo_server.log_text(max_chars=10_000_000), flags=re.M)
    expected = readme_logins()
    assert len(expected) == 8, f"the README's table of logins: {expected}"
    assert printed == expected, f"printed {printed}, the README lists {expected}"

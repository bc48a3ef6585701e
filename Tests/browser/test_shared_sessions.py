"""Two instances on one PostgreSQL database share sessions (plain HTTP, no browser).

Instance A: `omzien demo --database-url URL --port PA` (seeds the demo data).
Instance B: `omzien serve --port PB` with DATABASE_URL=URL.
A session made on A works on B; logging out on B ends it on A too.

Needs OMZIEN_TEST_DATABASE_URL pointing at an empty database, e.g.

    scripts/postgres-test-server.sh start
    scripts/postgres-test-server.sh reset-db omzien_shared
    OMZIEN_TEST_DATABASE_URL=$(scripts/postgres-test-server.sh url omzien_shared) \\
        python3 -m pytest -q Tests/browser/test_shared_sessions.py
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Iterator

import pytest
import requests

from conftest import (
    HTTP_TIMEOUT_S,
    OmzienServer,
    csrf_from,
    demo_email,
    describe,
    free_port,
    http_login,
    parse_page,
    redirect_target,
    start_server,
)

DATABASE_URL = os.environ.get("OMZIEN_TEST_DATABASE_URL", "")


@pytest.fixture(scope="module")
def pg_url() -> str:
    if not DATABASE_URL:
        msg = (
            "OMZIEN_TEST_DATABASE_URL is not set: the shared-session test needs PostgreSQL "
            "(see scripts/postgres-test-server.sh)"
        )
        if os.environ.get("OMZIEN_TEST_REQUIRE_POSTGRES") == "1":
            pytest.fail(msg, pytrace=False)
        pytest.skip(msg)
    return DATABASE_URL


@pytest.fixture(scope="module")
def pair(pg_url: str, server_log_dir: Path) -> Iterator[tuple[OmzienServer, OmzienServer]]:
    port_a = free_port()
    a = start_server("pg-a-demo", ["demo", "--database-url", pg_url, "--port", str(port_a)], port_a, server_log_dir)
    try:
        port_b = free_port()
        b = start_server("pg-b-serve", ["serve", "--port", str(port_b)], port_b, server_log_dir, {"DATABASE_URL": pg_url})
    except BaseException:
        a.stop()
        raise
    yield a, b
    b.stop()
    a.stop()


def get_with(cookies: dict[str, str], url: str) -> requests.Response:
    return requests.get(url, cookies=cookies, allow_redirects=False, timeout=HTTP_TIMEOUT_S)


def test_session_from_a_works_on_b_and_logout_on_b_ends_it_on_a(pair) -> None:
    a, b = pair

    # Log in on A through the real form (GET for _csrf + cookie, then POST).
    s = http_login(a.base_url, demo_email("professional"))
    cookies = {c.name: c.value for c in s.cookies}
    assert "omzien_session" in cookies, cookies

    r = get_with(cookies, a.url("/start"))
    assert r.status_code == 200, describe(r)

    # The same cookies on B.
    r = get_with(cookies, b.url("/start"))
    assert r.status_code == 200, f"B should accept the session made on A\n{describe(r)}"
    main = parse_page(r.text).main_attrs or {}
    assert main.get("data-role") == "professional", describe(r)

    # Log out on B with the token from B's own page.
    token = csrf_from(r.text, "/uitloggen")
    r = requests.post(
        b.url("/uitloggen"),
        data={"_csrf": token},
        cookies=cookies,
        allow_redirects=False,
        timeout=HTTP_TIMEOUT_S,
    )
    assert r.status_code in (302, 303), f"logout on B\n{describe(r)}"

    # The old cookies are dead on both instances.
    for name, server in (("A", a), ("B", b)):
        r = get_with(cookies, server.url("/start"))
        assert r.status_code == 303 and redirect_target(r)[0] == "/inloggen", (
            f"after logout on B, {name} must no longer accept the session\n{describe(r)}"
        )


def test_login_on_b_works_on_a(pair) -> None:
    a, b = pair
    s = http_login(b.base_url, demo_email("coordinator"))
    cookies = {c.name: c.value for c in s.cookies}
    r = get_with(cookies, a.url("/start"))
    assert r.status_code == 200, describe(r)
    assert (parse_page(r.text).main_attrs or {}).get("data-role") == "coordinator", describe(r)


def test_the_daily_retention_run_is_done_by_one_instance(pair) -> None:
    """Both instances run the retention job when they start; the claim in the database lets only one do
    today's run, so the log has each rule once (as the nightly job), not twice."""
    a, b = pair
    import time
    s = http_login(b.base_url, demo_email("admin"))
    deadline = time.time() + 20
    while True:
        r = s.get(b.url("/beheer/bewaartermijnen"), timeout=HTTP_TIMEOUT_S)
        assert r.status_code == 200, describe(r)
        runs = r.text.count("nachtelijke taak")
        if runs >= 3 or time.time() > deadline:
            break
        time.sleep(0.5)
    assert runs == 3, f"expected one run of the three rules, the log shows {runs} rows\n{describe(r)}"


def test_graceful_stop(pair, server_log_dir: Path) -> None:
    """A third `serve` on the same database starts, answers, and exits 0 on SIGTERM."""
    _, _ = pair
    port = free_port()
    c = start_server("pg-c-serve", ["serve", "--port", str(port)], port, server_log_dir, {"DATABASE_URL": DATABASE_URL})
    r = requests.get(c.url("/health/ready"), timeout=HTTP_TIMEOUT_S)
    assert r.status_code == 200, describe(r)
    code = c.stop()
    assert code == 0, f"`omzien serve` should exit 0 after SIGTERM, got {code}\n{c.log_text(3000)}"

"""Browser journeys through `omzien demo` (SQLite), in headless Chromium.

For every demo role: log in through the real form, land on /start, see the
forbidden page for administration, log out with the header button, and be sent
to the login form again. Plus the wrong-password form, a keyboard-only login,
the skip link, and a phone-sized view. Screenshots go to /tmp/omzien-screens/.
"""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
import requests
from selenium.common.exceptions import (
    NoSuchElementException,
    StaleElementReferenceException,
    TimeoutException,
    WebDriverException,
)
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.remote.webelement import WebElement
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

from conftest import (
    DEMO_PASSWORD,
    HTTP_TIMEOUT_S,
    ROLES,
    LoopbackSession,
    demo_email,
    describe,
    redirect_target,
)

WAIT_S = 15


# --------------------------------------------------------------------------- helpers


def path_of(d: WebDriver) -> str:
    return urlsplit(d.current_url).path


def dump(d: WebDriver, limit: int = 1500) -> str:
    """What the browser shows now, for assertion messages."""
    try:
        body = d.find_element(By.TAG_NAME, "body").text
    except Exception:  # noqa: BLE001 - only for a message
        body = "(no body)"
    return f"url={d.current_url!r} title={d.title!r}\nbody text: {body[:limit]!r}"


def wait_for(d: WebDriver, condition, what: str, timeout: float = WAIT_S):
    try:
        # A page may be replaced while a condition looks at it: just look again.
        return WebDriverWait(
            d, timeout, ignored_exceptions=(NoSuchElementException, StaleElementReferenceException)
        ).until(condition)
    except TimeoutException:
        raise AssertionError(f"timed out after {timeout}s waiting for {what}\n{dump(d)}") from None


def gone(el: WebElement):
    """A condition: `el`'s page has been replaced. (EC.staleness_of misses chromedriver's
    'Node with given id does not belong to the document' during a navigation.)"""

    def check(_d: WebDriver) -> bool:
        try:
            el.is_enabled()
            return False
        except WebDriverException:  # includes StaleElementReferenceException
            return True

    return check


def wait_path(d: WebDriver, path: str) -> None:
    wait_for(d, lambda d: path_of(d) == path, f"path {path}")


def h1_text(d: WebDriver) -> str:
    el = wait_for(d, EC.presence_of_element_located((By.TAG_NAME, "h1")), "an <h1>")
    return " ".join(el.text.split())


def login_form(d: WebDriver) -> WebElement:
    wait_for(d, EC.presence_of_element_located((By.CSS_SELECTOR, "input[name='email']")), "the login form")
    return d.find_element(By.XPATH, "//form[.//input[@name='email']]")


def fill_login(d: WebDriver, base_url: str, email: str, password: str) -> None:
    """Fill in and submit the login form; returns once the browser has left that page."""
    d.get(base_url + "/inloggen")
    form = login_form(d)
    assert form.find_elements(By.CSS_SELECTOR, "input[type='hidden'][name='_csrf']"), (
        "login form has no hidden _csrf input\n" + dump(d)
    )
    form.find_element(By.CSS_SELECTOR, "input[name='email']").send_keys(email)
    form.find_element(By.CSS_SELECTOR, "input[name='password']").send_keys(password)
    form.find_element(By.CSS_SELECTOR, "button[type='submit'], input[type='submit']").click()
    wait_for(d, gone(form), "the page after submitting the login form")


def browser_login(d: WebDriver, base_url: str, email: str, password: str = DEMO_PASSWORD) -> None:
    fill_login(d, base_url, email, password)
    wait_path(d, "/start")


def http_session_from(d: WebDriver) -> requests.Session:
    """A requests session carrying the browser's cookies (to read HTTP status codes)."""
    s = LoopbackSession()
    for c in d.get_cookies():
        s.cookies.set(c["name"], c["value"])
    return s


def main_role(d: WebDriver) -> str | None:
    main = wait_for(d, EC.presence_of_element_located((By.CSS_SELECTOR, "main#inhoud")), "<main id='inhoud'>")
    return main.get_attribute("data-role")


def active(d: WebDriver) -> WebElement:
    return d.switch_to.active_element


def press(d: WebDriver, *keys: str) -> None:
    ActionChains(d).send_keys(*keys).perform()


def assert_forbidden(d: WebDriver, base_url: str, path: str) -> None:
    """The browser shows the Dutch forbidden page, and plain HTTP sees a 403 for it."""
    d.get(base_url + path)
    assert h1_text(d) == "Geen toegang", f"{path} should show <h1>Geen toegang</h1>\n{dump(d)}"
    r = http_session_from(d).get(base_url + path, allow_redirects=False, timeout=HTTP_TIMEOUT_S)
    assert r.status_code == 403, f"{path} should answer 403\n{describe(r)}"
    assert "Geen toegang" in r.text, describe(r)


def logout_via_header(d: WebDriver) -> None:
    try:
        form = d.find_element(By.CSS_SELECTOR, "header form[action$='/uitloggen']")
    except NoSuchElementException:
        raise AssertionError("no <form action='/uitloggen'> inside <header>\n" + dump(d)) from None
    assert (form.get_attribute("method") or "").lower() == "post", "logout form must use POST"
    assert form.find_elements(By.CSS_SELECTOR, "input[type='hidden'][name='_csrf']"), "logout form has no _csrf"
    button = form.find_element(By.CSS_SELECTOR, "button, input[type='submit']")
    button.click()
    wait_for(d, gone(form), "the page after logging out")


def assert_login_redirect(d: WebDriver, base_url: str) -> None:
    """GET /start in the browser ends on the login form, with terug=/start."""
    d.get(base_url + "/start")
    wait_path(d, "/inloggen")
    login_form(d)
    terug = parse_qs(urlsplit(d.current_url).query).get("terug")
    assert terug == ["/start"], f"expected ?terug=/start, got {d.current_url!r}"


def first_focusable_js(d: WebDriver) -> dict:
    """The first element in tab order by DOM (ignoring positive tabindex, checked separately)."""
    return d.execute_script(
        """
        const sel = 'a[href], area[href], button, input:not([type=hidden]), select, textarea, '
                  + 'iframe, summary, [contenteditable=""], [contenteditable=true], [tabindex]';
        const positive = [...document.querySelectorAll('[tabindex]')]
            .filter(e => e.tabIndex > 0).map(e => e.outerHTML.slice(0, 120));
        for (const e of document.querySelectorAll(sel)) {
            if (e.disabled || e.tabIndex < 0) continue;
            const cs = getComputedStyle(e);
            if (cs.display === 'none' || cs.visibility === 'hidden') continue;
            return {html: e.outerHTML.slice(0, 200), href: e.getAttribute('href'),
                    text: e.textContent.trim(), positive: positive};
        }
        return {html: null, href: null, text: null, positive: positive};
        """
    )


def check_skip_link(d: WebDriver, page: str) -> None:
    first = first_focusable_js(d)
    assert not first["positive"], f"{page}: elements with tabindex > 0 break the tab order: {first['positive']}"
    assert first["href"] == "#inhoud" and "Naar de inhoud" in (first["text"] or ""), (
        f"{page}: the first focusable element should be the skip link "
        f"<a href='#inhoud'>Naar de inhoud</a>, found {first['html']!r}"
    )
    assert d.find_elements(By.ID, "inhoud"), f"{page}: the skip link's target #inhoud is missing"
    # And with a real Tab key, from a freshly loaded page with nothing focused.
    if d.execute_script("return document.activeElement === document.body || document.activeElement === null"):
        press(d, Keys.TAB)
        el = active(d)
        assert el.tag_name == "a" and (el.get_attribute("href") or "").endswith("#inhoud"), (
            f"{page}: the first Tab should focus the skip link, focused "
            f"{el.get_attribute('outerHTML')[:200]!r}"
        )
        rect = d.execute_script(
            "const r = arguments[0].getBoundingClientRect(); return [r.width, r.height, r.top, r.left];", el
        )
        assert rect[0] > 1 and rect[1] > 1 and rect[2] >= 0 and rect[3] >= 0, (
            f"{page}: the skip link must be visible when focused (WCAG 2.4.7); rect={rect}"
        )
        press(d, Keys.ENTER)
        wait_for(d, lambda d: urlsplit(d.current_url).fragment == "inhoud", f"{page}: #inhoud after Enter on skip link")


# --------------------------------------------------------------------------- journeys


@pytest.mark.parametrize("role", ROLES)
def test_role_journey(role: str, demo_server, browser, screenshot_dir) -> None:
    base = demo_server.base_url
    d = browser

    # 1. Log in through the real form and land on /start with the right role.
    browser_login(d, base, demo_email(role))
    assert main_role(d) == role, f"<main id='inhoud' data-role> should be {role!r}\n{dump(d)}"
    assert h1_text(d), f"the home page needs a non-empty <h1>\n{dump(d)}"
    d.save_screenshot(str(screenshot_dir / f"start-{role}.png"))

    session_cookie = d.get_cookie("omzien_session")
    assert session_cookie, "no omzien_session cookie after login"
    assert session_cookie.get("httpOnly") is True, f"omzien_session must be HttpOnly: {session_cookie}"

    # 2. Administration: forbidden for everyone but the admin, who is limited to their own municipality.
    if role == "admin":
        d.get(base + "/beheer/gebruikers")
        assert h1_text(d) != "Geen toegang", f"the Lindewaard admin should see /beheer/gebruikers\n{dump(d)}"
        r = http_session_from(d).get(base + "/beheer/gebruikers", allow_redirects=False, timeout=HTTP_TIMEOUT_S)
        assert r.status_code == 200, describe(r)
        d.save_screenshot(str(screenshot_dir / "beheer-gebruikers-admin.png"))
        assert_forbidden(d, base, "/beheer/gemeenten/GM9902")
    else:
        assert_forbidden(d, base, "/beheer/gebruikers")
        if role == "professional":
            d.save_screenshot(str(screenshot_dir / "geen-toegang.png"))

    # 3. Log out with the header's button; the old session must be dead server-side too.
    d.get(base + "/start")
    wait_path(d, "/start")
    old_cookies = http_session_from(d)
    logout_via_header(d)
    assert_login_redirect(d, base)
    r = old_cookies.get(base + "/start", allow_redirects=False, timeout=HTTP_TIMEOUT_S)
    assert r.status_code == 303 and redirect_target(r)[0] == "/inloggen", (
        f"the session cookie from before logout must no longer work\n{describe(r)}"
    )


def test_wrong_password_keeps_email(demo_server, browser, screenshot_dir) -> None:
    d = browser
    email = demo_email("coordinator")
    fill_login(d, demo_server.base_url, email, "dit-is-niet-het-wachtwoord")
    wait_for(d, lambda d: "klopt niet" in d.find_element(By.TAG_NAME, "body").text, "the error 'klopt niet'")
    assert path_of(d) == "/inloggen", f"a wrong password must not log in\n{dump(d)}"
    form = login_form(d)
    assert form.find_element(By.CSS_SELECTOR, "input[name='email']").get_attribute("value") == email
    assert form.find_element(By.CSS_SELECTOR, "input[name='password']").get_attribute("value") == "", (
        "the password must not be sent back into the form"
    )
    d.save_screenshot(str(screenshot_dir / "inloggen-fout.png"))
    # The form works again after the error: now with the right password.
    form.find_element(By.CSS_SELECTOR, "input[name='password']").send_keys(DEMO_PASSWORD)
    form.find_element(By.CSS_SELECTOR, "button[type='submit'], input[type='submit']").click()
    wait_for(d, gone(form), "the page after submitting the login form")
    wait_path(d, "/start")
    assert main_role(d) == "coordinator"


def test_keyboard_only_login(demo_server, browser) -> None:
    d = browser
    d.get(demo_server.base_url + "/inloggen")
    login_form(d)
    for _ in range(20):
        if active(d).get_attribute("name") == "email":
            break
        press(d, Keys.TAB)
    else:
        raise AssertionError("20 Tabs never reached the email field\n" + dump(d))
    press(d, demo_email("volunteer"))
    press(d, Keys.TAB)
    assert active(d).get_attribute("name") == "password", (
        f"Tab after the email field should reach the password field, got "
        f"{active(d).get_attribute('outerHTML')[:200]!r}"
    )
    press(d, DEMO_PASSWORD, Keys.ENTER)
    wait_path(d, "/start")
    assert main_role(d) == "volunteer"


def test_skip_link_is_first_focusable(demo_server, browser) -> None:
    d = browser
    d.get(demo_server.base_url + "/inloggen")
    login_form(d)
    check_skip_link(d, "/inloggen")

    browser_login(d, demo_server.base_url, demo_email("signaler"))
    d.get(demo_server.base_url + "/start")
    main_role(d)
    check_skip_link(d, "/start")


def test_phone_view_login_and_home(demo_server, phone_browser, screenshot_dir) -> None:
    d = phone_browser
    base = demo_server.base_url
    d.get(base + "/inloggen")
    login_form(d)
    d.save_screenshot(str(screenshot_dir / "inloggen-telefoon.png"))
    width = d.execute_script("return window.innerWidth")
    assert width == 390, (
        f"viewport is {width}px wide on a 390px phone: the page needs "
        "<meta name='viewport' content='width=device-width, initial-scale=1'>"
    )

    def overflow() -> int:
        return d.execute_script("return document.documentElement.scrollWidth - window.innerWidth")

    assert overflow() <= 1, f"/inloggen scrolls sideways on a phone by {overflow()}px"

    browser_login(d, base, demo_email("professional"))
    assert main_role(d) == "professional"
    assert d.find_element(By.TAG_NAME, "h1").is_displayed()
    d.save_screenshot(str(screenshot_dir / "start-professional-telefoon.png"))
    assert overflow() <= 1, f"/start scrolls sideways on a phone by {overflow()}px"


def test_login_page_screenshot(demo_server, browser, screenshot_dir) -> None:
    d = browser
    d.get(demo_server.base_url + "/inloggen")
    login_form(d)
    assert d.execute_script("return document.documentElement.lang") in ("nl", "nl-NL"), (
        "<html> should declare lang='nl'"
    )
    assert d.title.strip(), "the login page needs a <title>"
    d.save_screenshot(str(screenshot_dir / "inloggen.png"))

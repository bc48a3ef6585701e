"""The public pages on narrow phones (issue 16), in headless Chromium against `omzien demo`.

At 320 and 390 CSS pixels wide, every public page a resident can reach must fit the screen: no
sideways scrolling. The pages: the home page, each step of /melden up to the check page, the
emergency page, /melden/status, /activiteiten and one activity page. On the way it checks what
residents ran into in their first hour: the home page links to the activity search, activity cards
carry no list bullets, and answering "Ja" to the danger question leads straight to the emergency
numbers (as tap-to-call links), whatever else is still empty.
"""

from __future__ import annotations

from typing import Iterator

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.support.ui import Select

from conftest import CHROMEDRIVER_BIN, _chrome_options
from test_role_journeys import dump, h1_text, wait_for
from test_signal_journey import POSTCODE, HOUSE_NUMBER, choose, click_button, type_into, wait_step

WIDTHS = (320, 390)


@pytest.fixture(params=WIDTHS, ids=lambda w: f"{w}px")
def narrow_browser(request) -> Iterator[WebDriver]:
    """A headless Chromium whose phone viewport is exactly the given width."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = _chrome_options(phone=True)
    # Headless Chromium will not make a window this narrow; the emulated phone sets the viewport instead.
    options.add_experimental_option(
        "mobileEmulation", {"deviceMetrics": {"width": request.param, "height": 800, "pixelRatio": 2.0}})
    d = webdriver.Chrome(options=options, service=Service(CHROMEDRIVER_BIN))
    d.set_page_load_timeout(30)
    yield d
    d.quit()


def assert_fits(d: WebDriver, what: str) -> None:
    """No horizontal overflow: the document is no wider than the viewport."""
    scroll, inner = d.execute_script("return [document.documentElement.scrollWidth, window.innerWidth]")
    if scroll > inner:
        culprits = d.execute_script("""
            const w = window.innerWidth;
            return [...document.querySelectorAll('body *')]
              .filter(e => e.getBoundingClientRect().right > w + 0.5)
              .slice(0, 8).map(e => e.tagName.toLowerCase() + (e.className ? '.' + e.className : '') + ' '
                + Math.round(e.getBoundingClientRect().right) + ': ' + (e.textContent || '').trim().slice(0, 60));
        """)
        raise AssertionError(f"{what} is {scroll}px wide in a {inner}px viewport; too wide: {culprits}")


def test_public_pages_fit_narrow_phones(demo_server, narrow_browser) -> None:
    d = narrow_browser
    base = demo_server.base_url

    d.get(base + "/")
    width = d.execute_script("return window.innerWidth")
    assert width in WIDTHS, f"the page should have a device-width viewport, not {width}px"
    assert_fits(d, "the home page")
    assert d.find_elements(By.CSS_SELECTOR, "main a[href='/activiteiten']"), "the home page should link to the activity search"

    d.get(base + "/activiteiten")
    assert_fits(d, "the activity search")
    cards = d.find_elements(By.CSS_SELECTOR, "#activiteiten > li.card")
    assert cards, dump(d)
    assert cards[0].value_of_css_property("list-style-type") == "none", "activity cards should show no list bullets"
    for where in d.find_elements(By.XPATH, "//ul[@id='activiteiten']//dt[normalize-space()='Waar']/following-sibling::dd[1]"):
        assert where.text.strip(), "'Waar' should never be empty"
    cards[0].find_element(By.CSS_SELECTOR, "h2 a").click()
    wait_for(d, lambda d: d.current_url.rstrip("/") != base + "/activiteiten", "an activity page")
    assert_fits(d, "an activity page")

    d.get(base + "/melden/status")
    assert_fits(d, "the status page")

    # The form, step by step up to the check page (nothing is sent).
    d.get(base + "/melden")
    wait_step(d, 1)
    assert_fits(d, "step 1")
    choose(d, "danger", "no")
    type_into(d, "concern", "Mijn buurman doet de deur niet meer open.")
    choose(d, "indicators", "curtains_closed")
    choose(d, "duration", "weeks")
    click_button(d, "Volgende stap")
    wait_step(d, 2)
    assert_fits(d, "step 2")
    choose(d, "relation", "neighbour")
    type_into(d, "reporter_name", "Henk Buurman")
    type_into(d, "reporter_email", "henk@example.nl")
    click_button(d, "Volgende stap")
    wait_step(d, 3)
    assert_fits(d, "step 3")
    type_into(d, "postcode", POSTCODE)
    type_into(d, "house_number", HOUSE_NUMBER)
    Select(d.find_element(By.NAME, "age_band")).select_by_value("75_84")
    click_button(d, "Volgende stap")
    wait_for(d, lambda d: h1_text(d) == "Controleer uw melding", "the check page")
    assert_fits(d, "the check page")

    # Danger first: "Ja" with nothing else filled in goes straight to the emergency numbers.
    d.get(base + "/melden")
    wait_step(d, 1)
    choose(d, "danger", "yes")
    click_button(d, "Volgende stap")
    wait_for(d, lambda d: d.find_elements(By.CSS_SELECTOR, ".emergency"), "the emergency page")
    assert_fits(d, "the emergency page")
    calls = [a.get_attribute("href") for a in d.find_elements(By.CSS_SELECTOR, "main a[href^='tel:']")]
    assert "tel:112" in calls and "tel:08000113" in calls, f"the emergency numbers should be tap-to-call links: {calls}"

"""Consent withdrawal stops the sharing at once, in headless Chromium against a fresh `omzien demo` (SQLite).

Issue 15, item 3: before, every referral wrote a second identical "share with a provider" consent, and
withdrawing one left the other valid, so the provider kept seeing the person. As the people involved click it:

1. A professional starts a trajectory for "Greet Withdraw" and refers her to "Huiskamer van de buurt": the
   form asks for her consent, which goes into her registry.
2. A second referral to the same activity: the form shows the registry's consent ("staat in het register")
   and does not ask again; the registry still holds exactly one consent to share with Buurthuis De Schakel.
3. The provider (Buurthuis De Schakel) sees her name and request on both referrals.
4. The professional withdraws that one consent in the registry ("Intrekken").
5. The provider's next requests show nothing of her: not in the list of received referrals, not on either
   referral page, and no answer form.

The server is started for this module alone (the journey changes the data). Screenshots go to
/tmp/omzien-screens/consent-*.png.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Iterator

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.support.ui import Select

from conftest import OmzienServer, demo_email, start_fresh_demo
from test_role_journeys import browser_login, dump, h1_text, logout_via_header, path_of, wait_for
from test_signal_journey import choose, field, main_text, type_into
from test_trajectory_journey import press_button, start_direct_trajectory, tick

REFERRAL_PATH_RE = re.compile(r"^/verwijzingen/([0-9A-Fa-f-]{36})$")
PERSON = "Greet Withdraw"
PHONE = "0590-667788"
REQUESTS = ["Greet wil graag onder de mensen komen.", "Greet zoekt ook iets voor de zondag."]
ACTIVITY = "Huiskamer van de buurt"
PROVIDER_ORGANISATION = "Buurthuis De Schakel"
SHARE_PURPOSE = "delen met een aanbieder (verwijzing)"
ON_RECORD = "staat in het register"
NO_CONSENT = "geen geldige toestemming"


@pytest.fixture(scope="module")
def consent_server(server_log_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[OmzienServer]:
    server = start_fresh_demo("demo-consent", server_log_dir, tmp_path_factory)
    yield server
    server.stop()


def shot(d: WebDriver, screenshot_dir: Path, name: str) -> None:
    d.save_screenshot(str(screenshot_dir / f"consent-{name}.png"))


def fill_referral(d: WebDriver, request: str) -> None:
    """Type the request, check the details taken from the trajectory and send the referral."""
    assert field(d, "person_name").get_attribute("value") == PERSON, "the name comes from the trajectory\n" + dump(d)
    type_into(d, "person_phone", PHONE)
    type_into(d, "request", request)


def send(d: WebDriver) -> str:
    press_button(d, "Verwijzing versturen")
    wait_for(d, lambda d: REFERRAL_PATH_RE.match(path_of(d)), "a /verwijzingen/<id> page")
    return REFERRAL_PATH_RE.match(path_of(d)).group(1)  # type: ignore[union-attr]


def share_rows(d: WebDriver) -> list:
    """The registry rows about sharing with a provider."""
    return [
        row for row in d.find_elements(By.CSS_SELECTOR, "table#toestemmingen tbody tr")
        if " ".join(row.find_element(By.TAG_NAME, "th").text.split()) == SHARE_PURPOSE
    ]


def test_withdrawing_consent_stops_the_provider_seeing_the_person(consent_server, browser, screenshot_dir) -> None:
    d = browser
    base = consent_server.base_url
    browser_login(d, base, demo_email("professional"))
    trajectory_id = start_direct_trajectory(d, base, PERSON)

    # 1. The first referral asks for consent.
    d.get(f"{base}/verwijzingen/nieuw?traject={trajectory_id}")
    wait_for(d, lambda d: h1_text(d) == "Nieuwe verwijzing", "the referral form")
    activity = Select(field(d, "activity"))
    activity.select_by_visible_text(ACTIVITY)
    activity_id = activity.first_selected_option.get_attribute("value")
    fill_referral(d, REQUESTS[0])
    choose(d, "consent_form", "verbal")
    tick(d, "consent")
    first = send(d)

    # 2. The second referral to the same activity (as the suggestions page links it) leans on the registry.
    d.get(f"{base}/verwijzingen/nieuw?activiteit={activity_id}&traject={trajectory_id}")
    wait_for(d, lambda d: h1_text(d) == "Nieuwe verwijzing", "the referral form")
    text = main_text(d)
    assert ON_RECORD in text and PROVIDER_ORGANISATION in text, "the form shows the registry's consent\n" + dump(d)
    assert not d.find_elements(By.CSS_SELECTOR, "main input[name='consent']"), "consent on record is not asked again\n" + dump(d)
    shot(d, screenshot_dir, "01-second-referral")
    fill_referral(d, REQUESTS[1])
    second = send(d)

    d.get(f"{base}/trajecten/{trajectory_id}/toestemming")
    rows = share_rows(d)
    assert len(rows) == 1, f"one consent to share with the provider, not one per referral\n{dump(d)}"
    assert PROVIDER_ORGANISATION in rows[0].text and "geldig" in rows[0].text, dump(d)
    logout_via_header(d)

    # 3. The provider sees both referrals with the person.
    browser_login(d, base, demo_email("provider"))
    for referral in (first, second):
        d.get(f"{base}/verwijzingen/{referral}")
        assert PERSON in main_text(d), f"before the withdrawal the provider sees the person\n{dump(d)}"
    logout_via_header(d)

    # 4. The person withdraws: the professional presses "Intrekken" on that one row.
    browser_login(d, base, demo_email("professional"))
    d.get(f"{base}/trajecten/{trajectory_id}/toestemming")
    rows = share_rows(d)
    button = rows[0].find_element(By.XPATH, ".//button[normalize-space()='Intrekken']")
    button.click()
    wait_for(d, lambda d: "De toestemming is ingetrokken" in main_text(d), "the withdrawal notice")
    assert "ingetrokken op" in share_rows(d)[0].text, dump(d)
    shot(d, screenshot_dir, "02-withdrawn")
    logout_via_header(d)

    # 5. The provider's next request shows nothing of her.
    browser_login(d, base, demo_email("provider"))
    d.get(f"{base}/verwijzingen/ontvangen")
    received = main_text(d)
    assert PERSON not in received and "Greet" not in received, f"the list names her no more\n{dump(d)}"
    for referral, request in zip((first, second), REQUESTS):
        d.get(f"{base}/verwijzingen/{referral}")
        page = main_text(d)
        assert NO_CONSENT in page, dump(d)
        for secret in ("Greet", PHONE, request):
            assert secret not in page and secret not in d.title, f"{secret!r} still shown after the withdrawal\n{dump(d)}"
        assert not d.find_elements(By.CSS_SELECTOR, "main select[name='status']"), "no answer form without consent\n" + dump(d)
    shot(d, screenshot_dir, "03-provider-sees-nothing")

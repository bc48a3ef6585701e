"""The signal point end to end, in headless Chromium against a fresh `omzien demo` (SQLite).

One journey, as the people involved would do it:

1. A resident (not logged in) reports a worry about "Truus Bakker" through /melden: three
   steps, the check page, the confirmation with the reference code.
2. The coordinator sees the signal in the queue (/signalen), routed to the team of the district
   the postcode falls in, and logs out.
3. The professional of that team opens it, records a contact attempt that did not reach her,
   then one in which she gave (verbal) consent.
4. The reporter, in a browser that never logged in, looks up the status with the code.
5. A second resident reports about the same address under another name; the professional sees
   it as a possible duplicate ("zelfde adres") and merges it into the first signal's file.

Plus a keyboard-only pass through the first step of the form. The server is started for this
module alone, so no other test module's signals are in it; the demo's own example signals may be
(they include a "Truus Bakker" at the same address), so "our" signals are found by reference code. Screenshots go to
/tmp/omzien-screens/signal-*.png.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Iterator
from urllib.parse import urlsplit

import pytest
from selenium.common.exceptions import NoSuchElementException
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.remote.webelement import WebElement
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select

from conftest import OmzienServer, _make_driver, demo_email, start_fresh_demo
from test_role_journeys import (
    active,
    browser_login,
    dump,
    gone,
    h1_text,
    logout_via_header,
    path_of,
    press,
    wait_for,
    wait_path,
)

# The reference code as ReferenceCode renders it: 4-4-3 characters from an alphabet without look-alikes.
CODE_RE = re.compile(r"^[34679ACDEFGHJKMNPQRTWXY]{4}-[34679ACDEFGHJKMNPQRTWXY]{4}-[34679ACDEFGHJKMNPQRTWXY]{3}$")
SIGNAL_PATH_RE = re.compile(r"^/signalen/([0-9A-Fa-f-]{36})$")

PERSON = "Truus Bakker"
POSTCODE = "9403 AB"  # district Noord -> Sociaal wijkteam Noord-Oost in the demo data
HOUSE_NUMBER = "12"
TEAM = "Sociaal wijkteam Noord-Oost"
CONCERN = "De gordijnen van mevrouw Bakker zijn al weken dicht en ik zie haar niet meer buiten."
SECOND_PERSON = "mevrouw op nummer 12"
SECOND_CONCERN = "Mijn buurvrouw op nummer 12 komt niet meer naar de koffieochtend in het buurthuis."


# --------------------------------------------------------------------------- fixtures


@pytest.fixture(scope="module")
def signal_server(server_log_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[OmzienServer]:
    """`omzien demo` with its own fresh SQLite file: no signals from other test modules."""
    server = start_fresh_demo("demo-signals", server_log_dir, tmp_path_factory)
    yield server
    server.stop()


@pytest.fixture
def staff_browser() -> Iterator[WebDriver]:
    """A second, separate Chromium for the staff, so the resident's browser never holds a login."""
    d = _make_driver(phone=False)
    yield d
    d.quit()


# --------------------------------------------------------------------------- helpers


def main_text(d: WebDriver) -> str:
    return " ".join(d.find_element(By.CSS_SELECTOR, "main").text.split())


def shot(d: WebDriver, screenshot_dir: Path, name: str, show: WebElement | None = None, prefix: str = "signal") -> None:
    """Save <prefix>-<name>.png; with `show`, scroll that element into view first."""
    if show is not None:
        d.execute_script("arguments[0].scrollIntoView({block: 'center'})", show)
    d.save_screenshot(str(screenshot_dir / f"{prefix}-{name}.png"))


def wait_h1(d: WebDriver, expected: str) -> None:
    wait_for(d, lambda d: h1_text(d) == expected, f"<h1>{expected}</h1>")


def field(d: WebDriver, name: str) -> WebElement:
    """The input with id veld-<name>, which must have a visible <label for> (the way a user finds it)."""
    try:
        el = d.find_element(By.ID, f"veld-{name}")
    except NoSuchElementException:
        raise AssertionError(f"no field #veld-{name}\n{dump(d)}") from None
    labels = d.find_elements(By.CSS_SELECTOR, f"label[for='veld-{name}']")
    assert labels and labels[0].is_displayed(), f"#veld-{name} has no visible <label for>\n{dump(d)}"
    return el


def type_into(d: WebDriver, name: str, text: str) -> None:
    """Click the field's label (which focuses the field) and type, like a person."""
    el = field(d, name)
    d.find_element(By.CSS_SELECTOR, f"label[for='veld-{name}']").click()
    assert active(d) == el, f"clicking the label of #veld-{name} should focus it\n{dump(d)}"
    el.clear()
    el.send_keys(text)
    assert el.get_attribute("value") == text, f"#veld-{name} should hold {text!r}, has {el.get_attribute('value')!r}"


def choose(d: WebDriver, name: str, value: str) -> WebElement:
    """Tick a checkbox or radio inside the fieldset group #veld-<name> by clicking its label text."""
    try:
        group = d.find_element(By.ID, f"veld-{name}")
    except NoSuchElementException:
        raise AssertionError(f"no choice group #veld-{name}\n{dump(d)}") from None
    assert group.find_elements(By.XPATH, "ancestor::fieldset/legend"), f"#veld-{name} should sit in a <fieldset> with a <legend>"
    try:
        box = group.find_element(By.CSS_SELECTOR, f"input[name='{name}'][value='{value}']")
    except NoSuchElementException:
        raise AssertionError(f"#veld-{name} has no option value={value!r}\n{dump(d)}") from None
    label = box.find_element(By.XPATH, "ancestor::label[1]")
    if not box.is_selected():
        label.click()
    assert box.is_selected(), f"clicking the label {label.text!r} should select {name}={value}"
    return box


def click_button(d: WebDriver, text: str) -> None:
    """Click the submit button labelled `text` inside <main>; return once its page has been replaced."""
    buttons = d.find_elements(By.XPATH, f"//main//button[normalize-space()='{text}']")
    assert buttons, f"no button {text!r} in <main>\n{dump(d)}"
    form = buttons[0].find_element(By.XPATH, "ancestor::form[1]")
    buttons[0].click()
    wait_for(d, gone(form), f"the page after clicking {text!r}")


def wait_step(d: WebDriver, step: int) -> None:
    wait_for(
        d,
        lambda d: d.find_element(By.CSS_SELECTOR, "p.steps").text.strip() == f"Stap {step} van 3",
        f"'Stap {step} van 3'",
    )


def summary(d: WebDriver) -> dict[str, str]:
    """The <dl class='summary'> on the page as {label: value}."""
    dl = d.find_element(By.CSS_SELECTOR, "main dl.summary")
    terms = [" ".join(t.text.split()) for t in dl.find_elements(By.TAG_NAME, "dt")]
    values = [" ".join(v.text.split()) for v in dl.find_elements(By.TAG_NAME, "dd")]
    return dict(zip(terms, values))


def report_signal(
    d: WebDriver,
    base: str,
    screenshot_dir: Path,
    shot_prefix: str,
    *,
    concern: str,
    indicators: list[str],
    reporter_name: str,
    reporter_email: str,
    person_name: str,
    file_prefix: str = "signal",
) -> str:
    """A resident fills in /melden step by step; returns the reference code from the confirmation.

    Screenshots go to <file_prefix>-<shot_prefix>-<step>.png."""
    d.get(base + "/melden")
    wait_step(d, 1)
    assert h1_text(d) == "Waar maakt u zich zorgen over?", dump(d)
    assert d.execute_script("return document.documentElement.lang") in ("nl", "nl-NL"), "<html lang> should be nl"
    type_into(d, "concern", concern)
    for value in indicators:
        choose(d, "indicators", value)
    choose(d, "duration", "weeks")
    choose(d, "danger", "no")
    shot(d, screenshot_dir, f"{shot_prefix}-1-zorg", prefix=file_prefix)
    click_button(d, "Volgende stap")

    wait_step(d, 2)
    choose(d, "relation", "neighbour")
    type_into(d, "reporter_name", reporter_name)
    type_into(d, "reporter_email", reporter_email)
    shot(d, screenshot_dir, f"{shot_prefix}-2-melder", prefix=file_prefix)
    click_button(d, "Volgende stap")

    wait_step(d, 3)
    type_into(d, "person_name", person_name)
    type_into(d, "postcode", POSTCODE)
    type_into(d, "house_number", HOUSE_NUMBER)
    Select(field(d, "age_band")).select_by_value("75_84")
    # Two demo municipalities, so the form offers a choice; the postcode already decides it, so leave it.
    municipality = Select(field(d, "municipality"))
    offered = [o.get_attribute("value") for o in municipality.options if o.get_attribute("value")]
    assert len(offered) == 2, f"expected the two demo municipalities in the select, got {offered}"
    assert municipality.first_selected_option.get_attribute("value") == "", "no municipality should be preselected"
    shot(d, screenshot_dir, f"{shot_prefix}-3-persoon", prefix=file_prefix)
    click_button(d, "Volgende stap")

    wait_h1(d, "Controleer uw melding")
    answers = summary(d)
    text = main_text(d)
    for expected in (concern, person_name, reporter_name, reporter_email, POSTCODE, "Buurman of buurvrouw"):
        assert expected in text, f"the check page should show {expected!r}\nanswers: {answers}\n{dump(d)}"
    caution = d.find_element(By.CSS_SELECTOR, "main .caution").text
    assert "dementie" in caution, f"the check page's caution should mention dementie, says {caution!r}"
    shot(d, screenshot_dir, f"{shot_prefix}-4-controle", show=d.find_element(By.CSS_SELECTOR, "main .caution"), prefix=file_prefix)
    click_button(d, "Melding versturen")

    wait_h1(d, "Bedankt voor uw melding")
    code = d.find_element(By.CSS_SELECTOR, "main p.reference#kenmerk").text.strip()
    assert CODE_RE.match(code), f"the reference code {code!r} does not look like XXXX-XXXX-XXX"
    assert d.find_elements(By.CSS_SELECTOR, "main a[href='/melden/status']"), (
        "a reporter who left contact details should get a link to the status page\n" + dump(d)
    )
    shot(d, screenshot_dir, f"{shot_prefix}-5-bedankt", prefix=file_prefix)
    return code


def queue_rows(d: WebDriver, base: str) -> dict[str, dict[str, str]]:
    """Open /signalen and return its rows as {link path: {column header: cell text}}."""
    d.get(base + "/signalen")
    wait_path(d, "/signalen")
    table = wait_for(d, EC.presence_of_element_located((By.CSS_SELECTOR, "main table")), "the queue table")
    headers = [" ".join(th.text.split()) for th in table.find_elements(By.CSS_SELECTOR, "thead th")]
    rows = {}
    for tr in table.find_elements(By.CSS_SELECTOR, "tbody tr"):
        links = tr.find_elements(By.CSS_SELECTOR, "a[href^='/signalen/']")
        if links:
            cells = [" ".join(td.text.split()) for td in tr.find_elements(By.CSS_SELECTOR, "td, th")]
            rows[urlsplit(links[0].get_attribute("href")).path] = dict(zip(headers, cells))
    return rows


def reference_on_page(d: WebDriver) -> str:
    return summary(d).get("Kenmerk", "")


def open_from_queue(d: WebDriver, base: str, person_name: str, code: str) -> str:
    """Click the queue links for `person_name` until the signal page shows reference `code`.

    The demo may seed example signals about the same person and address, so the name alone does
    not tell which row is the one just reported. Returns the signal's id from the URL."""
    queue_rows(d, base)
    xpath = f"//main//table//a[starts-with(normalize-space(), '{person_name},')]"
    count = len(d.find_elements(By.XPATH, xpath))
    assert count >= 1, f"no queue link for {person_name!r}\n{dump(d)}"
    seen = []
    for i in range(count):
        if i:
            queue_rows(d, base)
        link = d.find_elements(By.XPATH, xpath)[i]
        link.click()
        wait_for(d, lambda d: SIGNAL_PATH_RE.match(path_of(d)), "a /signalen/<id> page")
        wait_for(d, lambda d: h1_text(d).startswith(person_name), f"<h1> starting with {person_name!r}")
        seen.append(reference_on_page(d))
        if seen[-1] == code:
            return SIGNAL_PATH_RE.match(path_of(d)).group(1)  # type: ignore[union-attr]
    raise AssertionError(f"none of the {count} queue links for {person_name!r} leads to {code}; saw {seen}")


def status_text(d: WebDriver) -> str:
    return d.find_element(By.CSS_SELECTOR, "main span.status").text.strip()


def record_contact(d: WebDriver, outcome: str, consent_form: str | None = None) -> None:
    wait_for(
        d,
        EC.presence_of_element_located((By.XPATH, "//main//h2[normalize-space()='Contactpoging vastleggen']")),
        "the heading 'Contactpoging vastleggen'",
    )
    choose(d, "channel", "phone")
    choose(d, "outcome", outcome)
    if consent_form:
        choose(d, "consent_form", consent_form)
    click_button(d, "Contactpoging opslaan")


# --------------------------------------------------------------------------- the journey


def test_signal_journey(signal_server, browser, staff_browser, screenshot_dir) -> None:
    base = signal_server.base_url
    resident = browser
    staff = staff_browser

    # 1. An anonymous resident reports through the public form.
    code = report_signal(
        resident, base, screenshot_dir, "melden",
        concern=CONCERN, indicators=["curtains_closed", "withdrawn"],
        reporter_name="Henk de Buurman", reporter_email="henk@example.org", person_name=PERSON,
    )
    assert not resident.find_elements(By.CSS_SELECTOR, "header form[action$='/uitloggen']"), (
        "the resident's browser should not be logged in"
    )

    # 2. The coordinator sees it in the queue, routed to the team of the postcode's district.
    browser_login(staff, base, demo_email("coordinator"))
    our_id = open_from_queue(staff, base, PERSON, code)
    rows = queue_rows(staff, base)
    row = rows.get(f"/signalen/{our_id}")
    assert row, f"the coordinator's queue should list the new signal /signalen/{our_id}: {rows}\n{dump(staff)}"
    assert row.get("Persoon", "").startswith(PERSON + ","), f"the row should name {PERSON!r}: {row}"
    assert row.get("Team") == TEAM, f"{PERSON!r} ({POSTCODE}) should be routed to {TEAM!r}, row is {row}"
    assert row.get("Status") == "Nieuw", f"a fresh signal should have status 'Nieuw', row is {row}"
    shot(staff, screenshot_dir, "wachtrij-coordinator")
    logout_via_header(staff)
    wait_path(staff, "/inloggen")

    # 3. The team's professional opens it and records two contact attempts.
    browser_login(staff, base, demo_email("professional"))
    first_id = open_from_queue(staff, base, PERSON, code)
    assert first_id == our_id
    assert status_text(staff) == "Nieuw", dump(staff)
    facts = summary(staff)
    assert facts.get("Team") == TEAM, f"the signal page should show team {TEAM!r}: {facts}"
    assert code in main_text(staff), f"the signal page should show the reference code {code}\n{dump(staff)}"
    shot(staff, screenshot_dir, "dossier-nieuw")

    record_contact(staff, "not_reached")
    wait_path(staff, f"/signalen/{first_id}")
    assert status_text(staff) == "Contact gezocht", dump(staff)
    notice = staff.find_element(By.CSS_SELECTOR, "main .notice[role='status']").text
    assert notice.strip() == "De wijzigingen zijn opgeslagen.", f"notice after saving: {notice!r}"
    timeline = staff.find_element(By.CSS_SELECTOR, "main ol.timeline").text
    assert "Telefoon" in timeline and "Niet bereikt" in timeline, f"timeline: {timeline!r}"
    shot(staff, screenshot_dir, "contact-niet-bereikt", show=staff.find_element(By.CSS_SELECTOR, "main ol.timeline"))

    record_contact(staff, "consented", consent_form="verbal")
    wait_path(staff, f"/signalen/{first_id}")
    assert status_text(staff) == "Toestemming, traject kan starten", dump(staff)
    assert "Het traject kan beginnen" in main_text(staff), dump(staff)
    timeline = staff.find_element(By.CSS_SELECTOR, "main ol.timeline").text
    assert "mondeling" in timeline, f"the consent's form should be in the timeline: {timeline!r}"
    assert not staff.find_elements(By.XPATH, "//main//h2[normalize-space()='Contactpoging vastleggen']"), (
        "after consent there should be no contact form any more"
    )
    shot(staff, screenshot_dir, "contact-toestemming", show=staff.find_element(By.CSS_SELECTOR, "main ol.timeline"))

    # 4. The reporter, in a browser that never logged in, follows the report with the code.
    resident.delete_all_cookies()
    resident.get(base + "/melden/status")
    wait_h1(resident, "Hoe gaat het met mijn melding?")
    type_into(resident, "code", code)
    click_button(resident, "Bekijk de status")
    result = wait_for(resident, EC.presence_of_element_located((By.ID, "status-result")), "#status-result")
    assert "In contact." in result.text, f"#status-result should say 'In contact.', says {result.text!r}"
    shot(resident, screenshot_dir, "status")

    # 5. A second report about the same address, under another name: merge it into the first file.
    second_code = report_signal(
        resident, base, screenshot_dir, "melden-tweede",
        concern=SECOND_CONCERN, indicators=["no_shows"],
        reporter_name="Gerda Jansen", reporter_email="gerda@example.org", person_name=SECOND_PERSON,
    )
    assert second_code != code

    second_id = open_from_queue(staff, base, SECOND_PERSON, second_code)
    assert second_id != first_id
    section = wait_for(
        staff,
        EC.presence_of_element_located((By.XPATH, "//main//section[h2[normalize-space()='Mogelijk dezelfde persoon']]")),
        "the section 'Mogelijk dezelfde persoon'",
    )
    items = section.find_elements(By.CSS_SELECTOR, "ul.duplicates > li")
    to_first = [li for li in items if li.find_elements(By.CSS_SELECTOR, f"a[href='/signalen/{first_id}']")]
    assert len(to_first) == 1, f"the first signal should be offered as a duplicate: {[li.text for li in items]}"
    assert PERSON in to_first[0].text and "zelfde adres" in to_first[0].text, (
        f"the duplicate should name {PERSON!r} with reason 'zelfde adres': {to_first[0].text!r}"
    )
    shot(staff, screenshot_dir, "dubbel", show=section)
    merge_button = to_first[0].find_element(By.XPATH, ".//button[normalize-space()='Samenvoegen']")
    merge_button.click()
    wait_for(staff, gone(merge_button), "the page after Samenvoegen")

    wait_path(staff, f"/signalen/{first_id}")
    assert h1_text(staff).startswith(PERSON), dump(staff)
    notice = staff.find_element(By.CSS_SELECTOR, "main .notice[role='status']").text
    assert notice.strip() == "Het signaal is samengevoegd met dit dossier.", f"notice after merging: {notice!r}"
    earlier = staff.find_elements(By.XPATH, "//main//h2[normalize-space()='Andere signalen over deze persoon']")
    assert earlier, f"the merged file should list 'Andere signalen over deze persoon'\n{dump(staff)}"
    earlier_list = earlier[0].find_element(By.XPATH, "following-sibling::dl[1]").text
    assert "Samengevoegd" in earlier_list and SECOND_CONCERN[:40] in earlier_list, (
        f"the earlier signals should show the merged second report: {earlier_list!r}"
    )
    shot(staff, screenshot_dir, "samengevoegd-boven")
    shot(staff, screenshot_dir, "samengevoegd", show=earlier[0])

    # The merged signal is no longer waiting in the queue.
    rows = queue_rows(staff, base)
    assert f"/signalen/{second_id}" not in rows, f"the merged signal is still in the queue: {rows}"


# --------------------------------------------------------------------------- keyboard only


def tab_to(d: WebDriver, condition, what: str, limit: int = 40) -> WebElement:
    """Press Tab until the focused element satisfies `condition`."""
    for _ in range(limit):
        press(d, Keys.TAB)
        el = active(d)
        if condition(el):
            return el
    raise AssertionError(f"{limit} Tabs never reached {what}\n{dump(d)}")


def test_signal_form_first_step_keyboard_only(signal_server, browser, screenshot_dir) -> None:
    """Step 1 of /melden with Tab, typing, Space, arrow keys and Enter only (nothing is stored)."""
    d = browser
    d.get(signal_server.base_url + "/melden")
    wait_step(d, 1)

    def is_input(name: str, value: str | None = None):
        return lambda el: el.get_attribute("name") == name and (value is None or el.get_attribute("value") == value)

    # The danger question comes first (issue 16): "Ja" leads straight to 112/113, before anything is checked.
    no = tab_to(d, is_input("danger"), "the danger radios")
    assert no.get_attribute("value") == "no", "'Nee' should come first in the danger group"
    press(d, Keys.SPACE)
    assert no.is_selected()
    tab_to(d, is_input("concern"), "the concern textarea")
    press(d, CONCERN)
    box = tab_to(d, is_input("indicators", "curtains_closed"), "the checkbox 'Gordijnen dagenlang dicht'")
    press(d, Keys.SPACE)
    assert box.is_selected(), "Space should tick the focused checkbox"
    # Into the radio group: the first radio gets focus; Space picks it, an arrow key moves the choice.
    first = tab_to(d, is_input("duration"), "the duration radios")
    assert first.get_attribute("value") == "days", f"Tab should enter the group at its first radio: {first.get_attribute('value')}"
    press(d, Keys.SPACE)
    press(d, Keys.ARROW_DOWN)
    weeks = d.find_element(By.CSS_SELECTOR, "#veld-duration input[value='weeks']")
    assert weeks.is_selected() and active(d) == weeks, "ArrowDown should move the choice to 'Een paar weken'"
    button = tab_to(d, lambda el: el.tag_name == "button" and el.text.strip() == "Volgende stap", "the 'Volgende stap' button")
    shot(d, screenshot_dir, "toetsenbord-stap-1")
    press(d, Keys.ENTER)
    wait_for(d, gone(button), "step 2 after Enter")
    wait_step(d, 2)
    carried = {
        el.get_attribute("name"): el.get_attribute("value")
        for el in d.find_elements(By.CSS_SELECTOR, "main form input[type='hidden']")
        if el.get_attribute("name") in ("concern", "duration", "danger")
    }
    assert carried == {"concern": CONCERN, "duration": "weeks", "danger": "no"}, (
        f"step 2 should carry the keyboard answers along: {carried}"
    )
    assert urlsplit(d.current_url).path == "/melden"

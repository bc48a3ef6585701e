"""A signal from a preventive home visit ("outreach"), in headless Chromium against a fresh `omzien demo` (SQLite).

Logged-in reporters report a concern at /signalen/nieuw. The form starts with "Hoe kwam u dit op het spoor?"
(`via`): "In mijn werk" (the default, source `partner`) or "Bij een preventief huisbezoek" (source `outreach`).

1. The professional opens the form through the navigation link "Signaal melden": "In mijn werk" is chosen.
   She picks "Bij een preventief huisbezoek", fills in the person but leaves the concern empty: the error
   summary links to the concern, the home-visit radio is still chosen and everything typed is kept.
2. She writes the concern and sends it: the browser lands on /signalen/mijn?nieuw=<reference code>.
   with the confirmation (also checked per reporting role in `test_reporter_sees_confirmation`).
3. The coordinator finds the signal in the queue (/signalen, by name, then by the reference code on its page):
   its source ("Bron") is "Preventief huisbezoek".
4. The analyst's /evaluatie, table "Bron van de signalen" (#tabel-reach_source): the row "Preventief huisbezoek"
   went from 0 to "afgeschermd" (fewer than 10 signals; a number if there were already 10 or more), and
   nothing on the page or in the CSV tells who the person is.

Then: axe-core finds no serious or critical problems on the reporting form with its error shown (nothing is
stored), and each reporting role gets the confirmation with its reference code on /signalen/mijn.

The server is started for this module alone (its signals change the queue and the evaluation counts), with
`OMZIEN_EVALUATION_REFRESH_SECONDS=0` so that the dashboard loads a change before answering instead of showing
the figures of up to a minute ago. Screenshots go to /tmp/omzien-screens/outreach-*.png.
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterator
from urllib.parse import parse_qs, urlsplit

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.remote.webelement import WebElement
from selenium.webdriver.support.ui import Select

from conftest import (
    HTTP_TIMEOUT_S,
    OmzienServer,
    csrf_from,
    demo_email,
    describe,
    free_port,
    http_login,
    redirect_target,
    start_server,
)
from test_evaluation_journey import personal_data_problems
from test_role_journeys import browser_login, dump, h1_text, http_session_from, wait_for, wait_path
from test_signal_journey import CODE_RE, click_button, field, main_text, open_from_queue, shot as signal_shot, summary, type_into
from test_social_map_journey import axe_problems, describe_violations, switch_user, words

PROFESSIONAL = demo_email("professional")
COORDINATOR = demo_email("coordinator")
ANALYST = demo_email("analyst")

FORM_PATH = "/signalen/nieuw"
FORM_TITLE = "Signaal melden"  # nl.json partner_signal_title
NAV_LINK = "Signaal melden"  # nl.json nav_report_signal
VIA_LEGEND = "Hoe kwam u dit op het spoor?"  # nl.json partner_signal_via
VIA_WORK, VIA_WORK_LABEL = "werk", "In mijn werk"  # nl.json partner_signal_via_work
VIA_HOME_VISIT, VIA_HOME_VISIT_LABEL = "huisbezoek", "Bij een preventief huisbezoek"  # nl.json partner_signal_via_home_visit
SEND_BUTTON = "Melding versturen"  # nl.json signal_send
CONCERN_ERROR = "Vertel wat u ziet of merkt."
SOURCE_LABEL = "Preventief huisbezoek"  # nl.json signal_source_outreach
SOURCE_TABLE = "tabel-reach_source"
SOURCE_TABLE_TITLE = "Bron van de signalen"  # nl.json evaluation_table_reach_source
HIDDEN = "afgeschermd"  # nl.json evaluation_hidden
MINIMUM_CELL = 10  # the default evaluation-min-cell

# Someone who is in none of the demo's data (checked in `test_outreach_signal_journey`).
PERSON = "Grietje Oosterhof"
POSTCODE = "9401 AB"  # district Centrum in the demo data
HOUSE_NUMBER = "12"
AGE_BAND, AGE_BAND_LABEL = "75_84", "75 tot 85 jaar"
INDICATOR = "recent_loss"
CONCERN = "Bij het preventief huisbezoek vertelde mevrouw dat ze sinds het overlijden van haar man bijna niemand meer spreekt."

AXE_TOLERATED: set[str] = set()  # as in test_social_map_journey: no rule as a whole


# --------------------------------------------------------------------------- fixtures


@pytest.fixture(scope="module")
def outreach_server(server_log_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[OmzienServer]:
    """`omzien demo` with its own fresh SQLite file, and an evaluation that never shows figures older than a change."""
    db = tmp_path_factory.mktemp("demo-outreach") / "demo.sqlite"
    port = free_port()
    server = start_server("demo-outreach", ["demo", "--port", str(port), "--sqlite-path", str(db)], port, server_log_dir,
                          env={"OMZIEN_EVALUATION_REFRESH_SECONDS": "0"})
    yield server
    server.stop()


# --------------------------------------------------------------------------- helpers


def shot(d: WebDriver, screenshot_dir: Path, name: str, show: WebElement | None = None) -> None:
    signal_shot(d, screenshot_dir, name, show=show, prefix="outreach")


def via_radios(d: WebDriver) -> dict[str, WebElement]:
    """The radios of "Hoe kwam u dit op het spoor?" as {value: radio}; checks the group's legend and labels."""
    groups = d.find_elements(By.ID, "veld-via")
    assert groups, f"no radio group #veld-via on the reporting form\n{dump(d)}"
    legend = groups[0].find_elements(By.XPATH, "ancestor::fieldset[1]/legend")
    assert legend and words(legend[0]) == VIA_LEGEND, (
        f"#veld-via should sit in a <fieldset> with <legend>{VIA_LEGEND}</legend>, has {[words(l) for l in legend]}"
    )
    radios = {r.get_attribute("value"): r for r in groups[0].find_elements(By.CSS_SELECTOR, "input[type='radio'][name='via']")}
    labels = {value: words(r.find_element(By.XPATH, "ancestor::label[1]")) for value, r in radios.items()}
    assert labels == {VIA_WORK: VIA_WORK_LABEL, VIA_HOME_VISIT: VIA_HOME_VISIT_LABEL}, f"the via options: {labels}"
    return radios


def checked_via(d: WebDriver) -> list[str]:
    return [value for value, radio in via_radios(d).items() if radio.is_selected()]


def choose_via(d: WebDriver, value: str) -> None:
    """Pick a via option by clicking its label text, like a person."""
    radio = via_radios(d)[value]
    radio.find_element(By.XPATH, "ancestor::label[1]").click()
    assert checked_via(d) == [value], f"clicking the label should choose via={value}, chosen: {checked_via(d)}"


def tick_option(d: WebDriver, group: str, value: str) -> WebElement:
    """Tick the checkbox or radio `value` inside #veld-<group> by clicking its label."""
    box = d.find_element(By.CSS_SELECTOR, f"#veld-{group} input[name='{group}'][value='{value}']")
    if not box.is_selected():
        box.find_element(By.XPATH, "ancestor::label[1]").click()
    assert box.is_selected(), f"clicking the label should select {group}={value}"
    return box


def is_ticked(d: WebDriver, group: str, value: str) -> bool:
    return d.find_element(By.CSS_SELECTOR, f"#veld-{group} input[name='{group}'][value='{value}']").is_selected()


def error_summary(d: WebDriver) -> dict[str, str]:
    """The error summary as {link target: message}; it must be an alert with its own heading."""
    boxes = d.find_elements(By.CSS_SELECTOR, "main .error-summary")
    assert boxes, f"no error summary on the refused form\n{dump(d)}"
    assert boxes[0].get_attribute("role") == "alert", "the error summary should be role=alert"
    assert boxes[0].find_elements(By.CSS_SELECTOR, "h2"), "the error summary should have a heading"
    return {urlsplit(a.get_attribute("href")).fragment: words(a) for a in boxes[0].find_elements(By.CSS_SELECTOR, "a")}


def open_form_via_nav(d: WebDriver) -> None:
    links = d.find_elements(By.XPATH, f"//header//nav//a[normalize-space()='{NAV_LINK}']")
    assert links, f"the navigation should have a link {NAV_LINK!r}\n{dump(d)}"
    assert urlsplit(links[0].get_attribute("href")).path == FORM_PATH, links[0].get_attribute("href")
    links[0].click()
    wait_path(d, FORM_PATH)
    wait_for(d, lambda d: h1_text(d) == FORM_TITLE, f"<h1>{FORM_TITLE}</h1>")


def fill_person(d: WebDriver) -> None:
    type_into(d, "person_name", PERSON)
    type_into(d, "postcode", POSTCODE)
    type_into(d, "house_number", HOUSE_NUMBER)
    Select(field(d, "age_band")).select_by_value(AGE_BAND)


def submit_without_concern(d: WebDriver) -> None:
    """Choose the home visit, fill in all but the concern, send: the form comes back with the error."""
    choose_via(d, VIA_HOME_VISIT)
    tick_option(d, "indicators", INDICATOR)
    tick_option(d, "duration", "weeks")
    fill_person(d)
    assert field(d, "concern").get_attribute("value") == "", "the concern is left empty"
    click_button(d, SEND_BUTTON)
    wait_path(d, "/signalen")
    wait_for(d, lambda d: h1_text(d) == FORM_TITLE, f"the form again, <h1>{FORM_TITLE}</h1>, after sending without a concern")


def figure_rows(d: WebDriver, table_id: str) -> dict[str, list[str]]:
    """The rows of the evaluation table #<table_id> as {row header: [cell texts]}."""
    tables = d.find_elements(By.ID, table_id)
    assert tables, f"no #{table_id} on the dashboard\n{dump(d)}"
    return {words(tr.find_element(By.CSS_SELECTOR, "th")): [words(td) for td in tr.find_elements(By.CSS_SELECTOR, "td")]
            for tr in tables[0].find_elements(By.CSS_SELECTOR, "tbody tr")}


def signals_column(d: WebDriver, table_id: str) -> int:
    headers = [words(th) for th in d.find_elements(By.CSS_SELECTOR, f"#{table_id} thead th")]
    assert "Signalen" in headers, f"#{table_id} should have a column 'Signalen': {headers}"
    return headers.index("Signalen") - 1  # the first header is the row headers' column


def outreach_signals_over_http(base: str) -> str:
    """The analyst's "Preventief huisbezoek" signals cell on /evaluatie, read with plain HTTP."""
    s = http_login(base, ANALYST)
    r = s.get(base + "/evaluatie", timeout=HTTP_TIMEOUT_S)
    assert r.status_code == 200, describe(r)
    start = r.text.index(f'id="{SOURCE_TABLE}"')
    table = r.text[start:r.text.index("</table>", start)]
    marker = f'<th scope="row">{SOURCE_LABEL}</th>'
    assert marker in table, f"#{SOURCE_TABLE} has no row {SOURCE_LABEL!r}:\n{table[:3000]}"
    row = table[table.index(marker) + len(marker):table.index("</tr>", table.index(marker))]
    cells = [c.split(">", 1)[1].split("</td", 1)[0].strip() for c in row.split("<td")[1:]]
    return cells[0]


def assert_suppressed_or_large(value: str, what: str) -> None:
    assert value == HIDDEN or (value.isdigit() and int(value) >= MINIMUM_CELL), (
        f"{what} should read {HIDDEN!r} (fewer than {MINIMUM_CELL} signals) or a number of at least {MINIMUM_CELL}, reads {value!r}"
    )


def axe_false_positive(violation: dict) -> bool:
    """axe-core 3.1.1 (bundled with axe-selenium-python) calls `autocomplete="off"` on <input type=tel> invalid;
    "off" is valid on every input (dequelabs/axe-core#1109, fixed in 3.1.2). Only that exact case is let through."""
    return violation["id"] == "autocomplete-valid" and all(
        'autocomplete="off"' in node["html"] and 'type="tel"' in node["html"] for node in violation["nodes"]
    )


# --------------------------------------------------------------------------- 1-4. the journey


def test_outreach_signal_journey(outreach_server, browser, screenshot_dir) -> None:
    base = outreach_server.base_url
    d = browser
    demo_sources = Path(__file__).resolve().parents[2] / "Sources" / "OmzienApp" / "Features" / "Demo"
    assert not any(PERSON in p.read_text() for p in demo_sources.glob("*.swift")), f"{PERSON!r} should be no one in the demo"
    before = outreach_signals_over_http(base)
    assert before == "0", f"a fresh demo has no home-visit signals: {SOURCE_LABEL!r} reads {before!r} before the journey"

    # 1. Through the navigation to the form: "In mijn werk" is chosen until she picks otherwise.
    browser_login(d, base, PROFESSIONAL)
    open_form_via_nav(d)
    assert checked_via(d) == [VIA_WORK], f"{VIA_WORK_LABEL!r} should be chosen by default, chosen: {checked_via(d)}"
    first_field = d.find_elements(By.CSS_SELECTOR, "main form .field")[0]
    assert first_field.find_elements(By.ID, "veld-via"), "the form should start with the question how the concern came up"
    shot(d, screenshot_dir, "1-formulier")

    # …sent without a concern: refused, with the choice and everything typed kept.
    submit_without_concern(d)
    errors = error_summary(d)
    assert errors.get("veld-concern") == CONCERN_ERROR, f"the error summary should link to the concern: {errors}\n{dump(d)}"
    assert list(errors) == ["veld-concern"], f"only the concern is missing: {errors}"
    concern = field(d, "concern")
    assert concern.get_attribute("aria-invalid") == "true", "the concern should be aria-invalid"
    assert "veld-concern-error" in (concern.get_attribute("aria-describedby") or ""), "the concern should be described by its error"
    assert checked_via(d) == [VIA_HOME_VISIT], f"{VIA_HOME_VISIT_LABEL!r} should still be chosen, chosen: {checked_via(d)}"
    kept = {name: field(d, name).get_attribute("value") for name in ("person_name", "postcode", "house_number")}
    assert kept == {"person_name": PERSON, "postcode": POSTCODE, "house_number": HOUSE_NUMBER}, f"what was typed should be kept: {kept}"
    assert Select(field(d, "age_band")).first_selected_option.get_attribute("value") == AGE_BAND, "the age band is kept"
    assert is_ticked(d, "indicators", INDICATOR) and is_ticked(d, "duration", "weeks"), "the ticked answers are kept"
    d.find_element(By.CSS_SELECTOR, "main .error-summary a[href='#veld-concern']").click()
    wait_for(d, lambda d: urlsplit(d.current_url).fragment == "veld-concern", "#veld-concern after the error summary's link")
    shot(d, screenshot_dir, "2-fout", show=d.find_element(By.CSS_SELECTOR, "main .error-summary"))

    # 2. With the concern: sent, and on to her own signals with the reference code.
    type_into(d, "concern", CONCERN)
    click_button(d, SEND_BUTTON)
    wait_path(d, "/signalen/mijn")
    codes = parse_qs(urlsplit(d.current_url).query).get("nieuw", [])
    assert len(codes) == 1 and CODE_RE.match(codes[0]), f"the redirect should carry the reference code (?nieuw=XXXX-XXXX-XXX): {d.current_url}"
    code = codes[0]
    assert f"Uw melding is ontvangen met kenmerk {code}." in main_text(d), f"the professional sees the confirmation\n{dump(d)}"
    shot(d, screenshot_dir, "3-verstuurd")

    # 3. The coordinator finds it in the queue: the source is the home visit.
    switch_user(d, base, COORDINATOR)
    signal_id = open_from_queue(d, base, PERSON, code)
    facts = summary(d)
    assert facts.get("Kenmerk") == code, f"the signal page should show reference {code}: {facts}"
    assert facts.get("Bron") == SOURCE_LABEL, f"the source ('Bron') should be {SOURCE_LABEL!r}: {facts}\n{dump(d)}"
    assert words(d.find_element(By.CSS_SELECTOR, "main p.concern")) == CONCERN, "the signal page shows the concern"
    assert "Pieter Professional" in facts.get("Melder", ""), f"the reporter is the professional: {facts}"
    assert "preventief huisbezoek" in facts.get("Melder", ""), f"the reporter met the person at the visit: {facts}"
    shot(d, screenshot_dir, "4-dossier", show=d.find_element(By.CSS_SELECTOR, "main dl.summary"))

    # 4. The analyst's dashboard counts it as a home visit, without telling who it was about.
    switch_user(d, base, ANALYST)
    d.find_element(By.XPATH, "//header//nav//a[normalize-space()='Evaluatie']").click()
    wait_path(d, "/evaluatie")
    wait_for(d, lambda d: h1_text(d) == "Evaluatie van de aanpak", "<h1>Evaluatie van de aanpak</h1>")
    table = d.find_element(By.ID, SOURCE_TABLE)
    assert words(table.find_element(By.CSS_SELECTOR, "h3")) == SOURCE_TABLE_TITLE, f"#{SOURCE_TABLE} should be {SOURCE_TABLE_TITLE!r}"
    rows = figure_rows(d, SOURCE_TABLE)
    assert SOURCE_LABEL in rows, f"{SOURCE_TABLE_TITLE!r} should have a row {SOURCE_LABEL!r}: {sorted(rows)}"
    signals = rows[SOURCE_LABEL][signals_column(d, SOURCE_TABLE)]
    assert signals != before, f"the home-visit signal should change the count ({before!r} before): {rows[SOURCE_LABEL]}"
    assert_suppressed_or_large(signals, f"{SOURCE_TABLE_TITLE} / {SOURCE_LABEL} / Signalen")
    shot(d, screenshot_dir, "5-evaluatie", show=table)

    seen = {"/evaluatie": d.page_source, "/evaluatie/csv": http_session_from(d).get(base + "/evaluatie/csv", timeout=HTTP_TIMEOUT_S).text}
    for label, text in seen.items():
        for what, value in (("name", PERSON), ("concern", CONCERN), ("reference code", code), ("signal id", signal_id)):
            assert value not in text and value.lower() not in text.lower(), f"{label} shows the signal's {what} {value!r}"
    problems = personal_data_problems(seen, ANALYST)
    assert not problems, "personal data on the analyst's evaluation pages:\n" + "\n".join(problems[:40])


# --------------------------------------------------------------------------- 5. accessibility


def test_reporting_form_error_accessibility(outreach_server, browser, screenshot_dir) -> None:
    """axe-core on the reporting form as it comes back with an error (nothing is stored)."""
    base = outreach_server.base_url
    d = browser
    browser_login(d, base, PROFESSIONAL)
    d.get(base + FORM_PATH)
    wait_for(d, lambda d: h1_text(d) == FORM_TITLE, f"<h1>{FORM_TITLE}</h1>")
    submit_without_concern(d)
    assert error_summary(d).get("veld-concern") == CONCERN_ERROR, dump(d)
    bad, _ = axe_problems(d, f"{FORM_PATH} (with an error)")
    bad = [v for v in bad if v["id"] not in AXE_TOLERATED and not axe_false_positive(v)]
    assert not bad, f"axe-core found serious or critical accessibility violations on the refused form:\n{describe_violations(bad)}"


# --------------------------------------------------------------------------- the confirmation, per role

@pytest.mark.parametrize(
    "role",
    ["signaler", "referrer", "professional", "coordinator"],
)
def test_reporter_sees_confirmation(role: str, outreach_server) -> None:
    """Plain HTTP: a home-visit report by `role` ends on /signalen/mijn with the notice and the code in the list."""
    base = outreach_server.base_url
    s = http_login(base, demo_email(role))
    r = s.get(base + FORM_PATH, timeout=HTTP_TIMEOUT_S)
    assert r.status_code == 200 and f'name="via" value="{VIA_HOME_VISIT}"' in r.text, describe(r)
    data = {
        "_csrf": csrf_from(r.text, "/signalen"), "relation": "professional", "via": VIA_HOME_VISIT, "concern": CONCERN,
        "duration": "weeks", "danger": "no", "person_name": f"{PERSON} ({role})", "postcode": POSTCODE,
        "house_number": HOUSE_NUMBER, "age_band": AGE_BAND,
    }
    r = s.post(base + "/signalen", data=data, allow_redirects=False, timeout=HTTP_TIMEOUT_S)
    assert r.status_code == 303, describe(r)
    path, query = redirect_target(r)
    assert path == "/signalen/mijn" and CODE_RE.match(query.get("nieuw", [""])[0]), describe(r)
    code = query["nieuw"][0]
    r = s.get(base + r.headers["Location"], allow_redirects=False, timeout=HTTP_TIMEOUT_S)
    assert r.status_code == 200, f"the {role} should see the confirmation of the report\n{describe(r, 600)}"
    assert f"Uw melding is ontvangen met kenmerk {code}." in r.text, describe(r)
    assert f"<td>{code}</td>" in r.text, f"the own signals list should show {code}\n{describe(r)}"

"""The evaluation dashboard and the yearly report, in headless Chromium against a fresh `omzien demo` (SQLite).

1. The analyst opens /evaluatie through the navigation link "Evaluatie": the sections (Bereik, Snelheid,
   Effecten, Dekking van het aanbod …) and server-drawn SVG charts with a <title>.
2. She filters on a district and on last year with the GET filter form: the choices end up in the URL
   (`wijk=`, `jaar=`), stay selected, and the sections are still there; the CSV link carries the same filters.
3. An impossible date (`van=2026-13-45`, only possible through the URL: Chromium's date input will not hold
   it) and an end date before the start date are refused (422) with the message at the field; the other
   filters stay chosen.
4. Through "Jaarrapport" she opens that year's report (that year beside the year before), writes commentary,
   saves it (notice, text kept), is refused finalising without the tick, then ticks and finalises: the page
   says "Vastgesteld", the textareas are gone, and the report cannot be changed any more.
5. Privacy: none of the HTML (and CSV) the analyst was shown holds a name, phone number, postcode, concern
   or e-mail address of the demo's people (read from Sources/OmzienApp/Features/Demo/*.swift), nor anything
   of the other municipality; the only e-mail address allowed is the analyst's own.
6. axe-core finds no serious or critical problems on the dashboard and on a draft report.
7. Plain HTTP: a professional (and the admin) get 403, a coordinator may read (200) but not write commentary
   or finalise (403); without a login the pages redirect to /inloggen.

The last tests check the error summaries and that a final report prints its commentary.

The server is started for this module alone (the journey finalises a report). Screenshots go to
/tmp/omzien-screens/evaluation-*.png.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Iterator
from urllib.parse import parse_qs, urlsplit

import pytest
import requests
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
    http_login,
    redirect_target,
    start_fresh_demo,
)
from test_role_journeys import browser_login, dump, gone, h1_text, http_session_from, path_of, wait_for, wait_path
from test_signal_journey import field, main_text, shot as signal_shot, type_into
from test_social_map_journey import axe_problems, describe_violations, query_of, select_by_text, words
from test_trajectory_journey import press_button, tick

DEMO_SOURCES = Path(__file__).resolve().parents[2] / "Sources" / "OmzienApp" / "Features" / "Demo"

ANALYST = demo_email("analyst")
DASHBOARD_TITLE = "Evaluatie van de aanpak"  # nl.json evaluation_title
NAV_LINK = "Evaluatie"  # nl.json nav_evaluation
REPORT_LINK = "Jaarrapport"  # nl.json evaluation_open_report
FILTER_BUTTON = "Filter toepassen"  # nl.json filter_apply
SAVE_BUTTON = "Toelichting opslaan"  # nl.json evaluation_save_commentary
FINALISE_BUTTON = "Vaststellen"  # nl.json evaluation_finalise
# nl.json evaluation_section_*, in the order of FigureTable.Section
ALL_SECTIONS = ["Bereik", "Snelheid", "Toestemming en terugbellen", "Effecten", "Verwijzingen", "Maatjes", "Dekking van het aanbod"]
REQUIRED_SECTIONS = ["Bereik", "Snelheid", "Effecten", "Dekking van het aanbod"]
DATE_ERROR = "Vul een datum in als 2026-01-31."  # nl.json evaluation_error_date
ORDER_ERROR = "De einddatum moet na de begindatum liggen."  # nl.json evaluation_error_order
CONFIRM_ERROR = "Vink aan dat u het rapport wilt vaststellen."  # nl.json evaluation_error_confirm
SAVED_NOTICE = "De toelichting is opgeslagen."  # nl.json evaluation_saved
FINAL_NOTICE = "Het rapport is vastgesteld."  # nl.json evaluation_finalised
CSV_HEADER = "period,filter,table,section,row,label,column,value"
DISTRICT = "Noord"
COMMENTARY = "Het bereik via partners groeide; in Noord blijft de wachtlijst voor een maatje een aandachtspunt."

# Rules axe may report as serious/critical that this file tolerates: none (as in test_social_map_journey).
AXE_TOLERATED: set[str] = set()

EMAIL_RE = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")
POSTCODE_RE = re.compile(r"\b[1-9]\d{3} [A-Z]{2}\b")  # a Dutch postcode as the demo writes them ("9403 AB")


# --------------------------------------------------------------------------- fixtures


@pytest.fixture(scope="module")
def evaluation_server(server_log_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[OmzienServer]:
    """`omzien demo` with its own fresh SQLite file: the journey finalises a report, which cannot be undone."""
    server = start_fresh_demo("demo-evaluation", server_log_dir, tmp_path_factory)
    yield server
    server.stop()


# --------------------------------------------------------------------------- the demo's personal data


def demo_personal_data() -> dict[str, list[str]]:
    """Everything in the demo sources that tells who someone is, by kind; read from the Swift sources so a
    new example person is checked too.

    * DemoData.swift `seedSignals`: `draft("<person>", "<postcode>", "<number>", <birth year>, "<concern>", …)`,
      the reporter's name (`reporterName: … "Henk Buurman"`) and e-mail addresses (`…], email: "…")`).
    * DemoData.swift `people`: the staff accounts `(.role, "<name>", …)`; the analyst's own name is left out
      (her page header shows it to her).
    * DemoCouplings.swift: `volunteerNames` and `personNames` (`("<name>", .woman|.man)`).
    * DemoHistoryWriter.swift, when present: every `firstNames` × `lastNames` combination.
    * Phone numbers: `String(format: "0590-55%04d", …)` (people waiting) and `"06-1234%04d"` (volunteers),
      checked as patterns in `personal_data_problems`.
    """
    data = (DEMO_SOURCES / "DemoData.swift").read_text()
    couplings = (DEMO_SOURCES / "DemoCouplings.swift").read_text()
    drafts = re.findall(r'draft\("([^"]+)", "([^"]+)", "[^"]*", [^,]+, "([^"]+)"', data)
    staff = re.findall(r'\(\.(\w+), "([^"]+)", (?:nil|\w+\.id|organisations\[)', data)
    found = {
        "resident": [name for name, _, _ in drafts],
        "postcode": [postcode for _, postcode, _ in drafts],
        "concern": [concern for _, _, concern in drafts],
        "reporter": re.findall(r'reporterName: [^"]*"([^"]+)"', data),
        "reporter e-mail": re.findall(r'\], email: "([^"]+@[^"]+)"', data),
        "staff": [name for role, name in staff if role != "analyst"],
        "volunteer": re.findall(r'\("([^"]+)", \.(?:woman|man)\)', couplings[: couplings.index("static let personNames")]),
        "waiting person": re.findall(r'\("([^"]+)", \.(?:woman|man)\)', couplings[couplings.index("static let personNames"):]),
    }
    # DemoHistoryWriter.swift (the optional `omzien demo --size medium|large` history): generated residents,
    # "<first name> <last name>" from its `firstNames` × `lastNames`. Not seeded by the default demo this module
    # starts, but cheap to check should the fixture ever add history.
    history = DEMO_SOURCES / "DemoHistoryWriter.swift"
    if history.exists() and "static let firstNames" in (text := history.read_text()):
        lists = {key: re.findall(r'"([^"]+)"', text[text.index(f"static let {key}"):text.index("]", text.index(f"static let {key}"))])
                 for key in ("firstNames", "lastNames")}
        assert lists["firstNames"] and lists["lastNames"], f"could not read the history's name lists: {lists}"
        found["generated resident"] = [f"{first} {last}" for first in lists["firstNames"] for last in lists["lastNames"]]
    # Guard the parsing itself: if the demo sources change shape, this should fail rather than check nothing.
    assert len(found["resident"]) >= 4 and "Truus Bakker" in found["resident"], found["resident"]
    assert "9403 AB" in found["postcode"] and any("gordijnen" in c for c in found["concern"]), found
    assert found["reporter"] == ["Henk Buurman"] and found["reporter e-mail"] == ["henk@example.nl", "buurvrouw@example.nl"], found
    assert len(found["staff"]) == 7 and "Pieter Professional" in found["staff"], found["staff"]
    assert len(found["volunteer"]) == 14 and "Joke Hendriks" in found["volunteer"], found["volunteer"]
    assert len(found["waiting person"]) == 22 and "Gerda Hoekstra" in found["waiting person"], found["waiting person"]
    assert re.search(r'String\(format: "0590-55%04d"', couplings) and re.search(r'String\(format: "06-1234%04d"', couplings), (
        "the demo's phone formats changed: update the patterns in personal_data_problems"
    )
    return found


def personal_data_problems(pages: dict[str, str], own_email: str) -> list[str]:
    """What in `pages` ({label: HTML or CSV}) tells who someone is."""
    personal = demo_personal_data()
    problems = []
    for label, text in pages.items():
        for kind, values in personal.items():
            for value in dict.fromkeys(values):
                if value in text:
                    problems.append(f"{label}: {kind} {value!r}")
        for phone in re.findall(r"0590-55\d{4}|06-1234\d{4}", text):
            problems.append(f"{label}: phone {phone}")
        for postcode in sorted(set(POSTCODE_RE.findall(text)) - set(personal["postcode"])):
            problems.append(f"{label}: postcode {postcode!r}")
        for email in set(EMAIL_RE.findall(text)) - {own_email}:
            problems.append(f"{label}: e-mail address {email!r}")
        for other in ("Beekdal", "Bram Beekdal"):  # the other municipality (its district is "Beekdal-Dorp")
            if other in text:
                problems.append(f"{label}: {other!r} of the other municipality")
    return problems


# --------------------------------------------------------------------------- helpers


def shot(d: WebDriver, screenshot_dir: Path, name: str, show: WebElement | None = None) -> None:
    signal_shot(d, screenshot_dir, name, show=show, prefix="evaluation")


def section_headings(d: WebDriver) -> list[str]:
    return [words(h) for h in d.find_elements(By.CSS_SELECTOR, "main section.evaluation-section > h2, main section.report-section[id] > h2")]


def assert_sections(d: WebDriver, what: str) -> None:
    headings = section_headings(d)
    present = [h for h in headings if h in REQUIRED_SECTIONS]
    assert present == REQUIRED_SECTIONS, f"{what}: sections {headings}, expected {REQUIRED_SECTIONS} among them\n{dump(d)}"
    assert [h for h in headings if h in ALL_SECTIONS] == [h for h in ALL_SECTIONS if h in headings], (
        f"{what}: the sections are out of order: {headings}"
    )
    toc = [words(a) for a in d.find_elements(By.CSS_SELECTOR, "main nav.toc a")]
    if toc:  # the dashboard has a table of contents pointing at every section
        assert toc == [h for h in headings if h in ALL_SECTIONS], f"{what}: the table of contents {toc} != sections {headings}"


def charts_with_titles(d: WebDriver) -> dict[str, WebElement]:
    """The server-drawn charts as {title: svg}; each must be role=img and labelled by its own <title>."""
    charts = {}
    for svg in d.find_elements(By.CSS_SELECTOR, "main figure.chart-figure svg"):
        titles = svg.find_elements(By.CSS_SELECTOR, "title")
        assert titles, f"a chart without <title>: {svg.get_attribute('outerHTML')[:300]}"
        title = " ".join(titles[0].get_attribute("textContent").split())
        assert title, f"a chart with an empty <title>: {svg.get_attribute('outerHTML')[:300]}"
        assert svg.get_attribute("role") == "img", f"chart {title!r} should have role=img"
        labelled_by = (svg.get_attribute("aria-labelledby") or "").split()
        assert titles[0].get_attribute("id") in labelled_by, f"chart {title!r} should be labelled by its <title> ({labelled_by})"
        charts[title] = svg
    return charts


def selected_text(d: WebDriver, name: str) -> str:
    return words(Select(field(d, name)).first_selected_option)


def selected_value(d: WebDriver, name: str) -> str:
    return Select(field(d, name)).first_selected_option.get_attribute("value")


def submit_filters(d: WebDriver) -> None:
    form = d.find_element(By.CSS_SELECTOR, "main form.filters[role='search']")
    assert form.get_attribute("method").lower() == "get", "the filter form should use GET (bookmarkable, shareable)"
    form.find_element(By.XPATH, f".//button[normalize-space()='{FILTER_BUTTON}']").click()
    wait_for(d, gone(form), f"the dashboard after {FILTER_BUTTON!r}")
    wait_for(d, lambda d: h1_text(d) == DASHBOARD_TITLE, f"<h1>{DASHBOARD_TITLE}</h1> after filtering")


def set_date(d: WebDriver, name: str, value: str) -> None:
    """Set an <input type=date> through JavaScript (typing into it depends on Chromium's locale)."""
    el = field(d, name)
    assert el.get_attribute("type") == "date", f"#veld-{name} should be a date input"
    d.execute_script("arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('change'))", el, value)
    assert el.get_attribute("value") == value, f"#veld-{name} should hold {value!r}"


def field_error(d: WebDriver, name: str) -> str:
    """The message at field #veld-<name>, checked to be tied to it with aria-invalid and aria-describedby."""
    el = field(d, name)
    messages = d.find_elements(By.ID, f"veld-{name}-error")
    assert messages, f"no message #veld-{name}-error\n{dump(d)}"
    assert el.get_attribute("aria-invalid") == "true", f"#veld-{name} should be aria-invalid"
    assert f"veld-{name}-error" in (el.get_attribute("aria-describedby") or ""), f"#veld-{name} should be described by its message"
    return words(messages[0]).removeprefix("Fout:").strip()


def status_line(d: WebDriver) -> str:
    return words(d.find_element(By.CSS_SELECTOR, "main .status-line"))


def notices(d: WebDriver) -> list[str]:
    return [words(n) for n in d.find_elements(By.CSS_SELECTOR, "main .notice[role='status']")]


def fetch(session: requests.Session, url: str, expect_type: str) -> str:
    r = session.get(url, allow_redirects=False, timeout=HTTP_TIMEOUT_S)
    assert r.status_code == 200, describe(r)
    assert r.headers.get("Content-Type", "").startswith(expect_type), describe(r)
    return r.text


# --------------------------------------------------------------------------- 1-5. the analyst's journey


def test_analyst_evaluation_journey(evaluation_server, browser, screenshot_dir) -> None:
    base = evaluation_server.base_url
    d = browser
    seen: dict[str, str] = {}  # everything the analyst was shown, for the privacy check at the end

    # 1. Through the navigation to the dashboard: the sections and charts with a title.
    browser_login(d, base, ANALYST)
    nav = d.find_elements(By.XPATH, f"//header//nav//a[normalize-space()='{NAV_LINK}']")
    assert nav, f"the analyst's navigation should have a link {NAV_LINK!r}\n{dump(d)}"
    nav[0].click()
    wait_path(d, "/evaluatie")
    wait_for(d, lambda d: h1_text(d) == DASHBOARD_TITLE, f"<h1>{DASHBOARD_TITLE}</h1>")
    current = d.find_element(By.XPATH, f"//header//nav//a[normalize-space()='{NAV_LINK}']")
    assert current.get_attribute("aria-current") == "page", "the navigation should mark 'Evaluatie' as the current page"
    assert_sections(d, "/evaluatie")
    charts = charts_with_titles(d)
    assert charts, f"the dashboard should draw at least one chart\n{dump(d)}"
    assert "Bereik in cijfers" in charts, f"the reach overview should have a chart: {sorted(charts)}"
    this_year = selected_value(d, "jaar")
    assert re.fullmatch(r"20\d\d", this_year), f"the year select should preselect this year, has {this_year!r}"
    assert d.find_element(By.ID, "samenvatting-kop").text.strip() == f"Samenvatting {this_year}", dump(d)
    seen["/evaluatie"] = d.page_source
    shot(d, screenshot_dir, "01-dashboard")

    # 2. Filter on a district and on last year.
    last_year = str(int(this_year) - 1)
    select_by_text(d, "veld-wijk", DISTRICT)
    district_id = selected_value(d, "wijk")
    assert re.fullmatch(r"[0-9A-Fa-f-]{36}", district_id), f"a district option's value should be its id: {district_id!r}"
    select_by_text(d, "veld-jaar", last_year)
    submit_filters(d)
    q = query_of(d)
    assert q.get("wijk") == [district_id] and q.get("jaar") == [last_year], f"the filters belong in the URL: {d.current_url}"
    assert selected_text(d, "wijk") == DISTRICT, "the district stays chosen"
    assert selected_text(d, "jaar") == last_year, "the year stays chosen"
    assert selected_text(d, "leeftijd") == "Alle" and selected_text(d, "team") == "Alle", "untouched filters stay at 'Alle'"
    assert_sections(d, f"/evaluatie?wijk={DISTRICT}&jaar={last_year}")
    assert d.find_element(By.ID, "samenvatting-kop").text.strip() == f"Samenvatting {last_year}", dump(d)
    assert not d.find_elements(By.CSS_SELECTOR, "main .error-summary"), f"valid filters give no error\n{dump(d)}"
    filtered_url = d.current_url
    seen["/evaluatie (filtered)"] = d.page_source
    csv_link = d.find_element(By.XPATH, "//main//a[normalize-space()='Alle tabellen als CSV']")
    csv_href = csv_link.get_attribute("href")
    assert urlsplit(csv_href).path == "/evaluatie/csv", csv_href
    assert parse_qs(urlsplit(csv_href).query, keep_blank_values=True) == q, f"the CSV link should carry the filters: {csv_href}"
    report_href = d.find_element(By.XPATH, f"//main//a[normalize-space()='{REPORT_LINK}']").get_attribute("href")
    assert urlsplit(report_href).path == f"/evaluatie/rapport/{last_year}", f"'{REPORT_LINK}' should open the chosen year: {report_href}"
    shot(d, screenshot_dir, "02-gefilterd")

    # The CSVs (downloads in a browser, so read with the browser's cookies).
    http = http_session_from(d)
    unfiltered_csv = fetch(http, base + "/evaluatie/csv", "text/csv")
    filtered_csv = fetch(http, csv_href, "text/csv")
    for name, text, period in (("/evaluatie/csv", unfiltered_csv, this_year), ("/evaluatie/csv (filtered)", filtered_csv, last_year)):
        lines = text.splitlines()
        assert lines[0] == CSV_HEADER, f"{name}: header {lines[0]!r}"
        assert len(lines) > 20 and all(line.startswith(f"{period}-01-01/{period}-12-31,") for line in lines[1:]), (
            f"{name}: every line should be of {period}: {lines[:3]}"
        )
        seen[name] = text

    # 3. An impossible date in the URL: refused at the field, the other filters kept.
    bad_url = f"{base}/evaluatie?jaar={last_year}&wijk={district_id}&van=2026-13-45"
    r = http.get(bad_url, allow_redirects=False, timeout=HTTP_TIMEOUT_S)
    assert r.status_code == 422, f"a bad date should answer 422\n{describe(r)}"
    d.get(bad_url)
    wait_for(d, lambda d: h1_text(d) == DASHBOARD_TITLE, f"<h1>{DASHBOARD_TITLE}</h1> with a bad date")
    assert field_error(d, "van") == DATE_ERROR, dump(d)
    assert selected_text(d, "wijk") == DISTRICT and selected_text(d, "jaar") == last_year, f"the other filters stay chosen\n{dump(d)}"
    assert not section_headings(d), f"no figures for a refused filter\n{dump(d)}"
    assert fetch_status(http, f"{base}/evaluatie/csv?van=2026-13-45") == 400, "the CSV refuses a bad date too"
    seen["/evaluatie?van=2026-13-45"] = d.page_source
    shot(d, screenshot_dir, "03-foute-datum")

    # …and through the form: an end date before the start date.
    d.get(filtered_url)
    wait_for(d, lambda d: h1_text(d) == DASHBOARD_TITLE, f"<h1>{DASHBOARD_TITLE}</h1>")
    set_date(d, "van", f"{last_year}-06-30")
    set_date(d, "tot", f"{last_year}-06-01")
    submit_filters(d)
    assert query_of(d).get("van") == [f"{last_year}-06-30"] and query_of(d).get("tot") == [f"{last_year}-06-01"], d.current_url
    assert field_error(d, "tot") == ORDER_ERROR, dump(d)
    assert field(d, "van").get_attribute("value") == f"{last_year}-06-30", "the typed start date is kept"
    assert field(d, "tot").get_attribute("value") == f"{last_year}-06-01", "the typed end date is kept"
    assert selected_text(d, "wijk") == DISTRICT and selected_text(d, "jaar") == last_year, "the other filters stay chosen"
    seen["/evaluatie (end before start)"] = d.page_source

    # 4. The yearly report of that year, through the dashboard's link.
    d.get(filtered_url)
    wait_for(d, lambda d: h1_text(d) == DASHBOARD_TITLE, f"<h1>{DASHBOARD_TITLE}</h1>")
    d.find_element(By.XPATH, f"//main//a[normalize-space()='{REPORT_LINK}']").click()
    report_path = f"/evaluatie/rapport/{last_year}"
    wait_path(d, report_path)
    wait_for(d, lambda d: h1_text(d) == f"Evaluatierapport {last_year}", f"<h1>Evaluatierapport {last_year}</h1>")
    assert status_line(d).startswith("Concept"), f"a new report is a draft: {status_line(d)!r}"
    assert d.find_element(By.ID, "samenvatting-kop").text.strip() == f"Samenvatting {last_year}", dump(d)
    assert d.find_elements(By.XPATH, "//main//h3[normalize-space()='Vorig jaar']"), f"the summary has 'Vorig jaar'\n{dump(d)}"
    assert_sections(d, report_path)
    headers = [words(th) for th in d.find_elements(By.CSS_SELECTOR, "#tabel-reach_overview thead th")]
    previous_year = str(int(last_year) - 1)
    assert headers == ["Categorie", f"Aantal {last_year}", f"Aantal {previous_year}"], f"this year beside last year: {headers}"
    assert charts_with_titles(d), "the report draws charts too"
    textareas = d.find_elements(By.CSS_SELECTOR, "main textarea")
    assert {t.get_attribute("name") for t in textareas} >= {"commentary_reach", "commentary_coverage"}, (
        f"one commentary field per section: {[t.get_attribute('name') for t in textareas]}"
    )
    report_csv_href = d.find_element(By.XPATH, "//main//a[normalize-space()='Alle tabellen als CSV']").get_attribute("href")
    assert urlsplit(report_csv_href).path == f"{report_path}/csv", report_csv_href
    seen[report_path] = d.page_source
    shot(d, screenshot_dir, "04-rapport")

    type_into(d, "commentary_reach", COMMENTARY)
    press_button(d, SAVE_BUTTON)
    wait_for(d, lambda d: path_of(d) == report_path and query_of(d).get("opgeslagen") == ["1"], "?opgeslagen=1 after saving")
    wait_for(d, lambda d: SAVED_NOTICE in notices(d), f"the notice {SAVED_NOTICE!r}")
    assert field(d, "commentary_reach").get_attribute("value") == COMMENTARY, "the saved commentary is on the page"
    assert status_line(d).startswith("Concept"), "saving commentary does not finalise"
    seen[report_path + " (saved)"] = d.page_source
    shot(d, screenshot_dir, "05-toelichting-opgeslagen", show=field(d, "commentary_reach"))

    # Finalising without the tick is refused, and keeps the commentary.
    assert not field(d, "confirm").is_selected(), "the confirm box starts unticked"
    press_button(d, FINALISE_BUTTON)
    wait_for(d, lambda d: path_of(d) == f"{report_path}/vaststellen", f"the refused form at {report_path}/vaststellen")
    wait_for(d, lambda d: CONFIRM_ERROR in main_text(d), f"the message {CONFIRM_ERROR!r}")
    assert field(d, "commentary_reach").get_attribute("value") == COMMENTARY, "the commentary is kept"
    assert status_line(d).startswith("Concept"), f"not finalised without the tick: {status_line(d)!r}"

    tick(d, "confirm")
    press_button(d, FINALISE_BUTTON)
    wait_for(d, lambda d: path_of(d) == report_path and query_of(d).get("vastgesteld") == ["1"], "?vastgesteld=1 after finalising")
    wait_for(d, lambda d: FINAL_NOTICE in notices(d), f"the notice {FINAL_NOTICE!r}")
    assert status_line(d).startswith("Vastgesteld"), f"the report should say 'Vastgesteld': {status_line(d)!r}"
    assert not d.find_elements(By.CSS_SELECTOR, "main textarea"), f"a final report has no commentary fields\n{dump(d)}"
    assert not d.find_elements(By.XPATH, f"//main//button[normalize-space()='{FINALISE_BUTTON}']"), "and no finalise button"
    headers = [words(th) for th in d.find_elements(By.CSS_SELECTOR, "#tabel-reach_overview thead th")]
    assert headers == ["Categorie", f"Aantal {last_year}", f"Aantal {previous_year}"], f"the final report keeps both years: {headers}"
    seen[report_path + " (final)"] = d.page_source
    shot(d, screenshot_dir, "06-vastgesteld")

    # A final report stays as it is: more commentary is turned away.
    http = http_session_from(d)
    r = http.post(base + report_path, data={"_csrf": csrf_from(d.page_source), "commentary_reach": "Later toegevoegd."},
                  allow_redirects=False, timeout=HTTP_TIMEOUT_S)
    assert r.status_code == 303 and redirect_target(r) == (report_path, {"vastgesteld": ["1"]}), describe(r)
    assert "Later toegevoegd." not in fetch(http, base + report_path, "text/html")

    # The list of reports says so too.
    d.get(base + "/evaluatie/rapport")
    wait_for(d, lambda d: h1_text(d) == "Jaarrapporten evaluatie", "<h1>Jaarrapporten evaluatie</h1>")
    rows = {words(tr.find_element(By.CSS_SELECTOR, "td a")): [words(td) for td in tr.find_elements(By.CSS_SELECTOR, "td")]
            for tr in d.find_elements(By.CSS_SELECTOR, "main table tbody tr")}
    assert rows.get(last_year, [""])[-1] == "Vastgesteld" and rows.get(this_year, [""])[-1] == "Concept", f"reports: {rows}"
    seen["/evaluatie/rapport"] = d.page_source

    report_csv = fetch(http, report_csv_href, "text/csv")
    periods = {line.split(",", 1)[0] for line in report_csv.splitlines()[1:]}
    assert report_csv.splitlines()[0] == CSV_HEADER and periods == {last_year, previous_year}, f"report CSV periods: {periods}"
    seen[f"{report_path}/csv"] = report_csv

    # 5. Privacy: only totals, no one's name, phone, postcode, concern or e-mail address.
    problems = personal_data_problems(seen, ANALYST)
    assert not problems, "personal data on the analyst's evaluation pages:\n" + "\n".join(problems[:40])


def fetch_status(session: requests.Session, url: str) -> int:
    return session.get(url, allow_redirects=False, timeout=HTTP_TIMEOUT_S).status_code


# --------------------------------------------------------------------------- 6. accessibility


def test_evaluation_accessibility(evaluation_server, browser) -> None:
    base = evaluation_server.base_url
    d = browser
    browser_login(d, base, ANALYST)
    d.get(base + "/evaluatie")
    wait_for(d, lambda d: h1_text(d) == DASHBOARD_TITLE, f"<h1>{DASHBOARD_TITLE}</h1>")
    this_year = selected_value(d, "jaar")
    bad_dashboard, _ = axe_problems(d, "/evaluatie")
    # This year's report is still a draft (the journey finalises last year's): with its commentary form.
    d.get(base + f"/evaluatie/rapport/{this_year}")
    wait_for(d, lambda d: h1_text(d) == f"Evaluatierapport {this_year}", f"<h1>Evaluatierapport {this_year}</h1>")
    assert d.find_elements(By.CSS_SELECTOR, "main textarea"), "check the draft report with its commentary form"
    bad_report, _ = axe_problems(d, path_of(d))
    bad_dashboard = [v for v in bad_dashboard if v["id"] not in AXE_TOLERATED]
    bad_report = [v for v in bad_report if v["id"] not in AXE_TOLERATED]
    assert not bad_dashboard and not bad_report, (
        "axe-core found serious or critical accessibility violations:\n"
        f"/evaluatie:\n{describe_violations(bad_dashboard)}\n{path_of(d)}:\n{describe_violations(bad_report)}"
    )


# --------------------------------------------------------------------------- 7. who may see and write


def test_evaluation_access_by_role(evaluation_server) -> None:
    base = evaluation_server.base_url
    year = "2030"  # never finalised by the journey (which uses last year)
    reading = ["/evaluatie", "/evaluatie/csv", "/evaluatie/rapport", f"/evaluatie/rapport/{year}", f"/evaluatie/rapport/{year}/csv"]

    anonymous = requests.Session()
    for path in reading:
        r = anonymous.get(base + path, allow_redirects=False, timeout=HTTP_TIMEOUT_S)
        assert r.status_code == 303 and redirect_target(r)[0] == "/inloggen", f"{path} without a login\n{describe(r)}"

    for role in ("professional", "admin"):
        s = http_login(base, demo_email(role))
        for path in reading:
            r = s.get(base + path, allow_redirects=False, timeout=HTTP_TIMEOUT_S)
            assert r.status_code == 403, f"{role} should get 403 at {path}\n{describe(r)}"
        assert "Geen toegang" in s.get(base + "/evaluatie", timeout=HTTP_TIMEOUT_S).text, "the forbidden page"
        start = s.get(base + "/start", timeout=HTTP_TIMEOUT_S).text
        assert 'href="/evaluatie"' not in start, f"the {role}'s navigation should not offer /evaluatie"

    coordinator = http_login(base, demo_email("coordinator"))
    for path in reading:
        r = coordinator.get(base + path, allow_redirects=False, timeout=HTTP_TIMEOUT_S)
        assert r.status_code == 200, f"the coordinator may read {path}\n{describe(r)}"
    report = coordinator.get(base + f"/evaluatie/rapport/{year}", timeout=HTTP_TIMEOUT_S).text
    assert "<textarea" not in report and "/vaststellen" not in report, "the coordinator gets no commentary form"
    token = csrf_from(report)
    for path, data in ((f"/evaluatie/rapport/{year}", {"commentary_reach": "Van de coördinator."}),
                       (f"/evaluatie/rapport/{year}/vaststellen", {"confirm": "on"})):
        r = coordinator.post(base + path, data={"_csrf": token, **data}, allow_redirects=False, timeout=HTTP_TIMEOUT_S)
        assert r.status_code == 403, f"the coordinator may not POST {path}\n{describe(r)}"
    analyst = http_login(base, ANALYST)
    after = analyst.get(base + f"/evaluatie/rapport/{year}", timeout=HTTP_TIMEOUT_S).text
    assert "Van de coördinator." not in after and "Concept" in after, "the refused POSTs changed nothing"


# --------------------------------------------------------------------------- error summaries and commentary

# These once failed: Mustache sees only stored properties (Web/TemplateValues.swift).


def test_bad_filter_shows_error_summary(evaluation_server) -> None:
    s = http_login(evaluation_server.base_url, ANALYST)
    r = s.get(evaluation_server.base_url + "/evaluatie?van=2026-13-45", timeout=HTTP_TIMEOUT_S)
    assert r.status_code == 422, describe(r)
    assert 'class="error-summary"' in r.text and 'href="#veld-van"' in r.text, "an error summary linking to the date field"


def test_finalise_without_confirm_shows_error_summary(evaluation_server) -> None:
    base, year = evaluation_server.base_url, "2031"
    s = http_login(base, ANALYST)
    token = csrf_from(s.get(base + f"/evaluatie/rapport/{year}", timeout=HTTP_TIMEOUT_S).text, f"/evaluatie/rapport/{year}")
    r = s.post(base + f"/evaluatie/rapport/{year}/vaststellen", data={"_csrf": token}, allow_redirects=False, timeout=HTTP_TIMEOUT_S)
    assert r.status_code == 422 and CONFIRM_ERROR in r.text, describe(r)
    assert 'class="error-summary"' in r.text and 'href="#veld-confirm"' in r.text, "an error summary linking to the checkbox"


def test_final_report_shows_its_commentary(evaluation_server) -> None:
    base, year = evaluation_server.base_url, "2032"
    s = http_login(base, ANALYST)
    token = csrf_from(s.get(base + f"/evaluatie/rapport/{year}", timeout=HTTP_TIMEOUT_S).text, f"/evaluatie/rapport/{year}")
    text = "Eerste alinea van de toelichting.\n\nTweede alinea van de toelichting."
    r = s.post(base + f"/evaluatie/rapport/{year}/vaststellen", data={"_csrf": token, "confirm": "on", "commentary_reach": text},
               allow_redirects=False, timeout=HTTP_TIMEOUT_S)
    assert r.status_code == 303, describe(r)
    final = s.get(base + f"/evaluatie/rapport/{year}", timeout=HTTP_TIMEOUT_S).text
    assert "Vastgesteld" in final, final[:2000]
    assert '<div class="commentary">' in final, "the reach section should print its commentary"
    assert "<p>Eerste alinea van de toelichting.</p>" in final and "<p>Tweede alinea van de toelichting.</p>" in final

"""Volunteer coupling end to end, in headless Chromium against a fresh `omzien demo` (SQLite).

The issue's acceptance: "the coordinator runs a proposal for a waiting list of at least 20 people and
15 volunteers, accepts three pairs; a volunteer logs a check-in and asks for backup; the professional
sees the request". As the people involved would click and type it:

1. The coordinator sees the waiting list (22 people, /koppelen) and the registry (15 volunteers, two of
   them blocked, /vrijwilligers), opens the proposal for the whole waiting list (/koppelen/voorstel;
   every pair explains its score with points), and accepts three pairs, the second with another
   volunteer than proposed (a swap). Each lands on its coupling page, "voorgesteld, wacht op
   instemming"; /koppelen then lists 19 waiting people and the three couplings.
2. The first pair's volunteer sees only the person's first name (no surname, no phone yet) and agrees.
3. The person's professional records the person's agreement: the coupling runs ("loopt").
4. The volunteer now sees the phone number, logs a check-in and asks for backup.
5. The professional finds the request in /berichten (and counted on /start), with the note and the
   check-in on the coupling page.
6. Another volunteer gets "Pagina niet gevonden" for that coupling and "Geen toegang" for the trajectory.

The demo's coupling data only exists with the example signals, so the server is a plain `omzien demo`
started for this module alone (the journey changes the data). Screenshots go to
/tmp/omzien-screens/coupling-*.png.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Iterator
from urllib.parse import urlsplit

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.remote.webelement import WebElement
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select

from conftest import HTTP_TIMEOUT_S, OmzienServer, demo_email, describe, start_fresh_demo
from test_role_journeys import (
    assert_forbidden,
    browser_login,
    dump,
    gone,
    h1_text,
    http_session_from,
    logout_via_header,
    path_of,
    wait_for,
    wait_path,
)
from test_signal_journey import choose, field, main_text, shot as signal_shot, summary, type_into
from test_trajectory_journey import press_button, tick

COUPLING_PATH_RE = re.compile(r"^/koppelingen/([0-9A-Fa-f-]{36})$")
TRAJECTORY_PATH_RE = re.compile(r"^/trajecten/([0-9A-Fa-f-]{36})$")
# "Person (District) — Volunteer Punten: 34"
PAIR_TITLE_RE = re.compile(r"^(?P<person>.+?) \((?P<district>[^)]*)\) — (?P<volunteer>.+?) Punten: (?P<score>-?\d+)$")
# "Youssef Amrani (46)"
CHOICE_RE = re.compile(r"^(?P<name>.+?) \((?P<score>-?\d+)\)(?: — voorstel)?$")
POINTS_RE = re.compile(r"\([+-]\d+\)$")

STATUS_PROPOSED = "voorgesteld, wacht op instemming"
STATUS_ACTIVE = "loopt"
NOT_FOUND_TITLE = "Pagina niet gevonden"  # nl.json error_not_found_title

# The demo's volunteers: Vera is volunteer@…, the others vrijwilliger01..14@… in this order
# (Sources/OmzienApp/Features/Demo/DemoCouplings.swift).
VOLUNTEER_NAMES = [
    "Joke Hendriks", "Ahmet Yilmaz", "Marieke Bos", "Kees de Wit", "Ingrid Smit", "Youssef Amrani", "Els Vos",
    "Bart Kramer", "Lotte Dijkstra", "Hans Postma", "Sevda Kaya", "Wim Jonker", "Nienke Visser", "Piet Brouwer",
]
VOLUNTEER_EMAILS = {"Vera Vrijwilliger": demo_email("volunteer")} | {
    name: f"vrijwilliger{i:02d}@lindewaard.example" for i, name in enumerate(VOLUNTEER_NAMES, start=1)
}

CHECK_IN = "Samen koffie gedronken en een rondje door het park gelopen."
BACKUP_NOTE = "Ze vertelde dat ze 's nachts niet slaapt van de zorgen over haar huur. Kunt u meedenken?"


# --------------------------------------------------------------------------- fixtures


@pytest.fixture(scope="module")
def coupling_server(server_log_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[OmzienServer]:
    """`omzien demo` (with its example data: 22 people waiting, 15 volunteers) and its own fresh SQLite file."""
    server = start_fresh_demo("demo-couplings", server_log_dir, tmp_path_factory)
    yield server
    server.stop()


# --------------------------------------------------------------------------- helpers


def shot(d: WebDriver, screenshot_dir: Path, name: str, show: WebElement | None = None) -> None:
    signal_shot(d, screenshot_dir, name, show=show, prefix="coupling")


def words(el: WebElement) -> str:
    return " ".join(el.text.split())


def tbody_rows(d: WebDriver, table_id: str) -> list[WebElement]:
    tables = d.find_elements(By.ID, table_id)
    assert tables, f"no table #{table_id}\n{dump(d)}"
    return tables[0].find_elements(By.CSS_SELECTOR, "tbody tr")


def row_heads(d: WebDriver, table_id: str) -> list[str]:
    """The row headers (first cell, <th scope=row>) of table #<table_id>."""
    return [words(tr.find_element(By.CSS_SELECTOR, "th, td")) for tr in tbody_rows(d, table_id)]


def switch_user(d: WebDriver, base: str, email: str) -> None:
    """Log out with the header's button (when logged in), then log in as `email` through the form."""
    if d.find_elements(By.CSS_SELECTOR, "header form[action$='/uitloggen']"):
        buttons = d.find_elements(By.CSS_SELECTOR, "header form[action$='/uitloggen'] button")
        assert buttons and words(buttons[0]) == "Uitloggen", f"the header's logout button should read 'Uitloggen'\n{dump(d)}"
        logout_via_header(d)
    browser_login(d, base, email)


def open_waiting_page(d: WebDriver, base: str) -> None:
    d.get(base + "/koppelen")
    wait_for(d, lambda d: h1_text(d) == "Koppelen", "<h1>Koppelen</h1>")


def status_of_coupling(d: WebDriver) -> str:
    return words(wait_for(d, EC.presence_of_element_located((By.ID, "koppeling-status")), "#koppeling-status"))


def wait_coupling_page(d: WebDriver) -> str:
    """Wait for a /koppelingen/<id> page; returns the id."""
    wait_for(d, lambda d: COUPLING_PATH_RE.match(path_of(d)), "a /koppelingen/<id> page")
    return COUPLING_PATH_RE.match(path_of(d)).group(1)  # type: ignore[union-attr]


def open_proposal(d: WebDriver, base: str) -> list[WebElement]:
    d.get(base + "/koppelen/voorstel")
    wait_for(d, lambda d: h1_text(d) == "Voorstel voor de wachtlijst", "<h1>Voorstel voor de wachtlijst</h1>")
    pairs = d.find_elements(By.CSS_SELECTOR, "ol#voorstel > li.pair")
    assert pairs, f"the proposal should have pairs (ol#voorstel > li.pair)\n{dump(d, 3000)}"
    return pairs


def proposal_summary(d: WebDriver) -> str:
    """The line '22 wachtenden; 13 van de 15 vrijwilligers kunnen nu koppelen: 17 paren …' under the heading."""
    lines = [words(p) for p in d.find_elements(By.XPATH, "//main/h1/following-sibling::p[1]")]
    assert lines, f"no summary line after the proposal's <h1>\n{dump(d)}"
    return lines[0]


def pair_parts(pair: WebElement) -> dict[str, str]:
    title = words(pair.find_element(By.CSS_SELECTOR, "h2.pair-title"))
    m = PAIR_TITLE_RE.match(title)
    assert m, f"a pair's title should read 'Person (District) — Volunteer Punten: N', reads {title!r}"
    return m.groupdict()


def check_pair(pair: WebElement) -> dict[str, str]:
    """One proposed pair explains itself and offers accept (with a choice of volunteer) and reject."""
    parts = pair_parts(pair)
    reasons = [words(li) for li in pair.find_elements(By.CSS_SELECTOR, "ul.reasons > li")]
    assert any(POINTS_RE.search(r) for r in reasons), (
        f"the pair {parts['person']} — {parts['volunteer']} should explain its score with at least one reason "
        f"with points like '(+4)'; reasons: {reasons}"
    )
    forms = pair.find_elements(By.CSS_SELECTOR, "form[action='/koppelen']")
    assert len(forms) == 1, f"one accept form (action /koppelen) per pair, found {len(forms)}: {pair.text!r}"
    select = Select(forms[0].find_element(By.CSS_SELECTOR, "select[name='volunteer_id']"))
    chosen = CHOICE_RE.match(words(select.first_selected_option))
    assert chosen and chosen["name"] == parts["volunteer"] and chosen["score"] == parts["score"], (
        f"the select should preselect the proposed volunteer {parts['volunteer']!r} with score {parts['score']}, "
        f"selects {select.first_selected_option.text!r}"
    )
    labels = [words(o) for o in select.options]
    assert all(CHOICE_RE.match(label) for label in labels), f"every choice should show its score: {labels}"
    buttons = [words(b) for b in forms[0].find_elements(By.CSS_SELECTOR, "button[type='submit']")]
    assert buttons == ["Dit paar voorstellen"], f"the accept form's button: {buttons}"
    reject = pair.find_elements(By.XPATH, ".//form[@action='/koppelen/uitsluiten']//button[starts-with(normalize-space(), 'Afwijzen')]")
    assert len(reject) == 1, f"each pair should offer one 'Afwijzen' button: {pair.text!r}"
    return parts


def accept_first_pair(d: WebDriver, base: str, screenshot_dir: Path | None = None, swap: bool = False) -> dict[str, str]:
    """Open the proposal, (optionally choose another volunteer,) accept the first pair, land on its coupling page.

    Returns the person, volunteer and coupling id."""
    pairs = open_proposal(d, base)
    parts = check_pair(pairs[0])
    form = pairs[0].find_element(By.CSS_SELECTOR, "form[action='/koppelen']")
    select_el = form.find_element(By.CSS_SELECTOR, "select[name='volunteer_id']")
    select = Select(select_el)
    volunteer = parts["volunteer"]
    if swap and len(select.options) > 1:
        other = next(o for o in select.options if not o.is_selected())
        volunteer = CHOICE_RE.match(words(other))["name"]  # type: ignore[index]
        select.select_by_value(other.get_attribute("value"))
        assert CHOICE_RE.match(words(select.first_selected_option))["name"] == volunteer, "the swap should be selected"  # type: ignore[index]
    if screenshot_dir is not None:
        shot(d, screenshot_dir, "01-voorstel")
    button = form.find_element(By.XPATH, ".//button[normalize-space()='Dit paar voorstellen']")
    d.execute_script("arguments[0].scrollIntoView({block: 'center'})", button)
    button.click()
    wait_for(d, gone(form), "the page after 'Dit paar voorstellen'")
    coupling_id = wait_coupling_page(d)
    assert status_of_coupling(d) == STATUS_PROPOSED, (
        f"a just accepted pair should be {STATUS_PROPOSED!r}, is {status_of_coupling(d)!r}\n{dump(d)}"
    )
    title = h1_text(d)
    assert parts["person"] in title and volunteer in title, (
        f"the coupling page's <h1> should name {parts['person']!r} and {volunteer!r}: {title!r}"
    )
    facts = summary(d)
    assert facts.get("Persoon") == parts["person"], f"coupling summary: {facts}"
    assert facts.get("Vrijwilliger", "").startswith(volunteer), (
        f"the coupling should be with {volunteer!r}{' (swapped in)' if volunteer != parts['volunteer'] else ''}: {facts}"
    )
    return {"person": parts["person"], "volunteer": volunteer, "proposed": parts["volunteer"], "id": coupling_id}


def open_my_coupling(d: WebDriver, base: str, first_name: str, coupling_id: str) -> None:
    """From /mijn-koppelingen, follow the link with the person's first name to the coupling."""
    d.get(base + "/mijn-koppelingen")
    wait_for(d, lambda d: h1_text(d) == "Mijn koppelingen", "<h1>Mijn koppelingen</h1>")
    links = d.find_elements(By.CSS_SELECTOR, f"ul#mijn-koppelingen a[href='/mijn-koppelingen/{coupling_id}']")
    assert links, f"#mijn-koppelingen should link to /mijn-koppelingen/{coupling_id}\n{dump(d)}"
    assert words(links[0]) == first_name, f"the list should name the person by first name {first_name!r}: {links[0].text!r}"
    links[0].click()
    wait_path(d, f"/mijn-koppelingen/{coupling_id}")
    wait_for(d, lambda d: h1_text(d) == f"Koppeling met {first_name}", f"<h1>Koppeling met {first_name}</h1>")


def coupling_items(d: WebDriver, list_id: str) -> list[str]:
    return [words(li) for li in d.find_elements(By.CSS_SELECTOR, f"ul#{list_id} > li")]


# --------------------------------------------------------------------------- the journey


def test_coupling_journey(coupling_server, browser, screenshot_dir) -> None:
    base = coupling_server.base_url
    d = browser

    # 1. The coordinator: waiting list, registry, proposal, three accepted pairs.
    browser_login(d, base, demo_email("coordinator"))
    open_waiting_page(d, base)
    waiting_before = row_heads(d, "wachtlijst")
    assert len(waiting_before) >= 20, f"the demo's waiting list should have at least 20 people: {waiting_before}\n{dump(d)}"
    assert not d.find_elements(By.ID, "koppelingen"), "no couplings yet in a fresh demo"

    d.get(base + "/vrijwilligers")
    wait_for(d, lambda d: h1_text(d) == "Vrijwilligers", "<h1>Vrijwilligers</h1>")
    volunteers = row_heads(d, "vrijwilligers")
    assert len(volunteers) == 15, f"the registry should list 15 volunteers: {volunteers}"
    assert set(volunteers) == set(VOLUNTEER_EMAILS), f"the demo's volunteers: {volunteers}"
    blocked = [words(s) for s in d.find_elements(By.CSS_SELECTOR, "#vrijwilligers tbody strong.overdue")]
    assert blocked, f"at least one volunteer should be marked blocked (strong.overdue)\n{dump(d, 3000)}"

    open_waiting_page(d, base)
    link = d.find_element(By.LINK_TEXT, "Maak een voorstel voor de hele wachtlijst")
    link.click()
    wait_path(d, "/koppelen/voorstel")
    wait_for(d, lambda d: h1_text(d) == "Voorstel voor de wachtlijst", "<h1>Voorstel voor de wachtlijst</h1>")
    line = proposal_summary(d)
    m = re.match(r"^Wachtend: (\d+)\. Vrijwilligers die nu kunnen koppelen: (\d+) van (\d+)\. Voorstel: (\d+) (?:paar|paren) ", line)
    assert m, f"the proposal's summary line: {line!r}"
    assert (int(m[1]), int(m[3])) == (len(waiting_before), 15), f"summary {line!r} vs {len(waiting_before)} waiting, 15 volunteers"
    assert int(m[2]) == 13, f"two demo volunteers are blocked: {line!r}"
    pairs = d.find_elements(By.CSS_SELECTOR, "ol#voorstel > li.pair")
    assert len(pairs) == int(m[4]), f"the summary says {m[4]} pairs, the list has {len(pairs)}"
    assert 3 <= len(pairs) <= len(waiting_before), f"at least three pairs to accept, at most one per person: {len(pairs)}"
    proposed = [check_pair(p) for p in pairs]
    assert len({p["person"] for p in proposed}) == len(proposed), f"each person at most once: {proposed}"
    assert all(p["person"] in waiting_before for p in proposed), "every proposed person is on the waiting list"

    first = accept_first_pair(d, base, screenshot_dir)
    second = accept_first_pair(d, base, swap=True)
    third = accept_first_pair(d, base)
    accepted = [first, second, third]
    assert len({a["person"] for a in accepted}) == 3, f"three different people: {accepted}"
    assert len({a["id"] for a in accepted}) == 3, f"three different couplings: {accepted}"

    open_waiting_page(d, base)
    waiting_after = row_heads(d, "wachtlijst")
    assert len(waiting_after) == len(waiting_before) - 3, (
        f"after three accepted pairs {len(waiting_before) - 3} people should wait, {len(waiting_after)} do: {waiting_after}"
    )
    assert not {a["person"] for a in accepted} & set(waiting_after), f"the accepted people left the waiting list: {waiting_after}"
    couplings = {words(tr.find_element(By.CSS_SELECTOR, "th")): [words(td) for td in tr.find_elements(By.TAG_NAME, "td")]
                 for tr in tbody_rows(d, "koppelingen")}
    assert set(couplings) == {a["person"] for a in accepted}, f"#koppelingen should list the three couplings: {couplings}"
    for a in accepted:
        assert couplings[a["person"]][:2] == [a["volunteer"], STATUS_PROPOSED], f"{a['person']}: {couplings[a['person']]}"
    shot(d, screenshot_dir, "02-koppelingen", show=d.find_element(By.ID, "koppelingen"))

    # 2. The first pair's volunteer: first name only, no phone yet; agrees.
    person = first["person"]
    first_name, surname = person.split(" ", 1)
    volunteer_email = VOLUNTEER_EMAILS[first["volunteer"]]
    coupling_id = first["id"]
    switch_user(d, base, volunteer_email)
    open_my_coupling(d, base, first_name, coupling_id)
    facts = summary(d)
    assert facts.get("Status") == STATUS_PROPOSED and facts.get("Voornaam") == first_name, f"volunteer's summary: {facts}"
    assert surname not in main_text(d), f"the volunteer must not see the surname {surname!r}\n{dump(d)}"
    assert "Telefoon" not in facts, f"no phone row before both sides agreed: {facts}"
    assert not re.search(r"0590-55\d{4}", main_text(d)), f"no phone number before both sides agreed\n{dump(d)}"
    assert not d.find_elements(By.ID, "veld-what"), "no check-in form before the coupling runs"
    press_button(d, "Ja, ik doe mee")
    wait_path(d, f"/mijn-koppelingen/{coupling_id}")
    wait_for(d, lambda d: "De koppeling start zodra de persoon ook heeft ingestemd." in main_text(d),
             "the notice that the coupling waits for the person")
    assert not d.find_elements(By.XPATH, "//main//button[normalize-space()='Ja, ik doe mee']"), "agreeing once is enough"

    # 3. The professional records the person's agreement.
    switch_user(d, base, demo_email("professional"))
    d.get(base + f"/koppelingen/{coupling_id}")
    wait_coupling_page(d)
    assert status_of_coupling(d) == STATUS_PROPOSED, dump(d)
    facts = summary(d)
    assert facts.get("Vrijwilliger stemde in op", "nog niet") != "nog niet", f"the volunteer's agreement should show: {facts}"
    person_links = d.find_elements(By.CSS_SELECTOR, "main dl.summary a")
    assert person_links and TRAJECTORY_PATH_RE.match(urlsplit(person_links[0].get_attribute("href")).path), (
        f"the person should link to the trajectory (dl.summary a)\n{dump(d)}"
    )
    trajectory_path = urlsplit(person_links[0].get_attribute("href")).path
    tick(d, "agreed")
    press_button(d, "Instemming vastleggen")
    wait_path(d, f"/koppelingen/{coupling_id}")
    wait_for(d, lambda d: status_of_coupling(d) == STATUS_ACTIVE, f"status {STATUS_ACTIVE!r} after both agreed")
    assert not d.find_elements(By.ID, "veld-agreed"), "once agreed, the agreement form should be gone"

    # 4. The volunteer: phone number, check-in, backup.
    switch_user(d, base, volunteer_email)
    open_my_coupling(d, base, first_name, coupling_id)
    facts = summary(d)
    assert facts.get("Status") == STATUS_ACTIVE, f"volunteer's summary: {facts}"
    assert re.fullmatch(r"0590-55\d{4}", facts.get("Telefoon", "")), f"the running coupling should show the phone: {facts}"
    assert surname not in main_text(d), f"still no surname {surname!r}\n{dump(d)}"
    on_date = field(d, "on_date").get_attribute("value")
    today = dt.date.today()
    # Dates in forms read as d-m-jjjj (issue 16, item 19).
    near = [today + dt.timedelta(days=k) for k in (-1, 0, 1)]
    assert on_date in {f"{day.day}-{day.month}-{day.year}" for day in near}, (
        f"#veld-on_date should be prefilled with today ({today}), has {on_date!r}"
    )
    type_into(d, "what", CHECK_IN)
    choose(d, "how", "good")
    shot(d, screenshot_dir, "03-vrijwilliger-contactmoment", show=field(d, "what"))
    press_button(d, "Opslaan")
    wait_path(d, f"/mijn-koppelingen/{coupling_id}")
    checkins = wait_for(d, lambda d: coupling_items(d, "contactmomenten"), "#contactmomenten")
    assert any(CHECK_IN in c and "goed" in c and on_date in c for c in checkins), f"the check-in should be listed: {checkins}"

    type_into(d, "note", BACKUP_NOTE)
    help_button = d.find_element(By.ID, "hulp-vragen")
    assert words(help_button) == "Ik heb hulp nodig", f"#hulp-vragen reads {help_button.text!r}"
    form = help_button.find_element(By.XPATH, "ancestor::form[1]")
    help_button.click()
    wait_for(d, gone(form), "the page after 'Ik heb hulp nodig'")
    wait_path(d, f"/mijn-koppelingen/{coupling_id}")
    wait_for(d, lambda d: "Uw hulpvraag is doorgegeven aan de beroepskracht." in main_text(d), "the backup confirmation")
    assert "Er staat een hulpvraag open." in main_text(d), f"the page should say a request is open\n{dump(d)}"
    shot(d, screenshot_dir, "04-vrijwilliger-hulpvraag")

    # 5. The professional sees the request.
    switch_user(d, base, demo_email("professional"))
    counts = [words(li) for li in d.find_elements(By.CSS_SELECTOR, "main .notice[role='status'] li")]
    assert any("1 vraag om hulp van een vrijwilliger" == c for c in counts), f"/start should count the backup request: {counts}\n{dump(d)}"
    d.get(base + "/berichten")
    wait_for(d, lambda d: h1_text(d) == "Berichten", "<h1>Berichten</h1>")
    text = f"Vrijwilliger vraagt om hulp bij {person}"
    links = d.find_elements(By.XPATH, f"//main//a[normalize-space()='{text}']")
    assert len(links) == 1, f"/berichten should link {text!r} once\n{dump(d, 3000)}"
    assert urlsplit(links[0].get_attribute("href")).path == f"/koppelingen/{coupling_id}", links[0].get_attribute("href")
    links[0].click()
    wait_path(d, f"/koppelingen/{coupling_id}")
    assert status_of_coupling(d) == STATUS_ACTIVE, dump(d)
    backups = coupling_items(d, "hulpvragen")
    assert any(BACKUP_NOTE in b and "vraagt om hulp" in b for b in backups), f"#hulpvragen should hold the open note: {backups}"
    checkins = coupling_items(d, "contactmomenten")
    assert any(CHECK_IN in c for c in checkins), f"#contactmomenten should hold the check-in: {checkins}"
    shot(d, screenshot_dir, "05-professional-hulpvraag", show=d.find_element(By.ID, "hulpvragen"))

    # 6. Another volunteer: the coupling does not exist for them, the trajectory is forbidden.
    other_email = next(
        e for e in ("vrijwilliger14@lindewaard.example", "vrijwilliger13@lindewaard.example") if e != volunteer_email
    )
    switch_user(d, base, other_email)
    d.get(base + f"/mijn-koppelingen/{coupling_id}")
    wait_for(d, lambda d: h1_text(d) == NOT_FOUND_TITLE, f"<h1>{NOT_FOUND_TITLE}</h1> for someone else's coupling")
    assert surname not in main_text(d), f"nothing of the person may show\n{dump(d)}"
    r = http_session_from(d).get(base + f"/mijn-koppelingen/{coupling_id}", allow_redirects=False, timeout=HTTP_TIMEOUT_S)
    assert r.status_code == 404, f"someone else's coupling should answer 404\n{describe(r)}"
    assert_forbidden(d, base, trajectory_path)
    assert_forbidden(d, base, f"/koppelingen/{coupling_id}")

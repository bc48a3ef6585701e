"""The public social map and closed-loop referrals, in headless Chromium against a fresh `omzien demo` (SQLite).

1. A resident, in a Chromium with JavaScript switched off, searches the public social map
   (/activiteiten): filters are a plain GET form, so the choices end up in the URL; every card fits the
   filter; each activity has its own shareable page. The same pages at phone size do not scroll sideways.
2. axe-core (axe-selenium-python) finds no serious or critical problems on /activiteiten and on one
   activity page.
3. The GP refers "Henk de Vries" to "Welzijn op Recept": refused without consent (what was typed stays),
   sent with consent. The receiving organisation's professional accepts it, reports the start and the
   outcome with feedback; the GP sees "afgerond: gelukt" and the feedback, and no answer form. A provider
   of another organisation gets "Pagina niet gevonden". A second referral to "Huiskamer van de buurt"
   goes to Buurthuis De Schakel, whose provider accepts it; the GP sees "geaccepteerd".

The server is started for this module alone (the journey sends referrals). Screenshots go to
/tmp/omzien-screens/socialmap-*.png.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Iterator
from urllib.parse import parse_qs, urlsplit

import pytest
import requests
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.remote.webelement import WebElement
from selenium.webdriver.support.ui import Select

from conftest import (
    CHROMEDRIVER_BIN,
    HTTP_TIMEOUT_S,
    OmzienServer,
    _chrome_options,
    demo_email,
    describe,
    start_fresh_demo,
)
from test_role_journeys import (
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
from test_signal_journey import choose, field, main_text, shot as signal_shot, type_into
from test_trajectory_journey import press_button, tick

ACTIVITY_PATH_RE = re.compile(r"^/activiteiten/([0-9A-Fa-f-]{36})$")
REFERRAL_PATH_RE = re.compile(r"^/verwijzingen/([0-9A-Fa-f-]{36})$")
COUNT_RE = re.compile(r"^(\d+) activiteit(?:en)? gevonden\.$")

PUBLIC_TITLE = "Ontmoeting en contact in Gemeente Lindewaard"
BACK_LINK = "Terug naar alle activiteiten"
NOT_FOUND_TITLE = "Pagina niet gevonden"  # nl.json error_not_found_title

PERSON = "Henk de Vries"
PHONE = "0590-551234"
REQUEST = "Meneer de Vries is sinds zijn pensioen veel alleen thuis en zoekt iets om naar uit te kijken."
FEEDBACK = "Gaat nu naar de huiskamer."
CONSENT_ERROR = "Zonder toestemming van de persoon kan de verwijzing niet worden verstuurd"
SECOND_PERSON = "Mien Jansen"

STATUS_SENT = "verstuurd"
STATUS_ACCEPTED = "geaccepteerd"
STATUS_STARTED = "gestart"
STATUS_SUCCESSFUL = "afgerond: gelukt"

# Rules axe may report as serious/critical that this file tolerates: none. (Put a rule id here only
# with a note explaining why, and report it as an app issue.)
AXE_TOLERATED: set[str] = set()


# --------------------------------------------------------------------------- fixtures


@pytest.fixture(scope="module")
def social_server(server_log_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[OmzienServer]:
    """`omzien demo` (with its social map of 34 activities) and its own fresh SQLite file."""
    server = start_fresh_demo("demo-socialmap", server_log_dir, tmp_path_factory)
    yield server
    server.stop()


@pytest.fixture
def nojs_browser() -> Iterator[WebDriver]:
    """A desktop-sized headless Chromium like the `browser` fixture, but with JavaScript switched off."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = _chrome_options(phone=False)
    options.experimental_options.setdefault("prefs", {})["profile.managed_default_content_settings.javascript"] = 2
    options.add_argument("--blink-settings=scriptEnabled=false")
    d = webdriver.Chrome(options=options, service=Service(CHROMEDRIVER_BIN))
    d.set_page_load_timeout(30)
    yield d
    d.quit()


# --------------------------------------------------------------------------- helpers


def shot(d: WebDriver, screenshot_dir: Path, name: str, show: WebElement | None = None) -> None:
    signal_shot(d, screenshot_dir, name, show=show, prefix="socialmap")


def words(el: WebElement) -> str:
    return " ".join(el.text.split())


def query_of(d: WebDriver) -> dict[str, list[str]]:
    return parse_qs(urlsplit(d.current_url).query, keep_blank_values=True)


def dl_facts(d: WebDriver, dl_id: str) -> dict[str, str]:
    """The <dl id=dl_id> as {term: value}."""
    dls = d.find_elements(By.ID, dl_id)
    assert dls, f"no <dl id='{dl_id}'>\n{dump(d)}"
    terms = [words(t) for t in dls[0].find_elements(By.TAG_NAME, "dt")]
    values = [words(v) for v in dls[0].find_elements(By.TAG_NAME, "dd")]
    return dict(zip(terms, values))


def dl_facts_main(d: WebDriver) -> dict[str, str]:
    """The first <dl class='summary'> in <main> as {term: value}."""
    dl = d.find_element(By.CSS_SELECTOR, "main dl.summary")
    terms = [words(t) for t in dl.find_elements(By.TAG_NAME, "dt")]
    values = [words(v) for v in dl.find_elements(By.TAG_NAME, "dd")]
    return dict(zip(terms, values))


def card_facts(card: WebElement) -> dict[str, str]:
    terms = [words(t) for t in card.find_elements(By.CSS_SELECTOR, "dl dt")]
    values = [" | ".join(line.strip() for line in v.text.splitlines() if line.strip()) for v in card.find_elements(By.CSS_SELECTOR, "dl dd")]
    return dict(zip(terms, values))


def open_catalogue(d: WebDriver, base: str, query: str = "") -> None:
    d.get(base + "/activiteiten" + query)
    wait_for(d, lambda d: h1_text(d) == PUBLIC_TITLE, f"<h1>{PUBLIC_TITLE}</h1>")


def results(d: WebDriver) -> dict[str, WebElement]:
    """The result cards as {activity name: card}; checks that #aantal agrees with the number of cards."""
    count_text = words(d.find_element(By.ID, "aantal"))
    m = COUNT_RE.match(count_text)
    assert m, f"#aantal should read 'N activiteiten gevonden.', reads {count_text!r}"
    cards = d.find_elements(By.CSS_SELECTOR, "#activiteiten li.card")
    assert int(m[1]) == len(cards), f"#aantal says {m[1]}, the list has {len(cards)} cards\n{dump(d, 3000)}"
    return {words(c.find_element(By.CSS_SELECTOR, "h2 a")): c for c in cards}


def submit_search(d: WebDriver, with_keyboard: bool = False) -> None:
    """Submit the filter form with its 'Zoeken' button (a click, or Enter on the focused button)."""
    form = d.find_element(By.CSS_SELECTOR, "main form[role='search']")
    assert form.get_attribute("method").lower() == "get", "the filter form should use GET (bookmarkable)"
    button = form.find_element(By.XPATH, ".//button[normalize-space()='Zoeken']")
    if with_keyboard:
        button.send_keys(Keys.ENTER)
    else:
        button.click()
    wait_for(d, gone(form), "the results after 'Zoeken'")
    wait_for(d, lambda d: h1_text(d) == PUBLIC_TITLE, f"<h1>{PUBLIC_TITLE}</h1> after searching")


def select_by_text(d: WebDriver, select_id: str, text: str) -> None:
    labels = d.find_elements(By.CSS_SELECTOR, f"label[for='{select_id}']")
    assert labels and labels[0].is_displayed(), f"#{select_id} needs a visible <label for>\n{dump(d)}"
    select = Select(d.find_element(By.ID, select_id))
    select.select_by_visible_text(text)
    assert words(select.first_selected_option) == text


def overflow(d: WebDriver) -> int:
    return d.execute_script("return document.documentElement.scrollWidth - window.innerWidth")


def referral_id(d: WebDriver) -> str:
    wait_for(d, lambda d: REFERRAL_PATH_RE.match(path_of(d)), "a /verwijzingen/<id> page")
    return REFERRAL_PATH_RE.match(path_of(d)).group(1)  # type: ignore[union-attr]


def referral_status(d: WebDriver) -> str:
    return dl_facts(d, "verwijzing").get("Status", "")


def referral_rows(d: WebDriver) -> dict[str, list[str]]:
    """The rows of #verwijzingen as {link path: [person, activity, sent, status]} (empty without a table)."""
    rows = {}
    for tr in d.find_elements(By.CSS_SELECTOR, "#verwijzingen tbody tr"):
        link = tr.find_element(By.CSS_SELECTOR, "th a")
        rows[urlsplit(link.get_attribute("href")).path] = [words(c) for c in tr.find_elements(By.CSS_SELECTOR, "th, td")]
    return rows


def switch_user(d: WebDriver, base: str, email: str) -> None:
    if d.find_elements(By.CSS_SELECTOR, "header form[action$='/uitloggen']"):
        logout_via_header(d)
        wait_path(d, "/inloggen")
    browser_login(d, base, email)


def send_referral(d: WebDriver, base: str, activity: str, person: str, screenshot_dir: Path | None = None,
                  first_without_consent: bool = False) -> str:
    """The logged-in referrer fills /verwijzingen/nieuw and sends it; returns the referral's id."""
    d.get(base + "/verwijzingen/nieuw")
    wait_for(d, lambda d: h1_text(d) == "Nieuwe verwijzing", "<h1>Nieuwe verwijzing</h1>")
    Select(field(d, "activity")).select_by_visible_text(activity)
    type_into(d, "person_name", person)
    type_into(d, "person_phone", PHONE)
    type_into(d, "request", REQUEST)
    choose(d, "consent_form", "verbal")
    if first_without_consent:
        assert not field(d, "consent").is_selected(), "the consent box must start unticked"
        press_button(d, "Verwijzing versturen")
        wait_for(d, lambda d: CONSENT_ERROR in main_text(d), f"the error {CONSENT_ERROR!r}")
        assert path_of(d) == "/verwijzingen", f"a refused referral stays on the form\n{dump(d)}"
        alert = d.find_elements(By.CSS_SELECTOR, "main .error-summary[role='alert']")
        assert alert and CONSENT_ERROR in alert[0].text, f"the error summary should name the missing consent\n{dump(d)}"
        assert field(d, "person_name").get_attribute("value") == person, "the typed name should be kept"
        assert field(d, "person_phone").get_attribute("value") == PHONE, "the typed phone should be kept"
        assert field(d, "request").get_attribute("value") == REQUEST, "the typed request should be kept"
        assert words(Select(field(d, "activity")).first_selected_option) == activity, "the chosen activity should be kept"
        assert d.find_element(By.CSS_SELECTOR, "#veld-consent_form input[value='verbal']").is_selected(), (
            "the chosen consent form should be kept"
        )
        assert field(d, "consent").get_attribute("aria-invalid") == "true", "the consent box should be marked invalid"
        if screenshot_dir is not None:
            shot(d, screenshot_dir, "03-verwijzing-zonder-toestemming")
    tick(d, "consent")
    tick(d, "feedback_consent")  # the person agrees that the provider reports back to the GP
    press_button(d, "Verwijzing versturen")
    rid = referral_id(d)
    assert query_of(d).get("verstuurd") == ["1"], d.current_url
    wait_for(d, lambda d: "De verwijzing is verstuurd." in main_text(d), "the notice 'De verwijzing is verstuurd.'")
    facts = dl_facts(d, "verwijzing")
    assert facts.get("Status") == STATUS_SENT and facts.get("Activiteit") == activity, f"#verwijzing: {facts}"
    assert h1_text(d) == f"Verwijzing: {person}", dump(d)
    return rid


def choose_step(d: WebDriver, value: str) -> None:
    """Pick the radio status=<value> in the 'Volgende stap' fieldset by clicking its label."""
    radios = d.find_elements(By.CSS_SELECTOR, f"main input[type='radio'][name='status'][value='{value}']")
    assert radios, f"no next step {value!r} offered\n{dump(d)}"
    legend = radios[0].find_elements(By.XPATH, "ancestor::fieldset/legend")
    assert legend and words(legend[0]) == "Volgende stap", "the steps should sit in a fieldset 'Volgende stap'"
    radios[0].find_element(By.XPATH, "ancestor::label[1]").click()
    assert radios[0].is_selected(), f"clicking its label should pick status {value!r}"


def answer(d: WebDriver, rid: str, value: str, expected_status: str, feedback: str | None = None) -> None:
    choose_step(d, value)
    if feedback is not None:
        type_into(d, "feedback", feedback)
    press_button(d, "Opslaan")
    wait_path(d, f"/verwijzingen/{rid}")
    wait_for(d, lambda d: referral_status(d) == expected_status, f"status {expected_status!r}")


def open_received(d: WebDriver, base: str, rid: str) -> dict[str, list[str]]:
    d.get(base + "/verwijzingen/ontvangen")
    wait_for(d, lambda d: h1_text(d) == "Verwijzingen ontvangen", "<h1>Verwijzingen ontvangen</h1>")
    return referral_rows(d)


# --------------------------------------------------------------------------- 1. public search


def test_public_search_without_javascript(social_server, nojs_browser, browser, screenshot_dir) -> None:
    base = social_server.base_url
    d = nojs_browser

    # JavaScript really is off in this browser: a page script that would rename the page does not run.
    d.get("data:text/html,<title>zonder-js</title><script>document.title='met-js'</script>")
    assert d.title == "zonder-js", f"JavaScript should be switched off in nojs_browser (title {d.title!r})"

    open_catalogue(d, base)
    assert not d.find_elements(By.CSS_SELECTOR, "header form[action$='/uitloggen']"), "not logged in"
    assert "eenzaam" not in d.find_element(By.TAG_NAME, "body").text.lower(), (
        f"the public social map should not speak of 'eenzaam'\n{dump(d, 4000)}"
    )
    everything = results(d)
    assert len(everything) == 34, f"without filters all 34 demo activities should show: {sorted(everything)}"
    shot(d, screenshot_dir, "01-zoeken")

    # Tuesday, free only; submitted with the keyboard (Enter on the button).
    select_by_text(d, "filter-dag", "dinsdag")
    d.find_element(By.CSS_SELECTOR, "label[for='filter-kosten']").click()
    assert d.find_element(By.ID, "filter-kosten").is_selected(), "clicking 'Alleen gratis' should tick it"
    submit_search(d, with_keyboard=True)
    q = query_of(d)
    assert q.get("dag") == ["2"] and q.get("kosten") == ["gratis"], f"the filters belong in the URL: {d.current_url}"
    assert words(Select(d.find_element(By.ID, "filter-dag")).first_selected_option) == "dinsdag", "the day stays chosen"
    assert d.find_element(By.ID, "filter-kosten").is_selected(), "'Alleen gratis' stays ticked"
    tuesday = results(d)
    assert tuesday, f"some free activity meets on Tuesday in the demo\n{dump(d)}"
    for name, card in tuesday.items():
        facts = card_facts(card)
        assert facts.get("Kosten", "").startswith("gratis"), f"{name}: every card should be free: {facts}"
        assert "dinsdag" in facts.get("Wanneer", ""), f"{name}: every card should meet on dinsdag: {facts}"
    for paid in ("Resto VanHarte", "Bridgen: denken en doen", "Grip en Glans"):
        assert paid not in tuesday, f"{paid!r} (Tuesday, not free) must not be in the free-only results: {sorted(tuesday)}"
    assert "Bij Bosshardt" in tuesday, f"'Bij Bosshardt' is free on Tuesdays: {sorted(tuesday)}"
    shot(d, screenshot_dir, "02-dinsdag-gratis")

    # District Zuid, "samen met anderen", any day (Beweegtuin meets on Monday and Thursday); with a click.
    select_by_text(d, "filter-dag", "elke dag")
    select_by_text(d, "filter-wijk", "Zuid")
    zuid_id = Select(d.find_element(By.ID, "filter-wijk")).first_selected_option.get_attribute("value")
    select_by_text(d, "filter-vorm", "samen met anderen")
    submit_search(d)
    q = query_of(d)
    assert q.get("wijk") == [zuid_id] and q.get("vorm") == ["group"] and q.get("dag") == [""], f"URL: {d.current_url}"
    assert words(Select(d.find_element(By.ID, "filter-wijk")).first_selected_option) == "Zuid", "the district stays chosen"
    zuid = results(d)
    assert "Beweegtuin" in zuid, f"'Beweegtuin' (Zuid) should be found: {sorted(zuid)}"
    assert "Bij Bosshardt" not in zuid and "Vitale moestuin" not in zuid, f"activities of other districts only: {sorted(zuid)}"
    assert "Huiskamer van de buurt" in zuid, f"activities for the whole municipality count too: {sorted(zuid)}"
    assert "Welzijn op Recept" not in zuid, f"a one-to-one activity is not 'samen met anderen': {sorted(zuid)}"
    for name, card in zuid.items():
        assert "samen met anderen" in words(card.find_element(By.CSS_SELECTOR, "p.small")), f"{name}: form"
    search_url = d.current_url

    # The activity's own page.
    link = zuid["Beweegtuin"].find_element(By.CSS_SELECTOR, "h2 a")
    link.click()
    wait_for(d, lambda d: ACTIVITY_PATH_RE.match(path_of(d)), "an /activiteiten/<id> page")
    activity_url = d.current_url
    assert h1_text(d) == "Beweegtuin", dump(d)
    page = dl_facts_main(d)
    assert page.get("Voor de wijken") == "Zuid" and page.get("Kosten", "").startswith("gratis"), f"Beweegtuin: {page}"
    back = d.find_elements(By.LINK_TEXT, BACK_LINK)
    assert back, f"the activity page needs a link {BACK_LINK!r}\n{dump(d)}"
    assert urlsplit(back[0].get_attribute("href")).path == "/activiteiten", back[0].get_attribute("href")
    assert "eenzaam" not in d.find_element(By.TAG_NAME, "body").text.lower(), dump(d, 3000)
    shot(d, screenshot_dir, "03-activiteit")
    back[0].click()
    wait_for(d, lambda d: h1_text(d) == PUBLIC_TITLE, "the search page after the back link")

    # Shareable: the activity URL opens in another browser that never saw the search.
    p = browser
    p.get(activity_url)
    wait_for(p, lambda p: h1_text(p) == "Beweegtuin", "<h1>Beweegtuin</h1> in a fresh session")
    assert not p.find_elements(By.CSS_SELECTOR, "header form[action$='/uitloggen']"), "not logged in"

    # At phone size (the JS-enabled browser, for the measurement): no sideways scrolling. Headless
    # Chromium will not make a window narrower than 500 px, so emulate the phone's viewport.
    p.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {"width": 390, "height": 844, "deviceScaleFactor": 2, "mobile": True})
    for url, name in ((activity_url, "04-activiteit-telefoon"), (search_url, "05-zoeken-telefoon"), (base + "/activiteiten", None)):
        p.get(url)
        wait_for(p, lambda p: h1_text(p), "an <h1>")
        assert p.execute_script("return window.innerWidth") == 390, "the phone viewport should be 390 px wide"
        assert overflow(p) <= 0, f"{url} scrolls sideways on a phone by {overflow(p)}px"
        if name:
            shot(p, screenshot_dir, name)


# --------------------------------------------------------------------------- 2. accessibility


def axe_problems(d: WebDriver, page: str) -> tuple[list[dict], list[dict]]:
    """Run axe-core on the current page; returns (serious or critical violations, all violations)."""
    from axe_selenium_python import Axe

    axe = Axe(d)
    axe.inject()  # through WebDriver, which the page's Content-Security-Policy does not restrict
    assert d.execute_script("return typeof window.axe") == "object", f"axe-core could not be injected on {page}"
    result = axe.run()
    violations = result["violations"]
    assert result["passes"], f"axe-core ran no rule at all on {page}"
    print(f"\n[axe {d.execute_script('return axe.version')}] {page}: {len(result['passes'])} rules pass; violations: "
          + (", ".join(f"{v['id']} ({v['impact']}, {len(v['nodes'])}x)" for v in violations) or "no violations")
          + f"; {len(result['incomplete'])} to review by hand: {', '.join(v['id'] for v in result['incomplete'])}")
    bad = [v for v in violations if v["impact"] in ("serious", "critical") and v["id"] not in AXE_TOLERATED]
    return bad, violations


def describe_violations(violations: list[dict]) -> str:
    return "\n".join(
        f"  {v['id']} [{v['impact']}] {v['help']} — first node: {v['nodes'][0]['target'] if v['nodes'] else '-'}"
        f" ({len(v['nodes'])} node(s)) {v['helpUrl']}"
        for v in violations
    )


def test_public_search_accessibility(social_server, browser, screenshot_dir) -> None:
    base = social_server.base_url
    d = browser
    # axe-core goes in through WebDriver's execute_script, which the app's CSP (script-src 'self') does not block.
    csp = requests.get(base + "/activiteiten", timeout=HTTP_TIMEOUT_S).headers.get("Content-Security-Policy", "")
    assert "script-src 'self'" in csp, f"expected the app's CSP with script-src 'self': {csp!r}"
    open_catalogue(d, base)
    bad_search, _ = axe_problems(d, "/activiteiten")

    first = d.find_element(By.CSS_SELECTOR, "#activiteiten li.card h2 a")
    name = words(first)
    first.click()
    wait_for(d, lambda d: ACTIVITY_PATH_RE.match(path_of(d)) and h1_text(d) == name, f"the page of {name!r}")
    bad_activity, _ = axe_problems(d, path_of(d))

    assert not bad_search and not bad_activity, (
        "axe-core found serious or critical accessibility violations:\n"
        f"/activiteiten:\n{describe_violations(bad_search)}\n{path_of(d)}:\n{describe_violations(bad_activity)}"
    )


# --------------------------------------------------------------------------- 3. closed-loop referral


def test_gp_referral_closed_loop(social_server, browser, screenshot_dir) -> None:
    base = social_server.base_url
    d = browser

    # The GP refers Henk de Vries to Welzijn op Recept: first without consent, then with.
    browser_login(d, base, demo_email("referrer"))
    rid = send_referral(d, base, "Welzijn op Recept", PERSON, screenshot_dir, first_without_consent=True)
    shot(d, screenshot_dir, "04-verwijzing-verstuurd")
    assert not d.find_elements(By.XPATH, "//main//legend[normalize-space()='Volgende stap']"), "the GP does not answer"
    d.get(base + "/verwijzingen")
    wait_for(d, lambda d: h1_text(d) == "Mijn verwijzingen", "<h1>Mijn verwijzingen</h1>")
    rows = referral_rows(d)
    assert rows.get(f"/verwijzingen/{rid}", [])[:2] == [PERSON, "Welzijn op Recept"], f"#verwijzingen: {rows}"
    assert rows[f"/verwijzingen/{rid}"][3] == STATUS_SENT, f"#verwijzingen: {rows}"
    referral_url = f"/verwijzingen/{rid}"

    # The receiving organisation (Welzijn Lindewaard): accept, started, successful with feedback.
    switch_user(d, base, demo_email("professional"))
    rows = open_received(d, base, rid)
    assert referral_url in rows and rows[referral_url][3] == STATUS_SENT, f"the professional's received list: {rows}\n{dump(d)}"
    d.find_element(By.CSS_SELECTOR, f"#verwijzingen a[href='{referral_url}']").click()
    wait_path(d, referral_url)
    shared = dl_facts(d, "gedeeld")
    assert shared.get("Naam van de persoon") == PERSON and shared.get("Telefoonnummer") == PHONE, f"#gedeeld: {shared}"
    assert REQUEST in shared.values(), f"#gedeeld should hold the request: {shared}"
    steps = {r.get_attribute("value") for r in d.find_elements(By.CSS_SELECTOR, "main input[name='status']")}
    assert steps == {"accepted", "declined"}, f"a sent referral can be accepted or declined: {steps}"
    shot(d, screenshot_dir, "05-verwijzing-ontvangen")
    answer(d, rid, "accepted", STATUS_ACCEPTED)
    answer(d, rid, "started", STATUS_STARTED)
    answer(d, rid, "successful", STATUS_SUCCESSFUL, feedback=FEEDBACK)
    assert not d.find_elements(By.XPATH, "//main//legend[normalize-space()='Volgende stap']"), "a closed referral has no next step"
    shot(d, screenshot_dir, "06-verwijzing-afgerond")

    # The GP sees the outcome and the feedback, and cannot answer.
    switch_user(d, base, demo_email("referrer"))
    d.get(base + referral_url)
    wait_for(d, lambda d: referral_status(d) == STATUS_SUCCESSFUL, f"status {STATUS_SUCCESSFUL!r} for the GP")
    facts = dl_facts(d, "verwijzing")
    assert facts.get("Terugkoppeling") == FEEDBACK, f"the GP should see the feedback: {facts}"
    assert "Volgende stap" not in main_text(d) and not d.find_elements(By.ID, "veld-feedback"), (
        f"the GP gets no answer form\n{dump(d)}"
    )
    assert not d.find_elements(By.XPATH, "//main//button[normalize-space()='Verwijzing intrekken']"), (
        "a completed referral cannot be withdrawn"
    )
    shot(d, screenshot_dir, "07-verwijzing-huisarts")

    # A provider of another organisation: the referral does not exist for them.
    switch_user(d, base, demo_email("provider"))
    d.get(base + referral_url)
    wait_for(d, lambda d: h1_text(d) == NOT_FOUND_TITLE, f"<h1>{NOT_FOUND_TITLE}</h1> for another organisation's referral")
    assert PERSON not in main_text(d) and REQUEST not in main_text(d), f"nothing of the referral may show\n{dump(d)}"
    r = http_session_from(d).get(base + referral_url, allow_redirects=False, timeout=HTTP_TIMEOUT_S)
    assert r.status_code == 404, f"another organisation's referral should answer 404\n{describe(r)}"
    rows = open_received(d, base, rid)
    assert referral_url not in rows, f"Paul must not see Welzijn Lindewaard's referral: {rows}"

    # Part two: a referral to De Schakel's "Huiskamer van de buurt", accepted by Paul.
    switch_user(d, base, demo_email("referrer"))
    second = send_referral(d, base, "Huiskamer van de buurt", SECOND_PERSON)
    second_url = f"/verwijzingen/{second}"
    switch_user(d, base, demo_email("provider"))
    rows = open_received(d, base, second)
    assert set(rows) == {second_url}, f"Paul should see exactly the referral to De Schakel: {rows}\n{dump(d)}"
    assert rows[second_url][:2] == [SECOND_PERSON, "Huiskamer van de buurt"], rows
    d.find_element(By.CSS_SELECTOR, f"#verwijzingen a[href='{second_url}']").click()
    wait_path(d, second_url)
    assert dl_facts(d, "gedeeld").get("Naam van de persoon") == SECOND_PERSON, dump(d)
    answer(d, second, "accepted", STATUS_ACCEPTED)
    shot(d, screenshot_dir, "08-schakel-geaccepteerd")

    switch_user(d, base, demo_email("referrer"))
    d.get(base + "/verwijzingen")
    wait_for(d, lambda d: h1_text(d) == "Mijn verwijzingen", "<h1>Mijn verwijzingen</h1>")
    rows = referral_rows(d)
    assert rows.get(second_url, [""] * 4)[3] == STATUS_ACCEPTED, f"the GP's list: {rows}"
    assert rows.get(referral_url, [""] * 4)[3] == STATUS_SUCCESSFUL, f"the GP's list: {rows}"
    d.get(base + second_url)
    wait_for(d, lambda d: referral_status(d) == STATUS_ACCEPTED, f"status {STATUS_ACCEPTED!r} for the GP")

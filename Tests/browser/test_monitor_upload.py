"""An analyst uploads survey microdata in Chromium and sees the district × age-band table with the
suppressed cells marked, and the chart (issue 9's browser journey)."""
from __future__ import annotations

import random
from pathlib import Path

from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

from test_role_journeys import browser_login, dump

POSITIVE = {1, 4, 7, 8, 11}


def write_microdata(path: Path) -> None:
    rng = random.Random(11)
    with path.open("w") as out:
        out.write("id,gewicht,stratum,wijk,leeftijd," + ",".join(f"q{i}" for i in range(1, 12)) + "\n")
        n = 0
        for district in ["Centrum", "Noord", "Oost"]:
            for band in ["18-64", "65-74", "75+"]:
                size = 8 if (district, band) == ("Oost", "75+") else 120
                for _ in range(size):
                    lonely = rng.random() < 0.45
                    answers = [("nee" if lonely else "ja") if i in POSITIVE else ("ja" if lonely else "nee") for i in range(1, 12)]
                    out.write(f"p{n},{round(rng.uniform(0.5, 2.5), 3)},S{n % 4},{district},{band}," + ",".join(answers) + "\n")
                    n += 1


def test_analyst_uploads_microdata_and_sees_table_and_chart(demo_server, browser, screenshot_dir, tmp_path: Path) -> None:
    data = tmp_path / "monitor.csv"
    write_microdata(data)
    d = browser
    base = demo_server.base_url
    browser_login(d, base, "analyst@lindewaard.example")
    d.get(base + "/monitor")
    d.find_element(By.ID, "veld-source").send_keys("GGD Gezondheidsmonitor")
    d.find_element(By.ID, "veld-year").send_keys("2024")
    d.find_element(By.ID, "veld-data").send_keys(str(data))
    d.find_element(By.ID, "veld-weight").send_keys("gewicht")
    d.find_element(By.ID, "veld-strata").send_keys("stratum")
    d.find_element(By.ID, "veld-by").send_keys("wijk,leeftijd")
    minimum = d.find_element(By.ID, "veld-min_n")
    minimum.clear()
    minimum.send_keys("20")
    d.find_element(By.CSS_SELECTOR, "main form button[type=submit]").click()
    WebDriverWait(d, 30).until(EC.presence_of_element_located((By.CSS_SELECTOR, "table.prevalence")))
    assert "/monitor/" in d.current_url, d.current_url
    headers = [th.text for th in d.find_elements(By.CSS_SELECTOR, "table.prevalence thead th")]
    assert headers == ["wijk", "18-64", "65-74", "75+"], f"{headers}\n{dump(d)}"
    rows = {tr.find_element(By.CSS_SELECTOR, "th").text: [td.text for td in tr.find_elements(By.CSS_SELECTOR, "td")]
            for tr in d.find_elements(By.CSS_SELECTOR, "table.prevalence tbody tr")}
    assert set(rows) == {"Centrum", "Noord", "Oost"}, rows
    assert rows["Oost"][2] == "onderdrukt (n=8)", rows
    suppressed = d.find_elements(By.CSS_SELECTOR, "table.prevalence td.suppressed")
    assert len(suppressed) == 1, [s.text for s in suppressed]
    assert all("%" in cell and "–" in cell for cell in rows["Centrum"]), rows["Centrum"]
    chart = d.find_element(By.CSS_SELECTOR, "figure.chart-figure svg")
    assert chart.get_attribute("role") == "img"
    assert len(chart.find_elements(By.CSS_SELECTOR, "circle")) == 8, "one point per cell that is not suppressed"
    d.save_screenshot(str(screenshot_dir / "monitor-resultaat.png"))
    # The dataset is kept with its metadata: the overview lists it and draws its overall figure as a trend point.
    d.find_element(By.LINK_TEXT, "Terug naar de monitor").click()
    listed = d.find_element(By.CSS_SELECTOR, "main table").text
    assert "2024" in listed and "GGD Gezondheidsmonitor" in listed, listed
    trend = d.find_element(By.CSS_SELECTOR, "article.trend")
    assert "DJG-11 (3–11) · 18+" in trend.text, trend.text
    assert len(trend.find_elements(By.CSS_SELECTOR, "svg circle")) == 1

#!/usr/bin/env python3
"""Times the evaluation dashboard of a running Omzien server (the issue's bar: under 300 ms server time).

    measure.py BASE_URL LABEL OUT.json [ROUNDS]

Logs in as the demo analyst, asks each dashboard view ROUNDS times and reads the server's own time from the
`Server-Timing: app;dur=…` header (the handler: facts, counting, coverage and rendering). The first request
after start also loads the municipality's facts from the database; it is reported apart ("cold"). The peer
is the framework's ceiling on the same machine in the same run: GET /health/live, an empty route.
Requests go to 127.0.0.1 only, and the loop is bounded by ROUNDS.
"""
import json
import re
import statistics
import sys
import time

import requests

base, label, out = sys.argv[1], sys.argv[2], sys.argv[3]
rounds = int(sys.argv[4]) if len(sys.argv) > 4 else 20
assert base.startswith("http://127.0.0.1:"), "only the local server is measured"

session = requests.Session()
for attempt in range(5):
    page = session.get(base + "/inloggen", timeout=60).text
    token = re.search(r'name="_csrf" value="([^"]+)"', page).group(1)
    session.post(base + "/inloggen", data={"_csrf": token, "email": "analyst@lindewaard.example", "password": "demo-wachtwoord-2026"}, timeout=60)
    if session.get(base + "/start", timeout=60, allow_redirects=False).status_code == 200:
        break
    time.sleep(2)
else:
    sys.exit("could not log in as the demo analyst")

def server_ms(response):
    match = re.search(r"app;dur=([0-9.]+)", response.headers.get("Server-Timing", ""))
    return float(match.group(1)) if match else None

start = time.perf_counter()
cold = session.get(base + "/evaluatie", timeout=600)
cold_client = (time.perf_counter() - start) * 1000
assert cold.status_code == 200, cold.status_code
page = cold.text
assert "<h1>Evaluatie" in page, page[:500]
district = re.search(r'<option value="([0-9A-F-]{36})">Noord</option>', page).group(1)
team = re.search(r'<select id="veld-team" name="team"><option value="" selected>Alle</option><option value="([0-9A-F-]{36})"', page).group(1)
this_year = int(re.search(r'<option value="(\d{4})" selected>', page).group(1))

views = {
    "this year": "/evaluatie",
    "last year": f"/evaluatie?jaar={this_year - 1}",
    "four years": f"/evaluatie?van={this_year - 4}-12-01&tot={this_year}-12-31",
    "district Noord": f"/evaluatie?wijk={district}",
    "team": f"/evaluatie?team={team}",
    "age 75-84": "/evaluatie?leeftijd=75_84",
    # Every filter at once: checked against the seven wider views (see NestedViews.swift), the slowest view.
    "district, team and age": f"/evaluatie?wijk={district}&team={team}&leeftijd=75_84",
    "yearly report": f"/evaluatie/rapport/{this_year}",
}
results = {"label": label, "rounds": rounds, "cold_first_request_ms": round(cold_client, 1), "views": {}}
for name, path in views.items():
    server, client = [], []
    for _ in range(rounds):
        t = time.perf_counter()
        response = session.get(base + path, timeout=60)
        client.append((time.perf_counter() - t) * 1000)
        assert response.status_code == 200, (path, response.status_code)
        if server_ms(response) is not None:
            server.append(server_ms(response))
    results["views"][name] = {
        "server_median_ms": round(statistics.median(server), 2) if server else None,
        "server_max_ms": round(max(server), 2) if server else None,
        "client_median_ms": round(statistics.median(client), 2),
        "client_max_ms": round(max(client), 2),
    }
peer = []
for _ in range(rounds * 5):
    t = time.perf_counter()
    session.get(base + "/health/live", timeout=10)
    peer.append((time.perf_counter() - t) * 1000)
results["peer_empty_route_client_median_ms"] = round(statistics.median(peer), 3)
json.dump(results, open(out, "w"), indent=1)
print(json.dumps(results, indent=1))

"""`omzien monitor prevalence` against R `survey` on a generated dataset (≥ 20,000 rows, ≥ 50 domains).

R comes from Debian (`r-base-core`, `r-cran-survey`); CI installs them and sets OMZIEN_REQUIRE_R=1,
so there a missing R fails instead of skipping. Tolerances (issue 9): estimates and standard errors
1e-9 relative, intervals 1e-6 (R's logit interval comes from an iterative fit).
"""
from __future__ import annotations

import csv
import json
import os
import random
import shutil
import subprocess
from pathlib import Path

import pytest

BINARY = Path(__file__).resolve().parents[2] / ".build" / "debug" / "omzien"
POSITIVE = {1, 4, 7, 8, 11}

R_SCRIPT = r"""
suppressMessages(library(survey))
options(survey.lonely.psu = "certainty")
args <- commandArgs(trailingOnly = TRUE)
d <- read.csv(args[1], colClasses = "character", na.strings = character(0))
items <- paste0("q", 1:11)
pos <- c(1, 4, 7, 8, 11)
points <- sapply(1:11, function(i) {
  a <- d[[items[i]]]
  ifelse(a == "", NA, ifelse(a == "min of meer", 1, if (i %in% pos) as.integer(a == "nee") else as.integer(a == "ja")))
})
d$total <- rowSums(points)
threshold <- as.numeric(args[3])
d$y <- as.numeric(d$total >= threshold)
d$w <- as.numeric(d$w)
des <- svydesign(ids = ~1, strata = ~stratum, weights = ~w, data = d)
m <- svyby(~y, ~gemeente + ageband, des, svymean, na.rm = TRUE)
ci <- svyby(~y, ~gemeente + ageband, des, svyciprop, method = "logit", vartype = "ci", na.rm = TRUE)
out <- data.frame(gemeente = m$gemeente, ageband = m$ageband, estimate = m$y, se = SE(m), ci_lower = ci$ci_l, ci_upper = ci$ci_u)
write.csv(out, args[2], row.names = FALSE)
"""


def r_available() -> bool:
    if shutil.which("Rscript") is None:
        return False
    probe = subprocess.run(["Rscript", "-e", "library(survey)"], capture_output=True, text=True)
    return probe.returncode == 0


def generate(path: Path, rows: int, seed: int) -> None:
    rng = random.Random(seed)
    with path.open("w") as out:
        out.write("id,w,stratum,gemeente,ageband," + ",".join(f"q{i}" for i in range(1, 12)) + "\n")
        for r in range(rows):
            stratum = f"S{rng.randrange(25)}"
            gemeente = f"GM{rng.randrange(13):02d}"
            ageband = rng.choice(["18-34", "35-54", "55-74", "75+"])
            weight = round(rng.lognormvariate(0, 0.7) * 40, 5)
            propensity = rng.random()
            answers = []
            for item in range(1, 12):
                if rng.random() < 0.03:
                    answers.append("")
                elif rng.random() < 0.15:
                    answers.append("min of meer")
                else:
                    lonely = rng.random() < propensity * 0.8
                    answers.append(("nee" if lonely else "ja") if item in POSITIVE else ("ja" if lonely else "nee"))
            out.write(f"r{r},{weight},{stratum},{gemeente},{ageband}," + ",".join(answers) + "\n")
        # A stratum with a single respondent (R's "certainty" rule applies).
        out.write("solo,12.5,SOLO,GM00,75+," + ",".join(["ja"] * 11) + "\n")


@pytest.mark.parametrize("indicator,threshold", [("lonely", 3), ("strongly-lonely", 9)])
def test_prevalence_agrees_with_r_survey(tmp_path: Path, indicator: str, threshold: int) -> None:
    if not r_available():
        if os.environ.get("OMZIEN_REQUIRE_R") == "1":
            pytest.fail("R with the survey package is required here (apt-get install r-base-core r-cran-survey)")
        pytest.skip("R with the survey package is not installed")
    data = tmp_path / "microdata.csv"
    generate(data, rows=24_000, seed=threshold)
    result = subprocess.run(
        [str(BINARY), "monitor", "prevalence", "--input", str(data), "--weight", "w", "--strata", "stratum",
         "--by", "gemeente,ageband", "--indicator", indicator, "--items", "q1..q11", "--min-n", "0", "--format", "json"],
        capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    ours = {(row["gemeente"], row["ageband"]): row for row in json.loads(result.stdout)}
    script = tmp_path / "reference.R"
    script.write_text(R_SCRIPT)
    reference = tmp_path / "r.csv"
    r = subprocess.run(["Rscript", str(script), str(data), str(reference), str(threshold)], capture_output=True, text=True, timeout=900)
    assert r.returncode == 0, r.stderr
    rows = list(csv.DictReader(reference.open()))
    assert len(rows) >= 50 and len(rows) == len(ours)
    for row in rows:
        mine = ours[(row["gemeente"], row["ageband"])]
        for key, tolerance in [("estimate", 1e-9), ("se", 1e-9), ("ci_lower", 1e-6), ("ci_upper", 1e-6)]:
            expected, actual = float(row[key]), float(mine[key])
            assert abs(actual - expected) <= tolerance * abs(expected), f"{row['gemeente']} {row['ageband']} {key}: {actual} vs R {expected}"

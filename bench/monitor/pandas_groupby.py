"""The near-limit reference: read the CSV and group point estimates with pandas (no standard errors)."""
import sys
import time

import numpy as np
import pandas as pd

POSITIVE = [1, 4, 7, 8, 11]
start = time.perf_counter()
d = pd.read_csv(sys.argv[1], dtype=str, keep_default_na=False)
points = []
for i in range(1, 12):
    a = d[f"q{i}"]
    lonely = (a == "nee") if i in POSITIVE else (a == "ja")
    p = np.where(a == "", np.nan, np.where(a == "min of meer", 1.0, lonely.astype(float)))
    points.append(p)
total = np.sum(points, axis=0)
d["w"] = d["w"].astype(float)
d["y"] = np.where(np.isnan(total), np.nan, (total >= 3).astype(float))
valid = d[~d["y"].isna()]
valid = valid.assign(wy=valid["w"] * valid["y"])
g = valid.groupby(["gemeente", "ageband"])[["w", "wy"]].sum()
g["estimate"] = g["wy"] / g["w"]
g.to_csv(sys.argv[2])
print(f"pandas seconds: {time.perf_counter() - start:.3f}")

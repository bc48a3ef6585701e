"""Synthetic microdata shaped like the GGD Gezondheidsmonitor: 540,000 respondents, 25 strata,
342 municipalities × 4 age bands, log-normal weights, DJG-11 answers with a few percent missing."""
import random
import sys

POSITIVE = {1, 4, 7, 8, 11}


def main(path: str, rows: int = 540_000, seed: int = 2022) -> None:
    rng = random.Random(seed)
    bands = ["18-34", "35-54", "55-74", "75+"]
    with open(path, "w") as out:
        out.write("id,w,stratum,gemeente,ageband," + ",".join(f"q{i}" for i in range(1, 12)) + "\n")
        for r in range(rows):
            gemeente = rng.randrange(342)
            stratum = gemeente % 25
            weight = round(rng.lognormvariate(0, 0.8) * 25, 4)
            propensity = rng.random()
            answers = []
            for item in range(1, 12):
                u = rng.random()
                if u < 0.03:
                    answers.append("")
                elif u < 0.18:
                    answers.append("min of meer")
                else:
                    lonely = rng.random() < propensity * 0.7
                    answers.append(("nee" if lonely else "ja") if item in POSITIVE else ("ja" if lonely else "nee"))
            out.write(f"{r},{weight},S{stratum},GM{gemeente:04d},{rng.choice(bands)}," + ",".join(answers) + "\n")


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 540_000)

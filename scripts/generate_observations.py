"""Synthetic Google Forms export of the observation-v1 lesson observation sheet (invented teachers).

    python3 scripts/generate_observations.py                     # samples/google-forms-observations.csv

Seeded: the same seed gives the same file. Headers and labels come from
seeds/instruments/observation-v1.yaml, so the export matches the instrument without mapping.
About a fifth of each institution's teachers are observed in the term, some of them twice; each
institution and teacher has a tendency of its own, so domains and institutions differ. Every
observed teacher is an invented address; the observer's role is given, the observer is not.
Only the standard library: the instrument is read line by line, not with a YAML parser.
"""
import argparse
import csv
import datetime
import pathlib
import random
import re

ROOT = pathlib.Path(__file__).resolve().parent.parent
DOMAIN = "ezerkalni-example.lv"
# Domains that are harder in practice, as the public frameworks report (differentiation, learning
# strategies lowest in ICALT studies); digital tools are often not seen in a lesson at all.
DOMAIN_SHIFT = {"climate": 0.5, "management": 0.35, "clarity": 0.3, "activating": -0.1,
                "differentiation": -0.45, "strategies": -0.4, "formative": -0.2, "digital": 0.0}
NOT_OBSERVED = {"digital": 0.25}
ROLE_WEIGHTS = [("Vadība", 0.55), ("Kolēģis", 0.2), ("Mentors", 0.1), ("Pašvaldības speciālists", 0.15)]


def instrument(path):
    """(header, grids) from the instrument: grids as (id, header, [row labels]) in order."""
    text = path.read_text(encoding="utf-8")
    items = re.split(r"\n  - id: ", text.split("\nitems:\n", 1)[1])
    headers, grids = {}, []
    for block in items:
        item_id = block.split("\n", 1)[0].replace("- id: ", "").strip()
        header = re.search(r"\n    header: (.+)", block).group(1).strip()
        rows = re.findall(r'\{ id: "\d+", lv: "([^"]+)"', block)
        if rows:
            grids.append((item_id, header, rows))
        else:
            headers[item_id] = header
    labels = dict((int(v), lv) for v, lv in re.findall(r"\{ value: (\d), lv: ([^,]+), en:", text.split("  rubric:", 1)[1]))
    return headers, grids, labels


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", default=str(ROOT / "samples" / "google-forms-observations.csv"))
    parser.add_argument("--register", default=str(ROOT / "seeds" / "institutions.csv"))
    parser.add_argument("--wave-start-year", type=int, default=2026)
    parser.add_argument("--wave-term", choices=["autumn", "spring"], default="spring")
    parser.add_argument("--share", type=float, default=0.2, help="share of each institution's teachers observed")
    parser.add_argument("--seed", type=int, default=18)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    headers, grids, labels = instrument(ROOT / "seeds" / "instruments" / "observation-v1.yaml")
    with open(args.register, encoding="utf-8") as handle:
        register = list(csv.DictReader(handle))
    learning_areas = [row["lv"] for row in csv.DictReader(open(ROOT / "seeds" / "learning_areas.csv", encoding="utf-8"))]

    if args.wave_term == "autumn":
        first, days = datetime.date(args.wave_start_year, 9, 8), 100
    else:
        first, days = datetime.date(args.wave_start_year + 1, 2, 9), 110

    columns = ["Timestamp", headers["institution"], headers["observer_role"], headers["observed_teacher"],
               headers["learning_area"], headers["observed_on"]]
    for _, header, rows in grids:
        columns += [f"{header} [{row}]" for row in rows]
    records = []
    for institution in register:
        teachers = int(institution["teachers"])
        observed = max(1, round(teachers * args.share * rng.uniform(0.5, 1.4)))
        tendency = rng.gauss(2.7, 0.3)
        for number in rng.sample(range(1, teachers + 1), min(observed, teachers)):
            person = tendency + rng.gauss(0, 0.45)
            address = f"ped{number:03d}.{institution['code'].lower()}@{DOMAIN}"
            area = rng.choice(learning_areas)
            for _ in range(2 if rng.random() < 0.15 else 1):
                day = first + datetime.timedelta(days=rng.randrange(days))
                if day.weekday() >= 5:
                    day -= datetime.timedelta(days=day.weekday() - 4)
                role = rng.choices([r for r, _ in ROLE_WEIGHTS], [w for _, w in ROLE_WEIGHTS])[0]
                stamp = datetime.datetime.combine(day, datetime.time(rng.randrange(8, 16), rng.randrange(60), rng.randrange(60)))
                row = [stamp.strftime("%Y/%m/%d %-I:%M:%S %p ") + ("EET" if day.month in (11, 12, 1, 2, 3) else "EEST"),
                       institution["name"], role, address, area, day.isoformat()]
                for grid, _, criteria in grids:
                    for _ in criteria:
                        if rng.random() < NOT_OBSERVED.get(grid, 0.04):
                            row.append(labels[0])
                            continue
                        level = round(person + DOMAIN_SHIFT[grid] + rng.gauss(0, 0.55))
                        row.append(labels[min(4, max(1, level))])
                records.append((stamp, row))
    records.sort(key=lambda record: record[0])
    with open(args.out, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\r\n")
        writer.writerow(columns)
        writer.writerows(row for _, row in records)
    print(f"{args.out}: {len(records)} observations")


if __name__ == "__main__":
    main()

"""Survey exports for the attacker (issue 13), from the sample generator's invented teachers.

    python3 e2e/attacker/make_exports.py fixtures          # rewrite e2e/attacker/fixtures/ (committed)
    python3 e2e/attacker/make_exports.py random SEED DIR   # one random register and two waves

The fixtures are the cases of issue 13: EZ01 = 4, EZ02 = 20, EZ03 = 6 respondents with the seed
register of 24 institutions in autumn, EZ01 = 6 in spring; a register of those 3 institutions.
Everything is seeded, so the same command writes the same bytes.
"""
import csv
import datetime
import importlib.util
import pathlib
import random
import sys

ROOT = pathlib.Path(__file__).resolve().parents[2]
HERE = pathlib.Path(__file__).resolve().parent
spec = importlib.util.spec_from_file_location("generate_samples", ROOT / "scripts" / "generate_samples.py")
samples = importlib.util.module_from_spec(spec)
spec.loader.exec_module(samples)

REGISTER_FIELDS = ["code", "name", "type", "teachers"]


def seed_register():
    with open(ROOT / "seeds" / "institutions.csv", encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def write_register(path, register):
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=REGISTER_FIELDS, lineterminator="\n")
        writer.writeheader()
        writer.writerows({key: row[key] for key in REGISTER_FIELDS} for row in register)


def write_export(path, register, counts, term, seed=2026, skipped=None):
    """A Google Forms export: `counts[code]` respondents per institution. `skipped` maps an
    institution code to one need area that its first respondent leaves blank (issue 13.6)."""
    instrument = samples.Instrument(ROOT / "seeds")
    generator = samples.Generator(seed, instrument, register, term)
    rng = random.Random(f"{seed}/{term}/attacker")
    people = samples.identities(sum(counts.values()), random.Random(seed))
    start = datetime.datetime(2026, 10, 5) if term == "autumn" else datetime.datetime(2027, 3, 8)
    header = instrument.header()
    need = instrument.item("need")
    rows, index = [], 0
    for institution in register:
        for number in range(counts.get(institution["code"], 0)):
            person = generator.person(index, institution)
            cells = generator.answers(institution, person)
            if skipped and skipped.get(institution["code"]) and number == 0:
                area = next(r for r in need["rows"] if r["id"] == skipped[institution["code"]])
                cells[f"{need['header']} [{area['lv']}]"] = ""
            rows.append((samples.response_moment(start, rng), people[index], cells))
            index += 1
    rows.sort(key=lambda row: row[0])
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\r\n")
        writer.writerow(header)
        for moment, email, cells in rows:
            writer.writerow([samples.google_timestamp(moment), email] + [cells[h] for h in header[2:]])


def fixtures():
    register = seed_register()
    autumn = {"EZ01": 4, "EZ02": 20, "EZ03": 6}
    spring = {"EZ01": 6, "EZ02": 20, "EZ03": 6}
    write_export(HERE / "fixtures" / "seed-register-autumn.csv", register, autumn, "autumn")
    write_export(HERE / "fixtures" / "seed-register-spring.csv", register, spring, "spring")
    three = [row for row in register if row["code"] in autumn]
    write_register(HERE / "fixtures" / "three-institutions.csv", three)
    # Issue 13.3: 30 teachers, most of them "Pedagogs"; EZ04 of 5 where one skipped an area (13.6).
    write_export(HERE / "fixtures" / "three-institutions-autumn.csv", three, {"EZ01": 4, "EZ02": 20, "EZ03": 6},
                 "autumn", seed=7)
    four = [row for row in register if row["code"] in ("EZ01", "EZ02", "EZ03", "EZ04")]
    write_register(HERE / "fixtures" / "four-institutions.csv", four)
    write_export(HERE / "fixtures" / "skipped-area-autumn.csv", four, {"EZ01": 12, "EZ02": 20, "EZ03": 9, "EZ04": 5},
                 "autumn", seed=11, skipped={"EZ04": "digital"})


def random_case(seed, directory):
    """A random register of 3–7 institutions and two waves; sizes lean small so that every rule fires."""
    rng = random.Random(f"attacker/{seed}")
    pool = seed_register()
    register = rng.sample(pool, rng.randint(3, 7))
    def sizes():
        return {row["code"]: rng.choice([0, 1, 2, 3, 4, 5, 6, 7, 9, 12, 20, 30]) for row in register}
    autumn, spring = sizes(), sizes()
    if sum(autumn.values()) < 5:
        autumn[register[0]["code"]] += 10
    if sum(spring.values()) < 5:
        spring[register[0]["code"]] += 10
    directory = pathlib.Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    write_register(directory / "register.csv", register)
    write_export(directory / "autumn.csv", register, autumn, "autumn", seed=seed)
    write_export(directory / "spring.csv", register, spring, "spring", seed=seed)
    print(f"case {seed}: autumn {autumn} spring {spring}")


if __name__ == "__main__":
    if sys.argv[1:2] == ["fixtures"]:
        fixtures()
    elif sys.argv[1:2] == ["random"]:
        random_case(int(sys.argv[2]), sys.argv[3])
    else:
        sys.exit(__doc__)

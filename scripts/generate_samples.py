"""Synthetic Google Forms exports of the needs-v1 survey (fully invented people and schools).

    python3 scripts/generate_samples.py                      # samples/google-forms-needs.csv (autumn)
    python3 scripts/generate_samples.py --wave-term spring --out samples/google-forms-needs-spring.csv
    python3 scripts/generate_samples.py --respondents 30000 --institutions 800 \\
        --out big.csv --register-out big-register.csv       # national scale

Every header and label comes from seeds/instruments/needs-v1.yaml and the seed lists, so the
export always matches the instrument. Answers hang together the way real ones do: need levels
differ by institution and area, and one latent wellbeing factor per teacher drives WHO-5, burnout
and stress, so the scales have realistic reliability.
"""
import argparse
import csv
import datetime
import math
import pathlib
import random

import yaml

ROOT = pathlib.Path(__file__).resolve().parent.parent
FIRST_NAMES = ["anna", "liga", "ilze", "inese", "kristine", "laura", "dace", "sandra", "ieva", "agnese", "zane",
               "baiba", "aija", "marta", "elina", "janis", "andris", "martins", "edgars", "juris", "peteris",
               "karlis", "raivis", "gatis", "toms", "arturs", "valdis", "ingrida", "gunta", "vita", "rita"]
SURNAMES = ["berzina", "ozola", "kalnina", "liepina", "krumina", "vitola", "jansone", "zarina", "egle", "priede",
            "berzins", "ozols", "kalnins", "liepins", "krumins", "vitols", "jansons", "zarins", "sils", "lacis",
            "abele", "rudzite", "grava", "strautina", "klavina", "celmins", "dzenis", "purmale", "vanags", "lapsa"]
COMMENTS = [
    "Būtu labi, ja kursi notiktu tuvāk mūsu skolai.",
    "Vajadzīgs vairāk laika sadarbībai ar kolēģiem.",
    "Digitālie rīki mainās ātrāk, nekā spējam apgūt.\nLūdzu praktiskas nodarbības, nevis lekcijas.",
    "Gribētu mentoru pirmajā darba gadā.",
    "Par \"iekļaujošo izglītību\" runā daudz, bet atbalsta personāla trūkst.",
    "Stundu slodze ir par lielu, lai vēl mācītos vakaros.",
    "Ļoti noderētu supervīzijas, arī grupā.",
    "Pieredzes apmaiņa ar citām skolām, lūdzu, vismaz reizi semestrī.",
    "Vecāki raksta e-klasē vēlu vakarā un gaida tūlītēju atbildi.",
    "Paldies par aptauju!",
    "Vairāk par vērtēšanu, it īpaši summatīvo,\nun par to, kā dot atgriezenisko saiti.",
    "=Lūdzu vairāk meistarklašu",
    "- mazāk administratīvā darba\n- vairāk laika stundu plānošanai",
    "Sazinieties ar mani: 26 123 456 vai metodike.test@ezerkalni-example.lv",
]


def seed_list(seeds, name):
    with open(seeds / f"{name}.csv", encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def load_instrument(seeds):
    definition = yaml.safe_load(open(seeds / "instruments" / "needs-v1.yaml", encoding="utf-8"))
    scales = {name: [o["lv"] for o in options] for name, options in definition["scales"].items()}
    items = []
    for item in definition["items"]:
        if item["type"] == "grid":
            rows = item["rows"] if isinstance(item["rows"], list) else seed_list(seeds, item["rows"])
            item = dict(item, rows=rows)
        elif item["type"] == "multi":
            item = dict(item, options=[o["lv"] for o in seed_list(seeds, item["options"])],
                        option_ids=[o["id"] for o in seed_list(seeds, item["options"])])
        items.append(item)
    return scales, items


def synthetic_register(count, rng):
    kinds = [("vidusskola", 25, 90), ("pamatskola", 10, 45), ("sākumskola", 5, 18),
             ("pirmsskolas izglītības iestāde", 8, 30), ("mūzikas skola", 8, 30), ("mākslas skola", 5, 15)]
    register = []
    for index in range(1, count + 1):
        kind, low, high = rng.choices(kinds, weights=[25, 35, 8, 22, 6, 4])[0]
        register.append({"code": f"I{index:04d}", "name": f"Iestāde {index:04d} ({kind})", "type": kind,
                         "teachers": str(rng.randint(low, high))})
    return register


class Generator:
    def __init__(self, seeds, register, rng, term):
        self.scales, self.items = load_instrument(seeds)
        self.register = register
        self.rng = rng
        self.term = term
        self.need_areas = [row["id"] for row in seed_list(seeds, "need_areas")]
        # Municipality-wide tendency per area (latent units), then a few institution hot spots.
        base = {"digital": 0.9, "inclusive": 0.8, "wellbeing": 0.6, "assessment": 0.4, "classroom": 0.4,
                "transversal": 0.3, "talented": 0.1, "methods": 0.1, "parents": 0.0, "content": -0.1,
                "mentoring": -0.2, "exams": -0.3, "multicultural": -0.7, "leadership": -0.9}
        if term == "spring":
            base["digital"] -= 0.35
            base["inclusive"] += 0.3
            base["wellbeing"] += 0.2
        self.area_base = base
        self.profiles = {}
        for institution in register:
            hot = rng.sample(self.need_areas, 2)
            self.profiles[institution["code"]] = {
                "needs": {area: rng.gauss(0, 0.35) + (1.0 if area in hot else 0) for area in self.need_areas},
                "wellbeing": rng.gauss(0, 0.45),
            }

    def pick(self, weights):
        return self.rng.choices(range(len(weights)), weights=weights)[0]

    def respondent(self, institution):
        rng = self.rng
        profile = self.profiles[institution["code"]]
        role = self.pick([85, 7, 8])
        experience = self.pick([10, 28, 30, 32])
        wellbeing = profile["wellbeing"] + rng.gauss(0, 1)
        burnout = -0.75 * wellbeing + rng.gauss(0, 0.6)
        answers = {}
        for item in self.items:
            kind, item_id = item["type"], item["id"]
            if kind == "institution":
                answers[item_id] = institution["name"]
            elif item_id == "role":
                answers[item_id] = self.scales["role"][role]
            elif item_id == "experience":
                answers[item_id] = self.scales["experience"][experience]
            elif item_id == "learning_areas":
                count = 1 if rng.random() < 0.6 else 2
                answers[item_id] = self.join(item, rng.sample(range(len(item["options"])), count))
            elif item_id == "need":
                for row in item["rows"]:
                    latent = self.area_base[row["id"]] + profile["needs"][row["id"]] + rng.gauss(0, 1.0)
                    latent += 0.4 if experience == 0 and row["id"] in ("classroom", "methods", "mentoring") else 0
                    latent += 0.6 if role == 1 and row["id"] == "leadership" else 0
                    latent += 0.3 if experience == 3 and row["id"] == "digital" else 0
                    level = 0 if latent < -0.8 else 1 if latent < 0.2 else 2 if latent < 1.1 else 3
                    answers[f"need [{row['lv']}]"] = self.blank_or(self.scales["need"][level])
            elif item_id == "support_forms":
                weights = [30, 22, 28, 10, 9, 12, 8, 20, 10, 7, 14, 6]
                answers[item_id] = self.join(item, self.choose(weights, rng.randint(1, 4)))
            elif item_id == "barriers":
                weights = [45, 15, 18, 14, 6, 12]
                answers[item_id] = self.join(item, self.choose(weights, rng.randint(1, 3)))
            elif item_id == "who5":
                for row in item["rows"]:
                    value = round(min(5, max(0, 2.7 + 1.1 * wellbeing + rng.gauss(0, 0.7))))
                    answers[f"who5 [{row['lv']}]"] = self.blank_or(self.scales["who5"][value], 0.02)
            elif item_id == "cbi":
                for row in item["rows"]:
                    shift = burnout if not row.get("reverse") else -burnout
                    index = round(min(4, max(0, 2 - 1.1 * shift + rng.gauss(0, 0.6))))
                    answers[f"{item['scale']} [{row['lv']}]"] = self.blank_or(self.scales[item["scale"]][index])
            elif item_id == "stress":
                level = round(min(3, max(0, 1.3 + 0.8 * burnout + rng.gauss(0, 0.7))))
                answers[item_id] = self.blank_or(self.scales["stress"][level])
            elif item_id == "stress_source":
                bias = {"admin": 0.5, "lessons": 0.2, "marking": 0.3, "parents": 0.1, "behaviour": 0.4, "requirements": 0.6}
                for row in item["rows"]:
                    level = round(min(3, max(0, 1.0 + bias[row["id"]] + 0.6 * burnout + rng.gauss(0, 0.8))))
                    answers[f"stress_source [{row['lv']}]"] = self.blank_or(self.scales["stress"][level])
            elif item_id == "after_hours":
                answers[item_id] = self.blank_or(self.scales["after_hours"][self.pick([8, 17, 30, 30, 15])])
            elif item_id == "comment":
                answers[item_id] = rng.choice(COMMENTS) if rng.random() < 0.15 else ""
        return answers

    def choose(self, weights, count):
        chosen = set()
        while len(chosen) < count:
            chosen.add(self.pick(weights))
        return chosen

    def join(self, item, indices):
        # Google Forms lists the chosen options in questionnaire order, joined by ", ".
        return ", ".join(item["options"][i] for i in sorted(indices))

    def blank_or(self, value, blank=0.012):
        return "" if self.rng.random() < blank else value

    def header(self):
        columns = ["Timestamp", "Email address"]
        for item in self.items:
            if item["type"] == "grid":
                columns += [f"{item['header']} [{row['lv']}]" for row in item["rows"]]
            else:
                columns.append(item["header"])
        return columns

    def row(self, timestamp, email, answers):
        cells = [timestamp, email]
        for item in self.items:
            if item["type"] == "grid":
                key = item["scale"] if item["id"] == "cbi" else item["id"]
                cells += [answers[f"{key} [{row['lv']}]"] for row in item["rows"]]
            else:
                cells.append(answers[item["id"]])
        return cells


def google_timestamp(moment):
    return f"{moment:%Y/%m/%d} {moment.hour % 12 or 12}:{moment:%M:%S} {'AM' if moment.hour < 12 else 'PM'} EET"


def identities(count, rng):
    """E-mail addresses of invented teachers; the same seed gives the same people every wave."""
    seen, people = set(), []
    while len(people) < count:
        local = f"{rng.choice(FIRST_NAMES)}.{rng.choice(SURNAMES)}"
        if local in seen:
            local = f"{local}{len(people)}"
        seen.add(local)
        people.append(f"{local}@ezerkalni-example.lv")
    return people


def write_self_assessment(path, seeds, register, generator, rng):
    """Institution-level self-assessment: each institution rates its teachers' competence per need
    area; where its need is high, its rating tends to be low."""
    labels = ["Nepietiekami", "Jāpilnveido", "Labi", "Ļoti labi"]
    areas = seed_list(seeds, "need_areas")
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter=";", lineterminator="\r\n")
        writer.writerow(["Iestāde", "Joma", "Vērtējums"])
        for institution in register:
            needs = generator.profiles[institution["code"]]["needs"]
            for area in areas:
                latent = 2.8 - 0.8 * (needs[area["id"]] + generator.area_base[area["id"]]) + rng.gauss(0, 0.5)
                writer.writerow([institution["code"], area["lv"], labels[round(min(3, max(0, latent)))]])


def write_teacher_self_assessment(path, seeds, rows, rng):
    """Teacher-level self-assessment for about a third of the respondents: their own e-mail, an
    area id and a rating 1–4, lower where they said their need is high."""
    areas = seed_list(seeds, "need_areas")
    need_levels = {label: value for value, label in enumerate(["Nav vajadzības", "Zema", "Vidēja", "Augsta"])}
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\r\n")
        writer.writerow(["E-pasts", "Joma", "Vērtējums"])
        for _, email, answers in rows[::3]:
            for area in areas:
                level = need_levels.get(answers.get(f"need [{area['lv']}]", ""))
                if level is None:
                    continue
                writer.writerow([email, area["id"], round(min(4, max(1, 4 - level + rng.gauss(0, 0.6))))])


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--respondents", type=int, help="about how many (default: by headcounts)")
    parser.add_argument("--institutions", type=int, help="synthesise a register of this many institutions")
    parser.add_argument("--register-out", help="where to write the synthesised register")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--wave-term", choices=["autumn", "spring"], default="autumn")
    parser.add_argument("--extra-columns", type=int, default=0, help="unmapped columns to add (national exports)")
    parser.add_argument("--out", default=str(ROOT / "samples" / "google-forms-needs.csv"))
    parser.add_argument("--self-assessment", help="also write institution self-ratings (1–4 labels) here")
    parser.add_argument("--teacher-self-assessment", help="also write teachers' own self-ratings (1–4) here")
    parser.add_argument("--seeds", default=str(ROOT / "seeds"))
    args = parser.parse_args()

    seeds = pathlib.Path(args.seeds)
    people_rng = random.Random(args.seed)  # identities and institutions: the same in both terms
    if args.institutions:
        register = synthetic_register(args.institutions, people_rng)
        if args.register_out:
            with open(args.register_out, "w", encoding="utf-8", newline="") as handle:
                writer = csv.DictWriter(handle, fieldnames=["code", "name", "type", "teachers"], lineterminator="\n")
                writer.writeheader()
                writer.writerows(register)
    else:
        register = list(csv.DictReader(open(seeds / "institutions.csv", encoding="utf-8", newline="")))
    teachers = sum(int(r["teachers"]) for r in register)
    scale = (args.respondents / (0.7 * teachers)) if args.respondents else 1.0
    plan = []
    for institution in register:
        headcount = int(institution["teachers"])
        count = round(headcount * people_rng.uniform(0.5, 0.9) * scale)
        if headcount < 10 and not args.institutions:
            count = min(count, 4)  # a few institutions stay under the disclosure threshold
        plan.append((institution, max(count, 1)))
    people = identities(sum(count for _, count in plan), people_rng)

    rng = random.Random(args.seed * 7 + (1 if args.wave_term == "spring" else 0))
    generator = Generator(seeds, register, rng, args.wave_term)
    start = datetime.datetime(2026, 10, 5, 8) if args.wave_term == "autumn" else datetime.datetime(2027, 3, 8, 8)
    extra = [f"Papildu jautājums {k + 1}" for k in range(args.extra_columns)]
    rows, person = [], 0
    for institution, count in plan:
        for _ in range(count):
            email = people[person]
            person += 1
            if args.wave_term == "spring" and rng.random() > 0.7:
                email = email.replace("@", f".jauns{person}@")  # a newcomer, not the autumn teacher
            moment = start + datetime.timedelta(minutes=rng.randint(0, 20 * 24 * 60), seconds=rng.randint(0, 59))
            answers = generator.respondent(institution)
            rows.append((moment, email, answers))
    # Three teachers submit twice: the later answer counts, some answers changed.
    for moment, email, answers in rng.sample(rows, 3):
        changed = dict(answers)
        changed["stress"] = generator.scales["stress"][3]
        rows.append((moment + datetime.timedelta(days=2), email, changed))
    rows.sort(key=lambda row: row[0])

    out = pathlib.Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    with open(out, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\r\n")
        writer.writerow(generator.header() + extra)
        for moment, email, answers in rows:
            writer.writerow(generator.row(google_timestamp(moment), email, answers)
                            + [str(rng.randint(1, 5)) for _ in extra])
    if args.self_assessment:
        write_self_assessment(pathlib.Path(args.self_assessment), seeds, register, generator, rng)
    if args.teacher_self_assessment:
        write_teacher_self_assessment(pathlib.Path(args.teacher_self_assessment), seeds, rows, rng)
    institutions = len({a["institution"] for _, _, a in rows})
    print(f"{out}: {len(rows)} rows ({len(rows) - 3} respondents + 3 second submissions) over {institutions} institutions")


if __name__ == "__main__":
    main()

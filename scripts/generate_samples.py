"""Synthetic Google Forms exports of the needs-v1 survey (fully invented people and schools).

    .venv/bin/python scripts/generate_samples.py                      # samples/google-forms-needs.csv (autumn)
    .venv/bin/python scripts/generate_samples.py --wave-term spring --out samples/google-forms-needs-spring.csv
    .venv/bin/python scripts/generate_samples.py --respondents 30000 --institutions 800 \\
        --out big.csv --register-out big-register.csv       # national scale

The whole samples/ folder (the other formats come from scripts/convert_samples.py):

    .venv/bin/python scripts/generate_samples.py --teacher-self-assessment samples/self-assessment-teachers.csv
    .venv/bin/python scripts/generate_samples.py --wave-term spring --out samples/google-forms-needs-spring.csv \\
        --self-assessment samples/self-assessment-spring.csv
    .venv/bin/python scripts/convert_samples.py samples/google-forms-needs.csv --out samples

`--shape municipal` writes the same answers under a municipality's own question texts (numbered,
reworded, Latvian column names for the time and e-mail, no extra columns by default) and, with
`--mapping-out`, the `columns:` mapping (item id -> header) that maps them back onto needs-v1:

    .venv/bin/python scripts/generate_samples.py --respondents 30000 --institutions 800 --shape municipal \\
        --out own.csv --register-out own-register.csv --mapping-out own-columns.yaml

Every header and label comes from seeds/instruments/needs-v1.yaml and the seed lists, so the
export always matches the instrument. Answers hang together the way real ones do: need levels
differ by institution, institution type, role, experience and person; one latent wellbeing factor
per teacher drives WHO-5, burnout and stress, so the scales have realistic reliability. The same
seed gives the same teachers and institutions in both terms, so a spring wave links to autumn.
"""
import argparse
import csv
import datetime
import pathlib
import random

import yaml

ROOT = pathlib.Path(__file__).resolve().parent.parent

# Invented people: common Latvian given names and surname stems, without diacritics as in e-mail
# addresses. Surnames carry their male and female forms.
FEMALE_NAMES = ["anna", "liga", "ilze", "inese", "kristine", "laura", "dace", "sandra", "ieva", "agnese", "zane",
                "baiba", "aija", "marta", "elina", "ingrida", "gunta", "vita", "rita", "santa", "evija", "linda",
                "madara", "signe", "daina", "iveta", "sarmite", "jolanta", "anita", "solvita"]
MALE_NAMES = ["janis", "andris", "martins", "edgars", "juris", "peteris", "karlis", "raivis", "gatis", "toms",
              "arturs", "valdis", "normunds", "aigars", "uldis"]
SURNAMES = [("berzins", "berzina"), ("ozols", "ozola"), ("kalnins", "kalnina"), ("liepins", "liepina"),
            ("krumins", "krumina"), ("vitols", "vitola"), ("jansons", "jansone"), ("zarins", "zarina"),
            ("egle", "egle"), ("priede", "priede"), ("sils", "sila"), ("lacis", "lace"), ("abele", "abele"),
            ("rudzitis", "rudzite"), ("strautins", "strautina"), ("klavins", "klavina"), ("celmins", "celmina"),
            ("dzenis", "dzene"), ("purmalis", "purmale"), ("vanags", "vanaga"), ("lapsa", "lapsa"),
            ("avotins", "avotina"), ("irbe", "irbe"), ("zvirbulis", "zvirbule"), ("skujins", "skujina"),
            ("meldris", "meldre"), ("gaiss", "gaisa"), ("roze", "roze"), ("kokins", "kokina"), ("salmins", "salmina")]
DOMAIN = "ezerkalni-example.lv"

# Ordinary comments are one or two of these sentences; some pairs go on separate lines.
COMMENT_SENTENCES = [
    "Būtu labi, ja kursi notiktu tuvāk mūsu skolai.",
    "Vajadzīgs vairāk laika sadarbībai ar kolēģiem.",
    "Digitālie rīki mainās ātrāk, nekā spējam apgūt.",
    "Lūdzu praktiskas nodarbības, nevis lekcijas.",
    "Gribētu mentoru pirmajā darba gadā.",
    "Par \"iekļaujošo izglītību\" runā daudz, bet atbalsta personāla trūkst.",
    "Stundu slodze ir par lielu, lai vēl mācītos vakaros.",
    "Ļoti noderētu supervīzijas, arī grupā.",
    "Pieredzes apmaiņa ar citām skolām, lūdzu, vismaz reizi semestrī.",
    "Vecāki raksta e-klasē vēlu vakarā un gaida tūlītēju atbildi.",
    "Paldies par aptauju!",
    "Vairāk par vērtēšanu, it īpaši summatīvo, un par to, kā dot atgriezenisko saiti.",
    "Kursi brīvdienās nav risinājums.",
    "Meistarklases ir visnoderīgākās, jo tur var uzreiz izmēģināt.",
    "Tiešsaistes kursi ir ērti, bet pietrūkst sarunu ar kolēģiem.",
    "Klasē ir trīs skolēni ar speciālām vajadzībām, un palīga skolotāja nav.",
    "Gribētu saprast, kā mākslīgo intelektu izmantot stundās \"godīgi\".",
    "Aizvietot mani kursu laikā nav kam.",
    "Administratīvais darbs aizņem vairāk laika nekā gatavošanās stundām.",
    "Labprāt vērotu kolēģu stundas citās skolās.",
]
# Cases a reader of the export must handle; each appears once, in an institution large enough for
# its comments to be shown: formula-like openings, and personal data that must be redacted.
SPECIAL_COMMENTS = [
    "=Lūdzu vairāk meistarklašu",
    "- mazāk administratīvā darba\n- vairāk laika stundu plānošanai",
    "-Vairāk prakses, mazāk teorijas.",
    "Sazinieties ar mani: 26 123 456 vai metodike.test@ezerkalni-example.lv",
]

# Municipality-wide tendency per need area, in latent units; the spring wave moves a few.
AREA_BASE = {"digital": 0.9, "inclusive": 0.8, "wellbeing": 0.6, "assessment": 0.4, "classroom": 0.4,
             "transversal": 0.3, "talented": 0.1, "methods": 0.1, "parents": 0.0, "content": -0.1,
             "mentoring": -0.2, "exams": -0.3, "multicultural": -0.7, "leadership": -0.9}
SPRING_SHIFT = {"digital": -0.35, "inclusive": 0.3, "wellbeing": 0.2}
TYPE_EFFECTS = {
    "vidusskola": {"exams": 0.6, "talented": 0.2},
    "pamatskola": {"exams": 0.2},
    "sākumskola": {"exams": -1.2, "parents": 0.2},
    "pirmsskolas izglītības iestāde": {"exams": -2.5, "talented": -0.4, "parents": 0.5, "content": 0.2},
    "mūzikas skola": {"exams": -1.8, "inclusive": -0.4, "talented": 0.6, "digital": 0.2},
    "mākslas skola": {"exams": -1.8, "inclusive": -0.4, "talented": 0.6, "digital": 0.3},
}
# Cut points turning a latent need into Nav vajadzības / Zema / Vidēja / Augsta.
NEED_CUTS = (-0.8, 0.2, 1.1)
SUPPORT_FORM_WEIGHTS = {"courses": 30, "seminars": 22, "masterclasses": 28, "mentor": 10, "learning_group": 9,
                        "cooperation_group": 12, "observation": 8, "experience_exchange": 20, "consultations": 10,
                        "supervision": 7, "online_self_study": 14, "conferences": 6}
BARRIER_WEIGHTS = {"time": 45, "cost": 15, "no_substitute": 18, "no_offer": 14, "no_employer_support": 6, "family": 12}
STRESS_SOURCE_BIAS = {"admin": 0.5, "lessons": 0.2, "marking": 0.3, "parents": 0.1, "behaviour": 0.4, "requirements": 0.6}
# Item means: people wake up rested less often than they feel cheerful; most are tired after work.
WHO5_MEANS = {"1": 3.0, "2": 2.6, "3": 2.7, "4": 2.2, "5": 2.9}
CBI_MEANS = {"1": 2.0, "2": 2.4, "3": 2.5, "4": 1.6, "5": 2.4, "6": 2.6, "7": 2.1}
CELL_BLANK = 0.01      # an occasional skipped grid row or question
WHO5_SKIPPED = 0.015   # the whole WHO-5 grid left empty


def seed_list(seeds, name):
    with open(seeds / f"{name}.csv", encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


class Instrument:
    """needs-v1 as the generator needs it: per item its rows or options, and every scale's
    labels in value order."""

    def __init__(self, seeds):
        definition = yaml.safe_load(open(seeds / "instruments" / "needs-v1.yaml", encoding="utf-8"))
        self.labels = {name: [o["lv"] for o in options] for name, options in definition["scales"].items()}
        self.items = []
        for item in definition["items"]:
            item = dict(item)
            if item["type"] == "grid" and not isinstance(item["rows"], list):
                item["rows"] = seed_list(seeds, item["rows"])
            if item["type"] == "multi":
                item["options"] = seed_list(seeds, item["options"])
            self.items.append(item)
        self.by_id = {}
        for item in self.items:
            self.by_id.setdefault(item["id"], []).append(item)

    def item(self, item_id):
        return self.by_id[item_id][0]

    def header(self):
        columns = ["Timestamp", "Email address"]
        for item in self.items:
            if item["type"] == "grid":
                columns += [f"{item['header']} [{row['lv']}]" for row in item["rows"]]
            else:
                columns.append(item["header"])
        return columns


def municipal_headers(instrument):
    """A municipality's own wording of every column: {standard header: own header} for the export
    and {item id: own header} for the pipeline's `columns:`."""
    own = {"Timestamp": "Laikspiedols", "Email address": "E-pasta adrese"}
    columns = {}
    short = {"institution": "Jūsu izglītības iestāde", "role": "Amats", "learning_areas": "Mācību joma",
             "experience": "Darba stāžs", "need": "Vajadzība", "support_forms": "Vēlamie atbalsta veidi",
             "barriers": "Kas traucē pilnveidei", "who5": "Pēdējās divās nedēļās", "cbi": "Darbs",
             "stress": "Stress darbā", "stress_source": "Stresa avots", "after_hours": "Atbildes ārpus darba laika",
             "comment": "Jūsu komentārs"}
    number = 0
    for item in instrument.items:
        if item["type"] == "grid":
            if item["id"] != "cbi" or item["rows"][0]["id"] == "1":
                number += 1
            for row in item["rows"]:
                text = f"{number}.{row['id'] if item['id'] == 'cbi' else item['rows'].index(row) + 1}. {short[item['id']]}: {row['lv']}"
                own[f"{item['header']} [{row['lv']}]"] = text
                columns[f"{item['id']}_{row['id']}"] = text
        else:
            number += 1
            own[item["header"]] = columns[item["id"]] = f"{number}. {short[item['id']]}"
    return own, columns


def synthetic_register(count, rng):
    kinds = [("vidusskola", 25, 90), ("pamatskola", 10, 45), ("sākumskola", 5, 18),
             ("pirmsskolas izglītības iestāde", 8, 30), ("mūzikas skola", 8, 30), ("mākslas skola", 5, 15)]
    register = []
    for index in range(1, count + 1):
        kind, low, high = rng.choices(kinds, weights=[25, 35, 8, 22, 6, 4])[0]
        register.append({"code": f"I{index:04d}", "name": f"Iestāde {index:04d} ({kind})", "type": kind,
                         "teachers": str(rng.randint(low, high))})
    return register


def institution_profiles(register, area_ids, rng):
    """What makes one institution differ from the next, the same in every wave."""
    profiles = {}
    for institution in register:
        needs = {area: rng.gauss(0, 0.3) for area in area_ids}
        for area, effect in TYPE_EFFECTS.get(institution["type"], {}).items():
            needs[area] += effect
        if "speciāl" in institution["name"].lower():  # a special school: inclusive education above all
            needs["inclusive"] += 1.5
        if rng.random() < 0.4:  # a hot spot: two areas where this institution needs markedly more
            for area in rng.sample(area_ids, 2):
                needs[area] += 1.2
        profiles[institution["code"]] = {"needs": needs, "wellbeing": rng.gauss(0, 0.45)}
    return profiles


class Person:
    """A teacher's stable traits, drawn from a generator of their own so that they are the same
    in every wave and independent of how many answers were drawn before."""

    def __init__(self, seed, index, institution, instrument, area_ids):
        rng = random.Random(f"{seed}/person/{index}")
        self.role = rng.choices(range(3), weights=[85, 7, 8])[0]
        self.experience = rng.choices(range(4), weights=[10, 28, 30, 32])[0]
        options = len(instrument.item("learning_areas")["options"])
        if institution["type"] in ("mūzikas skola", "mākslas skola"):
            # Both the music and the art school teach in the culture and arts area.
            arts = next(i for i, o in enumerate(instrument.item("learning_areas")["options"]) if o["id"] == "culture_arts")
            self.learning_areas = {arts} | ({rng.randrange(options)} if rng.random() < 0.15 else set())
        else:
            self.learning_areas = set(rng.sample(range(options), 1 if rng.random() < 0.6 else 2))
        self.needs = {area: rng.gauss(0, 0.7) for area in area_ids}
        self.wellbeing = rng.gauss(0, 1)


class Generator:
    def __init__(self, seed, instrument, register, term):
        self.seed = seed
        self.instrument = instrument
        self.labels = instrument.labels
        self.area_ids = [row["id"] for row in instrument.item("need")["rows"]]
        self.area_base = dict(AREA_BASE)
        if term == "spring":
            for area, shift in SPRING_SHIFT.items():
                self.area_base[area] += shift
        self.profiles = institution_profiles(register, self.area_ids, random.Random(f"{seed}/institutions"))
        self.rng = random.Random(f"{seed}/{term}")

    def person(self, index, institution):
        return Person(self.seed, index, institution, self.instrument, self.area_ids)

    def answers(self, institution, person, comment=None):
        """One response as {column header: cell text}."""
        rng, labels = self.rng, self.labels
        profile = self.profiles[institution["code"]]
        wellbeing = profile["wellbeing"] + 0.85 * person.wellbeing + rng.gauss(0, 0.5)
        burnout = -0.75 * wellbeing + rng.gauss(0, 0.6)
        cells = {}
        skip_who5 = rng.random() < WHO5_SKIPPED
        for item in self.instrument.items:
            kind, item_id, header = item["type"], item["id"], item["header"]
            if kind == "institution":
                cells[header] = institution["name"]
            elif item_id == "role":
                cells[header] = labels["role"][person.role]
            elif item_id == "experience":
                cells[header] = labels["experience"][person.experience]
            elif item_id == "learning_areas":
                cells[header] = self.join(item, person.learning_areas)
            elif item_id == "need":
                for row in item["rows"]:
                    latent = self.need_latent(row["id"], profile, person) + rng.gauss(0, 0.7)
                    level = sum(latent >= cut for cut in NEED_CUTS)
                    cells[f"{header} [{row['lv']}]"] = self.blank_or(labels["need"][level])
            elif item_id == "support_forms":
                cells[header] = self.join(item, self.choose(item, SUPPORT_FORM_WEIGHTS, rng.randint(1, 4)))
            elif item_id == "barriers":
                chosen = set() if rng.random() < 0.05 else self.choose(item, BARRIER_WEIGHTS, rng.randint(1, 3))
                cells[header] = self.join(item, chosen)
            elif item_id == "who5":
                for row in item["rows"]:
                    value = self.bounded(WHO5_MEANS[row["id"]] + 1.0 * wellbeing + rng.gauss(0, 0.95), 5)
                    cells[f"{header} [{row['lv']}]"] = "" if skip_who5 else self.blank_or(labels["who5"][value])
            elif item_id == "cbi":
                for row in item["rows"]:
                    # The scales run from 100 (first label) down to 0; item 7 asks about having
                    # energy left, so a burnt-out teacher answers it at the other end.
                    towards_100 = -burnout if row.get("reverse") else burnout
                    position = self.bounded(CBI_MEANS[row["id"]] - 1.0 * towards_100 + rng.gauss(0, 0.9), 4)
                    cells[f"{header} [{row['lv']}]"] = self.blank_or(labels[item["scale"]][position])
            elif item_id == "stress":
                level = self.bounded(1.3 + 0.8 * burnout + rng.gauss(0, 0.7), 3)
                cells[header] = self.blank_or(labels["stress"][level])
            elif item_id == "stress_source":
                for row in item["rows"]:
                    level = self.bounded(1.0 + STRESS_SOURCE_BIAS[row["id"]] + 0.6 * burnout + rng.gauss(0, 0.8), 3)
                    cells[f"{header} [{row['lv']}]"] = self.blank_or(labels["stress"][level])
            elif item_id == "after_hours":
                level = rng.choices(range(5), weights=[8, 17, 30, 30, 15])[0]
                cells[header] = self.blank_or(labels["after_hours"][level])
            elif kind == "text":
                cells[header] = comment if comment is not None else self.ordinary_comment()
        return cells

    def need_latent(self, area, profile, person):
        latent = self.area_base[area] + profile["needs"][area] + person.needs[area]
        if person.experience == 0 and area in ("classroom", "methods", "mentoring", "assessment"):
            latent += 0.5
        if person.experience == 3 and area == "digital":
            latent += 0.4
        if person.role == 1 and area in ("leadership", "mentoring"):
            latent += 1.2 if area == "leadership" else 0.4
        if person.role == 2:  # support staff: special needs and wellbeing, not exams
            latent += {"inclusive": 0.6, "wellbeing": 0.4, "exams": -1.5, "content": -0.5}.get(area, 0)
        return latent

    def ordinary_comment(self):
        rng = self.rng
        if rng.random() >= 0.14:
            return ""
        first, second = rng.sample(COMMENT_SENTENCES, 2)
        if rng.random() < 0.6:
            return first
        return f"{first}{chr(10) if rng.random() < 0.5 else ' '}{second}"

    def changed(self, cells):
        """A second submission: a few answers thought over again."""
        rng, changed = self.rng, dict(cells)
        stress = self.instrument.item("stress")["header"]
        changed[stress] = self.labels["stress"][min(3, self.labels["stress"].index(cells[stress]) + 1)
                                                if cells[stress] else 3]
        need = self.instrument.item("need")
        for row in rng.sample(need["rows"], 2):
            changed[f"{need['header']} [{row['lv']}]"] = self.labels["need"][3]
        return changed

    @staticmethod
    def bounded(value, top):
        return int(min(top, max(0, round(value))))

    def choose(self, item, weights, count):
        ids = [o["id"] for o in item["options"]]
        chosen = set()
        while len(chosen) < count:
            chosen.add(self.rng.choices(range(len(ids)), weights=[weights[i] for i in ids])[0])
        return chosen

    @staticmethod
    def join(item, indices):
        # Google Forms lists the chosen options in questionnaire order, joined by ", ".
        return ", ".join(item["options"][i]["lv"] for i in sorted(indices))

    def blank_or(self, value):
        return "" if self.rng.random() < CELL_BLANK else value


def riga_zone(moment):
    """The zone Google Forms prints for a Latvian wall-clock moment: EEST from the last Sunday of
    March to the last Sunday of October (both waves straddle a clock change), EET otherwise."""
    def last_sunday(month):
        day = datetime.datetime(moment.year, month, 31)
        return day - datetime.timedelta(days=(day.weekday() + 1) % 7)
    start = last_sunday(3).replace(hour=4)
    end = last_sunday(10).replace(hour=4)
    return "EEST" if start <= moment < end else "EET"


def google_timestamp(moment):
    hour = f"{moment.hour % 12 or 12}:{moment:%M:%S} {'AM' if moment.hour < 12 else 'PM'}"
    return f"{moment:%Y/%m/%d} {hour} {riga_zone(moment)}"


def identities(count, rng):
    """E-mail addresses of invented teachers (most of them women, as in Latvian schools); a name
    taken twice gets a number, as mail administrators do."""
    taken, people = {}, []
    while len(people) < count:
        female = rng.random() < 0.86
        given = rng.choice(FEMALE_NAMES if female else MALE_NAMES)
        surname = rng.choice(SURNAMES)[1 if female else 0]
        local = f"{given}.{surname}"
        taken[local] = taken.get(local, 0) + 1
        people.append(f"{local}{taken[local] if taken[local] > 1 else ''}@{DOMAIN}")
    return people


def response_moment(start, rng):
    """Answers come in over three weeks, mostly in the working day and the evening."""
    day = start + datetime.timedelta(days=min(20, int(rng.expovariate(1 / 5))))
    hour = rng.choices(range(24), weights=[1, 0, 0, 0, 0, 1, 2, 4, 8, 9, 9, 8, 10, 10, 11, 12, 10, 8, 7, 8, 9, 7, 4, 2])[0]
    return day.replace(hour=hour, minute=rng.randrange(60), second=rng.randrange(60))


def write_self_assessment(path, register, generator, rng):
    """Institution-level self-assessment: each institution rates its teachers' competence per need
    area; where its need is high, its rating tends to be low."""
    labels = ["Nepietiekami", "Jāpilnveido", "Labi", "Ļoti labi"]  # SPEC 4.2's rating labels, 1–4
    areas = generator.instrument.item("need")["rows"]
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter=";", lineterminator="\r\n")
        writer.writerow(["Iestāde", "Joma", "Vērtējums"])
        for institution in register:
            needs = generator.profiles[institution["code"]]["needs"]
            for area in areas:
                latent = 2.8 - 0.8 * (needs[area["id"]] + generator.area_base[area["id"]]) + rng.gauss(0, 0.5)
                writer.writerow([institution["code"], area["lv"], labels[Generator.bounded(latent, 3)]])


def write_teacher_self_assessment(path, ratings):
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\r\n")
        writer.writerow(["E-pasts", "Joma", "Vērtējums"])
        writer.writerows(ratings)


def plan_responses(register, args, rng):
    """How many teachers of each institution answer: half to nine tenths of the headcount; the
    smallest institutions of the shipped register stay under the disclosure threshold."""
    teachers = sum(int(r["teachers"]) for r in register)
    scale = (args.respondents / (0.7 * teachers)) if args.respondents else 1.0
    plan = []
    for institution in register:
        headcount = int(institution["teachers"])
        count = round(headcount * rng.uniform(0.5, 0.9) * scale)
        if headcount < 10 and not args.institutions:
            count = min(count, 4)
        plan.append((institution, max(count, 1)))
    return plan


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--respondents", type=int, help="about how many (default: 50–90 %% of each headcount)")
    parser.add_argument("--institutions", type=int, help="synthesise a register of this many institutions")
    parser.add_argument("--register-out", help="where to write the synthesised register")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--wave-term", choices=["autumn", "spring"], default="autumn")
    parser.add_argument("--extra-columns", type=int, default=0, help="unmapped columns to add (national exports)")
    parser.add_argument("--out", default=str(ROOT / "samples" / "google-forms-needs.csv"))
    parser.add_argument("--self-assessment", help="also write institution self-ratings (1–4 labels) here")
    parser.add_argument("--teacher-self-assessment", help="also write a third of the teachers' own self-ratings (1–4) here")
    parser.add_argument("--seeds", default=str(ROOT / "seeds"))
    parser.add_argument("--shape", choices=["google-forms", "municipal"], default="google-forms",
                        help="municipal: the same answers under a municipality's own column names")
    parser.add_argument("--mapping-out", help="--shape municipal: write the columns: mapping (YAML) here")
    args = parser.parse_args()

    seeds = pathlib.Path(args.seeds)
    instrument = Instrument(seeds)
    people_rng = random.Random(args.seed)  # register, headcounts and e-mails: the same in both terms
    if args.institutions:
        register = synthetic_register(args.institutions, people_rng)
        if args.register_out:
            with open(args.register_out, "w", encoding="utf-8", newline="") as handle:
                writer = csv.DictWriter(handle, fieldnames=["code", "name", "type", "teachers"], lineterminator="\n")
                writer.writeheader()
                writer.writerows(register)
    else:
        register = list(csv.DictReader(open(seeds / "institutions.csv", encoding="utf-8", newline="")))
    plan = plan_responses(register, args, people_rng)
    people = identities(sum(count for _, count in plan), people_rng)

    generator = Generator(args.seed, instrument, register, args.wave_term)
    rng = generator.rng
    # The side outputs draw from their own generator, so asking for them leaves the export as it is.
    side_rng = random.Random(f"{args.seed}/{args.wave_term}/side")
    start = datetime.datetime(2026, 10, 5) if args.wave_term == "autumn" else datetime.datetime(2027, 3, 8)

    # Who answers when. Only this light list is held; the answers are drawn while writing.
    events, index = [], 0  # (moment, person index, institution, submission number)
    for institution, count in plan:
        for _ in range(count):
            events.append((response_moment(start, rng), index, institution, 1))
            index += 1
    emails = list(people)
    if args.wave_term == "spring":
        for i in range(len(emails)):
            if rng.random() > 0.7:  # a newcomer in place of the autumn teacher
                local, domain = emails[i].split("@")
                emails[i] = f"{local}.{i}@{domain}"
    # Three teachers submit twice; the later submission counts.
    for moment, person, institution, _ in rng.sample(events, 3):
        events.append((moment + datetime.timedelta(hours=rng.randint(3, 60)), person, institution, 2))
    # The special comments go to distinct first submissions in institutions with 10+ respondents.
    planned = {institution["code"]: count for institution, count in plan}
    twice = {person for _, person, _, submission in events if submission == 2}
    large = [person for _, person, institution, submission in events
             if submission == 1 and person not in twice and planned[institution["code"]] >= 10]
    special = dict(zip(rng.sample(large, len(SPECIAL_COMMENTS)), SPECIAL_COMMENTS))
    events.sort(key=lambda event: (event[0], event[3]))

    need = instrument.item("need")
    need_value = {label: value for value, label in enumerate(instrument.labels["need"])}
    first_answers, ratings, extra = {}, [], [f"Papildu jautājums {k + 1}" for k in range(args.extra_columns)]
    header = instrument.header()
    out = pathlib.Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    with open(out, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\r\n")
        if args.shape == "municipal":
            own, columns = municipal_headers(instrument)
            writer.writerow([own[h] for h in header] + extra)
            if args.mapping_out:
                with open(args.mapping_out, "w", encoding="utf-8") as mapping:
                    mapping.writelines(f'{item}: "{text}"\n' for item, text in columns.items())
        else:
            writer.writerow(header + extra)
        for row_number, (moment, person_index, institution, submission) in enumerate(events):
            if submission == 1:
                person = generator.person(person_index, institution)
                cells = generator.answers(institution, person, special.get(person_index))
                if person_index in twice:
                    first_answers[person_index] = cells
            else:
                cells = generator.changed(first_answers[person_index])
            email = emails[person_index]
            writer.writerow([google_timestamp(moment), email] + [cells[h] for h in header[2:]]
                            + [str(side_rng.randint(1, 5)) for _ in extra])
            if args.teacher_self_assessment and row_number % 3 == 0:
                # The teacher's own rating 1–4, lower where they said their need is high.
                for area in need["rows"]:
                    level = need_value.get(cells[f"{need['header']} [{area['lv']}]"])
                    if level is not None:
                        ratings.append([email, area["id"], max(1, Generator.bounded(4 - level + side_rng.gauss(0, 0.6), 4))])
    if args.self_assessment:
        write_self_assessment(pathlib.Path(args.self_assessment), register, generator, side_rng)
    if args.teacher_self_assessment:
        write_teacher_self_assessment(pathlib.Path(args.teacher_self_assessment), ratings)
    print(f"{out}: {len(events)} rows ({index} respondents + {len(twice)} second submissions) "
          f"over {len(plan)} institutions")


if __name__ == "__main__":
    main()

"""Independent check of Stundu vērošana and the observed column of Prioritātes (SPEC 12.2, 7, 8).

Reads a Google Forms export of the observation-v1 sheet with Python's csv module, scores it from
the rule as SPEC 12.2 and the sheet's note state it, applies SPEC 8 on observed teachers, and
compares every number with the council workbook atbalsts wrote. It shares no code with the Swift
program or with the other oracles in this folder.

    .venv/bin/python e2e/oracle/observation.py --csv OBSERVATIONS.csv --seeds seeds \\
        --register REGISTER.csv --workbook BOOK.xlsx [--min-group 5] \\
        [--term WAVE=EARLIER.csv ... --term WAVE=OBSERVATIONS.csv] [--institution-workbooks WAVE=DIR]

With --term (every term in the database up to this one, oldest first, the last being --csv's),
the coverage-by-term block is checked too (observation_coverage.py); with --institution-workbooks,
every institution workbook of the wave in DIR (observation_institutions.py).

Choices this oracle makes where the rules leave room:
* an observation is weak in a domain when the mean of the criteria it rated there is below 2.5;
  "Nav novērots" and blanks are not ratings; a domain with no rating leaves the observation out;
* the observed teacher is the trimmed, case-folded e-mail or id: a teacher observed twice is one;
* SPEC 8 people are observed teachers: a share rests on the teachers with a rating in the domain,
  and its "yes" side on the teachers with at least one weak observation there;
* a need area's observed weakness pools the observations of the domains that inform it.
"""
import argparse
import csv
import math
import sys
import unicodedata

import openpyxl
import yaml

import observation_coverage
import observation_institutions

SHEET = "Stundu vērošana"
PRIORITIES = "Prioritātes"
TOLERANCE = 1e-9
# Which need areas each observation domain informs: the product's choice (SPEC 12.2), restated.
INFORMS = {"climate": ["classroom"], "management": ["classroom"], "clarity": ["methods"],
           "activating": ["methods"], "differentiation": ["inclusive", "talented"],
           "strategies": ["transversal"], "formative": ["assessment"], "digital": ["digital"]}


def plain(text):
    return " ".join(unicodedata.normalize("NFC", str(text)).split()).casefold()


def wilson(k, n, z=1.96):
    p = k / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return (0.0 if k == 0 else max(0.0, centre - half), 1.0 if k == n else min(1.0, centre + half))


def read(csv_path, seeds, register_path):
    spec = yaml.safe_load(open(f"{seeds}/instruments/observation-v1.yaml", encoding="utf-8"))
    items = {item["id"]: item for item in spec["items"]}
    rubric = {plain(o["lv"]): o["value"] for o in spec["scales"]["rubric"]}
    rubric.update({plain(o["en"]): o["value"] for o in spec["scales"]["rubric"]})
    roles = {plain(o["lv"]): o["value"] for o in spec["scales"]["observer_role"]}
    register = list(csv.DictReader(open(register_path, encoding="utf-8")))
    by_name = {plain(r["name"]): r["code"] for r in register}
    by_name.update({plain(r["code"]): r["code"] for r in register})
    grids = [(item["id"], item["header"], [row["lv"] for row in item["rows"]])
             for item in spec["items"] if item["type"] == "grid"]
    with open(csv_path, encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    header = [plain(h) for h in rows[0]]

    def column(text):
        return header.index(plain(text))

    institution = column(items["institution"]["header"])
    teacher = column(items["observed_teacher"]["header"])
    role = column(items["observer_role"]["header"])
    observations = []
    for fields in rows[1:]:
        ratings = {}
        for grid, title, criteria in grids:
            values = []
            for criterion in criteria:
                text = fields[column(f"{title} [{criterion}]")].strip()
                value = rubric.get(plain(text)) if text else None
                if value is None and text.isdigit():
                    value = int(text)
                if value:
                    values.append(value)
            ratings[grid] = values
        observations.append({"institution": by_name[plain(fields[institution])],
                             "teacher": fields[teacher].strip().casefold(),
                             "role": roles.get(plain(fields[role])), "ratings": ratings})
    return observations, register, [g for g, _, _ in grids], spec


def weak(values):
    return None if not values else sum(values) / len(values) < 2.5


def cell(observations, domains):
    n = k = 0
    teachers, weak_teachers = set(), set()
    for o in observations:
        for d in domains:
            w = weak(o["ratings"][d])
            if w is None:
                continue
            n += 1
            teachers.add(o["teacher"])
            if w:
                k += 1
                weak_teachers.add(o["teacher"])
    return {"n": n, "k": k, "teachers": len(teachers), "yes": len(weak_teachers)}


def alone(c, m):
    """SPEC 8 for a figure with no breakdown: primary, then extremes."""
    if c["teachers"] == 0:
        return "empty"
    if c["teachers"] < m:
        return "small"
    if c["teachers"] < 2 * m and c["yes"] in (0, c["teachers"]):
        return "extreme"
    return "shown"


def check_hidden_pool(values, statuses, m, where, errors, shares=True):
    """The hidden non-empty cells of a column: none, or at least two holding N teachers."""
    hidden = [v for v, s in zip(values, statuses) if s != "shown" and v["teachers"] > 0]
    if hidden and (len(hidden) < 2 or sum(v["teachers"] for v in hidden) < m):
        errors.append(f"{where}: hidden cells {[(v['teachers']) for v in hidden]} pin each other")


def mark_of(value, m):
    if isinstance(value, (int, float)):
        return "shown"
    return {f"<{m}": "small", "×": "hidden", "nav atbilžu": "empty", "no answers": "empty"}.get(value, f"?{value}")


def near(a, b):
    return isinstance(a, (int, float)) and b is not None and abs(a - b) < TOLERANCE


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--csv", required=True)
    parser.add_argument("--seeds", required=True)
    parser.add_argument("--register", required=True)
    parser.add_argument("--workbook", required=True)
    parser.add_argument("--min-group", type=int, default=5)
    parser.add_argument("--term", action="append", default=[], help="WAVE=CSV, oldest first")
    parser.add_argument("--institution-workbooks", help="WAVE=DIR: the wave's institution workbooks")
    args = parser.parse_args()
    m = args.min_group
    observations, register, domains, spec = read(args.csv, args.seeds, args.register)
    sheet = openpyxl.load_workbook(args.workbook, data_only=True)[SHEET]
    grid = {(r, c): sheet.cell(r, c).value for r in range(1, sheet.max_row + 1) for c in range(1, 30)}
    errors, checked = [], 0

    # Domains, municipality: rows whose column A is a domain id, in the upper table.
    for index, domain in enumerate(domains):
        row = 5 + index
        if grid[(row, 1)] != domain:
            errors.append(f"row {row}: expected domain {domain}, found {grid[(row, 1)]}")
            continue
        c = cell(observations, [domain])
        status = alone(c, m)
        if status == "shown":
            low, high = wilson(c["k"], c["n"])
            for column, expected in ((3, c["k"] / c["n"]), (4, low), (5, high), (6, c["n"]), (7, c["teachers"])):
                checked += 1
                if not near(grid[(row, column)], expected):
                    errors.append(f"{domain} column {column}: {grid[(row, column)]} != {expected}")
        elif mark_of(grid[(row, 3)], m) == "shown":
            errors.append(f"{domain}: shown though {status}")

    # Institutions: the lower table, rows whose column A is a register code.
    codes = {r["code"]: r for r in register}
    rows = {}
    for r in range(14, sheet.max_row + 1):
        if grid[(r, 1)] in codes:
            rows.setdefault(grid[(r, 1)], r)  # the first table; coverage by term repeats the codes
    if len(rows) != len(register):
        errors.append(f"{len(rows)} institution rows, register has {len(register)}")
    per_institution = {code: [o for o in observations if o["institution"] == code] for code in codes}
    teacher_cells = [{"teachers": len({o["teacher"] for o in per_institution[code]})} for code in codes]
    statuses = []
    for code, counts in zip(codes, teacher_cells):
        row = rows[code]
        shown = mark_of(grid[(row, 4)], m)
        statuses.append("shown" if shown == "shown" else shown)
        checked += 1
        if not near(grid[(row, 3)], int(codes[code]["teachers"])):
            errors.append(f"{code}: headcount {grid[(row, 3)]}")
        if counts["teachers"] == 0 and shown != "empty":
            errors.append(f"{code}: no observations but {grid[(row, 4)]}")
        elif 0 < counts["teachers"] < m and shown != "small":
            errors.append(f"{code}: {counts['teachers']} observed teachers shown as {grid[(row, 4)]}")
        elif shown == "shown":
            teachers = counts["teachers"]
            coverage = teachers / int(codes[code]["teachers"])
            for column, expected in ((4, len(per_institution[code])), (5, teachers), (6, coverage)):
                checked += 1
                if not near(grid[(row, column)], expected):
                    errors.append(f"{code} column {column}: {grid[(row, column)]} != {expected}")
    check_hidden_pool(teacher_cells, statuses, m, "observed teachers", errors)
    for index, domain in enumerate(domains):
        values, column_status = [], []
        for code in codes:
            row = rows[code]
            c = cell(per_institution[code], [domain])
            value = grid[(row, 7 + index)]
            status = mark_of(value, m)
            values.append(c)
            column_status.append(status)
            if status == "shown":
                checked += 1
                if c["teachers"] < m or not near(value, c["k"] / c["n"]):
                    errors.append(f"{code} {domain}: {value} != {c['k']}/{c['n']} of {c['teachers']} teachers")
                if c["teachers"] < 2 * m and c["yes"] in (0, c["teachers"]):
                    errors.append(f"{code} {domain}: all or none of under {2 * m} teachers shown")
            elif c["teachers"] == 0 and status != "empty":
                errors.append(f"{code} {domain}: {value} for no observations")
        check_hidden_pool(values, column_status, m, domain, errors)
        hidden = [v for v, s in zip(values, column_status) if s not in ("shown", "empty")]
        if hidden and len(hidden) >= 2:
            yes = sum(v["yes"] for v in hidden)
            people = sum(v["teachers"] for v in hidden)
            if yes < m - 1 or people - yes < m - 1:
                errors.append(f"{domain}: the hidden cells' weak teachers can be worked out")

    # Coverage total: every observed teacher once, over the register's headcount.
    total = next(r for r in range(14, sheet.max_row + 1) if grid[(r, 2)] in ("Novadā kopā", "Municipality total"))
    all_teachers = len({o["teacher"] for o in observations})
    headcount = sum(int(r["teachers"]) for r in register)
    for column, expected in ((3, headcount), (4, len(observations)), (5, all_teachers), (6, all_teachers / headcount)):
        checked += 1
        if not near(grid[(total, column)], expected):
            errors.append(f"total column {column}: {grid[(total, column)]} != {expected}")

    # Observers by role.
    top = next(r for r in range(total, sheet.max_row + 1) if grid[(r, 2)] in ("Vērotājs", "Observer"))
    for offset, option in enumerate(spec["scales"]["observer_role"]):
        row = top + 1 + offset
        chosen = [o for o in observations if o["role"] == option["value"]]
        teachers = len({o["teacher"] for o in chosen})
        if mark_of(grid[(row, 3)], m) == "shown":
            checked += 2
            if teachers < m or not near(grid[(row, 3)], len(chosen)) or not near(grid[(row, 4)], teachers):
                errors.append(f"role {option['lv']}: {grid[(row, 3)]}, {grid[(row, 4)]} != {len(chosen)}, {teachers}")
        elif teachers >= m and mark_of(grid[(row, 3)], m) == "small":
            errors.append(f"role {option['lv']}: {teachers} teachers marked small")

    # Prioritātes: the observed column (the last) beside each need area.
    priorities = openpyxl.load_workbook(args.workbook, data_only=True)[PRIORITIES]
    last = max(c for c in range(1, 30) if priorities.cell(4, c).value is not None)
    for row in range(5, priorities.max_row + 1):
        area = priorities.cell(row, 2).value
        if not area or priorities.cell(row, 1).value is None:
            continue
        value = priorities.cell(row, last).value
        informing = [d for d, areas in INFORMS.items() if area in areas]
        if not informing:
            if value is not None:
                errors.append(f"Prioritātes {area}: {value} though no domain informs it")
            continue
        c = cell(observations, informing)
        if alone(c, m) == "shown":
            checked += 1
            if not near(value, c["k"] / c["n"]):
                errors.append(f"Prioritātes {area}: {value} != {c['k']}/{c['n']}")
        elif mark_of(value, m) == "shown":
            errors.append(f"Prioritātes {area}: shown under the threshold")

    if args.term:
        terms = [(wave, read(path, args.seeds, args.register)[0]) for wave, path in (t.split("=", 1) for t in args.term)]
        coverage_checked, coverage_errors = observation_coverage.check(sheet, terms, register, m)
        checked += coverage_checked
        errors += coverage_errors
        # The current term's column is the institution table's coverage column, cell for cell.
        title = next((r for r in range(1, sheet.max_row + 1) if grid.get((r, 2)) in observation_coverage.TITLES), None)
        if title is None:
            print("observation oracle: no coverage-by-term title in column B", file=sys.stderr)
            sys.exit(1)
        by_term = {sheet.cell(r, 1).value: r for r in range(title + 2, title + 2 + len(register))}
        for code, row in rows.items():
            term_row = by_term.get(code, title)
            checked += 1
            if sheet.cell(term_row, 2 + len(terms)).value != grid[(row, 6)]:
                errors.append(f"{code}: coverage {grid[(row, 6)]} in the table, {sheet.cell(term_row, 2 + len(terms)).value} by term")

    books = 0
    if args.institution_workbooks:
        wave, folder = args.institution_workbooks.split("=", 1)
        institution_checked, books, institution_errors = observation_institutions.check(
            folder, wave, lambda r, c: grid.get((r, c)), rows, observations, register, domains, cell, m)
        checked += institution_checked
        errors += institution_errors

    if errors:
        print("\n".join(["observation oracle: MISMATCH"] + errors), file=sys.stderr)
        sys.exit(1)
    print(f"observation oracle: {checked} numbers agree ({len(observations)} observations"
          + (f", {books} institution workbooks)" if books else ")"))


if __name__ == "__main__":
    main()

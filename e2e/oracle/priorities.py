"""Independent pandas implementation of SPEC 7's need-area numbers for one wave (no self-assessment,
no earlier wave: gap and trend are dropped), compared cell by cell with the Prioritātes and Iestādes
sheets of the workbook atbalsts wrote.

    .venv/bin/python e2e/oracle/priorities.py --csv SAMPLE.csv --seeds seeds [--register REGISTER.csv] --workbook BOOK.xlsx
    .venv/bin/python e2e/oracle/priorities.py --csv SAMPLE.csv --seeds seeds --print     # the oracle's own tables

Definitions this oracle commits to, where SPEC 7 leaves a choice:
* the Wilson bounds at k = 0 and k = n are exactly 0 and 1;
* the score is 100·Σwc/Σw rounded half away from zero to one decimal;
* a rank is stable when its closed Wilson interval does not meet the next rank's; the last rank,
  having no next one, is compared with the rank above it; an area without answers is not stable.
"""
import argparse
import math
import pathlib
import sys
import warnings

import openpyxl

from disclosure import disclose
from needs_export import Survey, seed_list

try:
    from scipy.stats import norm
    from statsmodels.stats.proportion import proportion_confint
except ImportError:  # the cross-check is a bonus; the oracle's own formula stands alone
    proportion_confint = None

WEIGHTS = {"high_need": 0.4, "intensity": 0.2, "breadth": 0.1}
Z = 1.96
YES, NO = {"jā", "yes"}, {"nē", "no"}


def wilson(k, n, z=Z):
    if n == 0:
        return None
    p = k / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    low = 0.0 if k == 0 else max(0.0, centre - half)
    high = 1.0 if k == n else min(1.0, centre + half)
    if proportion_confint is not None:
        # statsmodels takes z from alpha; this alpha makes its z the SPEC's 1.96 instead of 1.95996….
        check_low, check_high = proportion_confint(k, n, alpha=2 * norm.sf(z), method="wilson")
        assert abs(check_low - low) < 1e-12 and abs(check_high - high) < 1e-12, (k, n, low, high, check_low, check_high)
    return low, high


def round_half_up(value):
    """One decimal, half away from zero, applied to the same double the score formula gives."""
    tenths = value * 10
    whole = math.floor(tenths)
    return (whole + (1 if tenths - whole >= 0.5 else 0)) / 10


def overlaps(a, b):
    return a[0] <= b[1] and b[0] <= a[1]


def compute(survey, min_group, threshold):
    """The Prioritātes table: one dict per need area, in rank order."""
    frame = survey.frame
    sizes = frame.groupby("institution").size()
    institutions = institution_rows(survey, sizes, min_group)
    rows = []
    for area_index, area in enumerate(survey.need_areas):
        # SPEC 7: breadth among institutions whose share of this area is published.
        eligible = [code for code in survey.register["code"]
                    if institutions[code]["area_status"][area_index] == "shown"]
        column = f"need_{area}"
        levels = frame[column].dropna()
        n, high = len(levels), int((levels == 3).sum())
        share = high / n if n else None
        intensity = levels.mean() / 3 if n else None
        per_institution = frame.dropna(subset=[column]).groupby("institution")[column].apply(lambda s: (s == 3).mean())
        breadth = (sum(1 for code in eligible if per_institution.get(code, -1) >= threshold) / len(eligible)
                   if eligible else None)
        components = [(WEIGHTS["high_need"], share), (WEIGHTS["intensity"], intensity), (WEIGHTS["breadth"], breadth)]
        present = [(w, c) for w, c in components if c is not None]
        score = round_half_up(100 * sum(w * c for w, c in present) / sum(w for w, _ in present)) if present else None
        rows.append({"area": area, "n": n, "high": high, "share": share, "ci": wilson(high, n),
                     "intensity": intensity, "breadth": breadth, "score": score})
    # Areas nobody answered have no score and no share: they go last.
    rows.sort(key=lambda r: (-(r["score"] if r["score"] is not None else -1),
                             -(r["share"] if r["share"] is not None else -1), r["area"]))
    for index, row in enumerate(rows):
        row["rank"] = index + 1
        neighbour = index + 1 if index + 1 < len(rows) else index - 1
        other = rows[neighbour]["ci"] if neighbour >= 0 else None
        row["stable"] = row["ci"] is not None and other is not None and not overlaps(row["ci"], other)
    return rows, sizes


MIN_GROUP = [5]


def institution_rows(survey, sizes, min_group):
    """The Iestādes table: per register institution its count, response rate and shares, with SPEC
    8's suppression over the institution column and over each area's column."""
    frame = survey.frame
    codes = list(survey.register["code"])
    counts = [int(sizes.get(code, 0)) for code in codes]
    rows = disclose([(count, None) for count in counts], min_group)
    answered = {code: [] for code in codes}
    highs = {code: [] for code in codes}
    for code in codes:
        members = frame[frame["institution"] == code]
        for area in survey.need_areas:
            levels = members[f"need_{area}"].dropna()
            answered[code].append(len(levels))
            highs[code].append(int((levels == 3).sum()))
    forced = [s if s in ("small", "×") else ("empty" if s == "empty" else None) for s in rows]
    columns = [disclose([(answered[c][a], highs[c][a]) for c in codes], min_group, forced)
               for a in range(len(survey.need_areas))]
    result = {}
    for index, (code, name, count, teachers) in enumerate(zip(codes, survey.register["name"], counts,
                                                               survey.register["teachers"])):
        shares = [highs[code][a] / answered[code][a] if answered[code][a] else None
                  for a in range(len(survey.need_areas))]
        result[code] = {"name": name, "status": rows[index], "n": count, "rate": count / teachers,
                        "shares": shares, "answered": answered[code],
                        "area_status": [column[index] for column in columns]}
    return result


class Comparison:
    def __init__(self):
        self.passed = self.failed = 0

    def record(self, ok, where, expected, seen):
        if ok:
            self.passed += 1
        else:
            self.failed += 1
            print(f"{where}: expected {expected!r}, workbook has {seen!r}")

    def check(self, where, expected, seen, tolerance=1e-9):
        number = lambda v: isinstance(v, (int, float)) and not isinstance(v, bool)
        ok = (expected is None and seen in (None, "")) or (
            isinstance(expected, str) and seen == expected) or (
            number(expected) and number(seen) and abs(expected - seen) <= tolerance)
        self.record(ok, where, expected, seen)

    def check_one_of(self, where, expected, seen):
        self.record(seen in expected, where, " or ".join(sorted(expected)), seen)


def find_header(sheet, column, names):
    for row in range(1, 11):
        if sheet.cell(row, column).value in names:
            return row
    raise SystemExit(f"{sheet.title}: no header row")


def shown_share(share, base):
    """0 % and 100 % in groups under 10 show as bounds (SPEC 8, issue 6)."""
    if share is None:
        return None
    if base < 10 and share == 0:
        return "<10%"
    if base < 10 and share == 1:
        return ">90%"
    return share


def sheet_named(book, names, compare):
    for name in names:
        if name in book.sheetnames:
            return book[name]
    compare.record(False, "workbook", f"a sheet named {' or '.join(names)}", book.sheetnames)
    return None


def check_priorities(sheet, rows, area_names, compare):
    top = find_header(sheet, 2, {"ID"})
    for offset, row in enumerate(rows):
        r = top + 1 + offset
        cell = lambda c: sheet.cell(r, c).value
        where = f"Prioritātes row {r} ({row['area']})"
        compare.check(f"{where} rank", row["rank"], cell(1))
        compare.check(f"{where} id", row["area"], cell(2))
        compare.check_one_of(f"{where} name", area_names[row["area"]], cell(3))
        score = cell(4)
        exact = isinstance(score, (int, float)) and row["score"] is not None and round(score, 1) == score
        compare.record(exact and abs(score - row["score"]) <= 1e-9, f"{where} score", row["score"], score)
        compare.check(f"{where} high-need share", row["share"], cell(5))
        compare.check(f"{where} Wilson low", row["ci"][0] if row["ci"] else None, cell(6))
        compare.check(f"{where} Wilson high", row["ci"][1] if row["ci"] else None, cell(7))
        compare.check(f"{where} intensity", row["intensity"], cell(8))
        compare.check(f"{where} breadth", row["breadth"], cell(9))
        compare.check(f"{where} gap (absent)", None, cell(10))
        compare.check(f"{where} trend (absent)", None, cell(11))
        compare.check(f"{where} n", row["n"], cell(12))
        compare.check_one_of(f"{where} stable", YES if row["stable"] else NO, cell(13))
    after = top + 1 + len(rows)
    compare.check(f"Prioritātes row {after}: no row beyond the {len(rows)} areas", None, sheet.cell(after, 2).value)


def check_institutions(sheet, survey, institutions, compare):
    top = find_header(sheet, 1, {"Kods", "Code"})
    areas = len(survey.need_areas)
    for offset, code in enumerate(survey.register["code"]):
        r = top + 1 + offset
        expected = institutions[code]
        where = f"Iestādes row {r} ({code})"
        compare.check(f"Iestādes row {r} code", code, sheet.cell(r, 1).value)
        compare.check(f"{where} name", expected["name"], sheet.cell(r, 2).value)
        marks = {"small": f"<{MIN_GROUP[0]}", "×": "×", "empty": "nav atbilžu"}
        if expected["status"] != "shown":
            for c in range(3, 5):
                compare.check(f"{where} column {c} hidden", marks[expected["status"]], sheet.cell(r, c).value)
        else:
            compare.check(f"{where} n", expected["n"], sheet.cell(r, 3).value)
            compare.check(f"{where} response rate", expected["rate"], sheet.cell(r, 4).value)
        for index, area in enumerate(survey.need_areas):
            status = expected["area_status"][index]
            compare.check(f"{where} {area}", expected["shares"][index] if status == "shown" else marks[status],
                          sheet.cell(r, 5 + index).value)
    after = top + 1 + len(survey.register)
    compare.check(f"Iestādes row {after}: no row beyond the register's {len(survey.register)}", None,
                  sheet.cell(after, 1).value)


def fraction(value, digits=3):
    return "—" if value is None else f"{value:.{digits}f}"


def print_tables(rows, institutions, survey, min_group):
    print(f"{'rank':>4} {'area':14} {'score':>5} {'high':>6} {'wilson 95%':>15} {'intens.':>7} {'breadth':>7} "
          f"{'n':>4} stable")
    for row in rows:
        ci = f"{row['ci'][0]:.3f}–{row['ci'][1]:.3f}" if row["ci"] else "—"
        print(f"{row['rank']:>4} {row['area']:14} {fraction(row['score'], 1):>5} {fraction(row['share']):>6} {ci:>15} "
              f"{fraction(row['intensity']):>7} {fraction(row['breadth']):>7} {row['n']:>4} "
              f"{'yes' if row['stable'] else 'no'}")
    print()
    print(f"{'code':6} {'n':>4} {'rate':>6}  high-need share: " + " ".join(f"{a[:6]:>6}" for a in survey.need_areas))
    for code, row in institutions.items():
        if row["status"] != "shown":
            print(f"{code:6} {row['status']:>4}")
            continue
        shares = [shown_share(s, base) for s, base in zip(row["shares"], row["answered"])]
        text = [s if isinstance(s, str) else fraction(s) for s in shares]
        print(f"{code:6} {row['n']:>4} {row['rate']:>6.3f}  {' ' * 17}" + " ".join(f"{t:>6}" for t in text))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--csv", required=True, help="the Google Forms export")
    parser.add_argument("--seeds", required=True, help="the seeds folder (instrument and lists)")
    parser.add_argument("--register", help="institutions register (default: SEEDS/institutions.csv)")
    parser.add_argument("--workbook", help="the council workbook to check")
    parser.add_argument("--min-group", type=int, default=5)
    parser.add_argument("--threshold", type=float, default=0.25)
    parser.add_argument("--print", action="store_true", help="print the oracle's own tables")
    args = parser.parse_args()
    if not args.workbook and not args.print:
        parser.error("give --workbook to check, or --print")

    register = args.register or str(pathlib.Path(args.seeds) / "institutions.csv")
    survey = Survey(args.csv, args.seeds, register)
    rows, sizes = compute(survey, args.min_group, args.threshold)
    institutions = institution_rows(survey, sizes, args.min_group)
    MIN_GROUP[0] = args.min_group
    if args.print:
        print_tables(rows, institutions, survey, args.min_group)
    if not args.workbook:
        return

    # openpyxl drops the data-bar and colour-scale extensions it does not model; the values stay.
    warnings.filterwarnings("ignore", category=UserWarning, module="openpyxl")
    area_names = {a["id"]: {a["lv"], a["en"]} for a in seed_list(args.seeds, "need_areas")}
    book = openpyxl.load_workbook(args.workbook, data_only=True)
    compare = Comparison()
    sheet = sheet_named(book, ["Prioritātes", "Priorities"], compare)
    if sheet is not None:
        check_priorities(sheet, rows, area_names, compare)
    sheet = sheet_named(book, ["Iestādes", "Institutions"], compare)
    if sheet is not None:
        check_institutions(sheet, survey, institutions, compare)

    print(f"priorities oracle: {compare.passed} passed, {compare.failed} failed")
    sys.exit(1 if compare.failed or compare.passed == 0 else 0)


if __name__ == "__main__":
    main()

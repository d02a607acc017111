"""Independent pandas implementation of SPEC 7's need-area numbers for one wave (no self-assessment,
no earlier wave: gap and trend are dropped), compared cell by cell with the Prioritātes and Iestādes
sheets of the workbook atbalsts wrote.

    python3 tests/oracle/priorities.py --csv SAMPLE.csv --seeds seeds --register REGISTER.csv --workbook BOOK.xlsx
"""
import argparse
import math
import sys

import openpyxl
import pandas as pd
from statsmodels.stats.proportion import proportion_confint

from needs_export import Survey

WEIGHTS = {"high_need": 0.4, "intensity": 0.2, "breadth": 0.1}


def wilson(k, n, z=1.96):
    if n == 0:
        return None
    p = k / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    low, high = (0.0 if k == 0 else centre - half), (1.0 if k == n else centre + half)
    # A second, unrelated implementation must agree.
    check_low, check_high = proportion_confint(k, n, alpha=0.05, method="wilson")
    assert abs(check_low - low) < 1e-4 and abs(check_high - high) < 1e-4, (k, n)
    return low, high


def round_half_up(value):
    return math.floor(value * 10 + 0.5) / 10


def compute(survey, min_group, threshold):
    frame = survey.frame
    sizes = frame.groupby("institution").size()
    eligible = [code for code in survey.register["code"] if sizes.get(code, 0) >= min_group]
    rows = []
    for area in survey.need_areas:
        levels = frame[f"need_{area}"].dropna()
        n, high = len(levels), int((levels == 3).sum())
        share = high / n if n else None
        intensity = levels.mean() / 3 if n else None
        per_institution = frame.groupby("institution")[f"need_{area}"].apply(lambda s: (s.dropna() == 3).mean())
        breadth = (sum(1 for code in eligible if per_institution.get(code, float("nan")) >= threshold) / len(eligible)
                   if eligible else None)
        components = [(WEIGHTS["high_need"], share), (WEIGHTS["intensity"], intensity), (WEIGHTS["breadth"], breadth)]
        present = [(w, c) for w, c in components if c is not None]
        score = round_half_up(100 * sum(w * c for w, c in present) / sum(w for w, _ in present)) if present else None
        rows.append({"area": area, "n": n, "share": share, "ci": wilson(high, n), "intensity": intensity,
                     "breadth": breadth, "score": score})
    rows.sort(key=lambda r: (-(r["score"] if r["score"] is not None else -1), -(r["share"] or -1), r["area"]))
    for index, row in enumerate(rows):
        row["rank"] = index + 1
        neighbour = rows[index + 1] if index + 1 < len(rows) else rows[index - 1] if index > 0 else None
        row["stable"] = bool(row["ci"] and neighbour and neighbour["ci"]
                             and (row["ci"][1] < neighbour["ci"][0] or neighbour["ci"][1] < row["ci"][0]))
    return rows, sizes


def institution_rows(survey, sizes, min_group):
    frame = survey.frame
    codes = list(survey.register["code"])
    counts = [int(sizes.get(code, 0)) for code in codes]
    hidden = [count < min_group for count in counts]
    if sum(hidden) == 1:  # SPEC 8 secondary suppression: the next smallest shown cell goes too
        smallest = min((i for i in range(len(codes)) if not hidden[i]), key=lambda i: counts[i], default=None)
        if smallest is not None:
            hidden[smallest] = True
    result = {}
    for code, count, is_hidden, teachers in zip(codes, counts, hidden, survey.register["teachers"]):
        members = frame[frame["institution"] == code]
        shares = []
        for area in survey.need_areas:
            levels = members[f"need_{area}"].dropna()
            shares.append((levels == 3).mean() if len(levels) else None)
        result[code] = {"hidden": is_hidden, "n": count, "rate": count / teachers, "shares": shares,
                        "answered": [len(members[f"need_{a}"].dropna()) for a in survey.need_areas]}
    return result


class Comparison:
    def __init__(self):
        self.passed = self.failed = 0

    def check(self, where, expected, seen, tolerance=1e-9):
        ok = (expected is None and seen in (None, "")) or (
            isinstance(expected, str) and seen == expected) or (
            isinstance(expected, (int, float)) and isinstance(seen, (int, float)) and abs(expected - seen) <= tolerance)
        if ok:
            self.passed += 1
        else:
            self.failed += 1
            print(f"{where}: expected {expected!r}, workbook has {seen!r}")


def find_header(sheet, column, names):
    for row in range(1, 11):
        if sheet.cell(row, column).value in names:
            return row
    raise SystemExit(f"{sheet.title}: no header row")


def shown_share(share, base):
    """0 % and 100 % in groups under 10 show as bounds (issue 6)."""
    if share is None:
        return None
    if base < 10 and share == 0:
        return "<10%"
    if base < 10 and share == 1:
        return ">90%"
    return share


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--csv", required=True)
    parser.add_argument("--seeds", required=True)
    parser.add_argument("--register", required=True)
    parser.add_argument("--workbook")
    parser.add_argument("--min-group", type=int, default=5)
    parser.add_argument("--threshold", type=float, default=0.25)
    parser.add_argument("--print", action="store_true")
    args = parser.parse_args()

    survey = Survey(args.csv, args.seeds, args.register)
    rows, sizes = compute(survey, args.min_group, args.threshold)
    if args.print or not args.workbook:
        for row in rows:
            print(f"{row['rank']:2} {row['area']:14} score {row['score']:5} high {row['share']:.3f} n {row['n']}")
        return

    book = openpyxl.load_workbook(args.workbook, data_only=True)
    compare = Comparison()
    sheet = book["Prioritātes"]
    top = find_header(sheet, 2, {"ID"})
    for offset, row in enumerate(rows):
        r = top + 1 + offset
        cell = lambda c: sheet.cell(r, c).value
        where = f"Prioritātes row {r} ({row['area']})"
        compare.check(f"{where} rank", row["rank"], cell(1))
        compare.check(f"{where} id", row["area"], cell(2))
        compare.check(f"{where} score", row["score"], cell(4), 1e-9)
        compare.check(f"{where} high-need share", row["share"], cell(5))
        compare.check(f"{where} Wilson low", row["ci"][0] if row["ci"] else None, cell(6))
        compare.check(f"{where} Wilson high", row["ci"][1] if row["ci"] else None, cell(7))
        compare.check(f"{where} intensity", row["intensity"], cell(8))
        compare.check(f"{where} breadth", row["breadth"], cell(9))
        compare.check(f"{where} gap (absent)", None, cell(10))
        compare.check(f"{where} trend (absent)", None, cell(11))
        compare.check(f"{where} n", row["n"], cell(12))
        compare.check(f"{where} stable", "jā" if row["stable"] else "nē", cell(13))

    sheet = book["Iestādes"]
    top = find_header(sheet, 1, {"Kods", "Code"})
    institutions = institution_rows(survey, sizes, args.min_group)
    for offset, code in enumerate(survey.register["code"]):
        r = top + 1 + offset
        expected = institutions[code]
        compare.check(f"Iestādes row {r} code", code, sheet.cell(r, 1).value)
        if expected["hidden"]:
            for c in range(3, 5 + len(survey.need_areas)):
                compare.check(f"Iestādes row {r} ({code}) column {c} suppressed", "<5", sheet.cell(r, c).value)
            continue
        compare.check(f"Iestādes row {r} ({code}) n", expected["n"], sheet.cell(r, 3).value)
        compare.check(f"Iestādes row {r} ({code}) response rate", expected["rate"], sheet.cell(r, 4).value)
        for index, area in enumerate(survey.need_areas):
            compare.check(f"Iestādes row {r} ({code}) {area}",
                          shown_share(expected["shares"][index], expected["answered"][index]), sheet.cell(r, 5 + index).value)

    print(f"priorities oracle: {compare.passed} passed, {compare.failed} failed")
    sys.exit(1 if compare.failed or compare.passed == 0 else 0)


if __name__ == "__main__":
    main()

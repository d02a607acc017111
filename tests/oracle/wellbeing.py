"""Independent pandas + pingouin implementation of the wellbeing numbers (SPEC 7, 8): WHO-5, CBI
work-related burnout, stress, its sources, after-hours answers, per group with the <5 rule and
secondary suppression, and Cronbach's alpha — compared with the Labbūtība, Kopsavilkums and
Metodoloģija sheets.

    python3 tests/oracle/wellbeing.py --csv SAMPLE.csv --seeds seeds --register REGISTER.csv --workbook BOOK.xlsx
"""
import argparse
import sys

import openpyxl
import pandas as pd
import pingouin

from needs_export import Survey, seed_list
from priorities import Comparison, find_header, shown_share


def scores(survey):
    frame = survey.frame.copy()
    who5 = frame[[f"who5_{i}" for i in range(1, 6)]]
    frame["who5"] = who5.sum(axis=1, min_count=5).where(who5.notna().all(axis=1)) * 4
    cbi = frame[[f"cbi_{i}" for i in range(1, 8)]].copy()
    cbi["cbi_7"] = 100 - cbi["cbi_7"]  # enough energy for family and friends: reversed
    frame["cbi"] = cbi.mean(axis=1).where(cbi.notna().sum(axis=1) >= 4)
    frame["poor"] = (frame["who5"] <= 50).where(frame["who5"].notna())
    frame["screen"] = (frame["who5"] <= 28).where(frame["who5"].notna())
    frame["high_burnout"] = (frame["cbi"] >= 50).where(frame["cbi"].notna())
    frame["stressed"] = (frame["stress"] >= 2).where(frame["stress"].notna())
    frame["after_hours_weekly"] = (frame["after_hours"] >= 3).where(frame["after_hours"].notna())
    for source in survey.stress_sources:
        column = f"stress_source_{source}"
        frame[f"source_{source}"] = (frame[column] >= 2).where(frame[column].notna())
    return frame, cbi


def measures(survey):
    """(column, is a share) in the sheet's order."""
    return ([("who5", False), ("poor", True), ("screen", True), ("cbi", False), ("high_burnout", True),
             ("stressed", True), ("after_hours_weekly", True)]
            + [(f"source_{s}", True) for s in survey.stress_sources])


def suppress(counts, min_group):
    hidden = [count < min_group for count in counts]
    if sum(hidden) == 1:
        shown = [i for i in range(len(counts)) if not hidden[i]]
        if shown:
            hidden[min(shown, key=lambda i: counts[i])] = True
    return hidden


def expected_rows(survey, frame, min_group):
    """Rows of the Labbūtība table: (section key, group key, cells) with cells per measure."""
    sections = [("total", [("", frame)])]
    sections.append(("institution", [(code, frame[frame["institution"] == code]) for code in survey.register["code"]]))
    for item, scale_values in (("role", [1, 2, 3]), ("experience", [1, 2, 3, 4])):
        sections.append((item, [(str(v), frame[frame[item] == v]) for v in scale_values]))
    sections.append(("learning_area", [(option, frame[frame[f"learning_areas__{option}"] == 1])
                                       for option in survey.options["learning_areas"]]))
    rows = []
    for name, groups in sections:
        sizes = [len(g) for _, g in groups]
        hidden = [size < min_group for size in sizes] if name == "total" else suppress(sizes, min_group)
        columns = []
        for column, is_share in measures(survey):
            counts = [0 if hidden[i] else int(g[column].notna().sum()) for i, (_, g) in enumerate(groups)]
            columns.append(suppress(counts, min_group) if name != "total" else [c < min_group for c in counts])
        for index, (key, group) in enumerate(groups):
            cells = ["<5" if hidden[index] else len(group)]
            for (column, is_share), hidden_column in zip(measures(survey), columns):
                if hidden_column[index]:
                    cells.append("<5")
                    continue
                values = group[column].dropna()
                value = values.astype(float).mean() if len(values) else None
                cells.append(shown_share(value, len(values)) if is_share else value)
            rows.append((name, key, cells))
    return rows


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--csv", required=True)
    parser.add_argument("--seeds", required=True)
    parser.add_argument("--register", required=True)
    parser.add_argument("--workbook", required=True)
    parser.add_argument("--min-group", type=int, default=5)
    args = parser.parse_args()

    survey = Survey(args.csv, args.seeds, args.register)
    frame, cbi = scores(survey)
    book = openpyxl.load_workbook(args.workbook, data_only=True)
    compare = Comparison()

    sheet = book["Labbūtība"]
    top = find_header(sheet, 1, {"Griezums"})
    for offset, (section, key, cells) in enumerate(expected_rows(survey, frame, args.min_group)):
        r = top + 1 + offset
        compare.check(f"Labbūtība row {r} key", key, sheet.cell(r, 2).value or "")
        for index, value in enumerate(cells):
            compare.check(f"Labbūtība row {r} ({section} {key}) column {index + 4}", value, sheet.cell(r, 4 + index).value)

    summary = {sheet_row[0]: sheet_row[1] for sheet_row in book["Kopsavilkums"].iter_rows(values_only=True) if sheet_row[0]}
    total = {"WHO-5 vidēji (0–100)": frame["who5"].mean(), "Zema labbūtība (WHO-5 ≤ 50)": frame["poor"].dropna().mean(),
             "Izdegšana CBI vidēji (0–100)": frame["cbi"].mean(), "Augsta izdegšana (CBI ≥ 50)": frame["high_burnout"].dropna().mean(),
             "Stress diezgan daudz vai ļoti daudz": frame["stressed"].dropna().mean()}
    for label, value in total.items():
        compare.check(f"Kopsavilkums {label}", float(value), summary.get(label))

    alphas = {
        "WHO-5 labbūtības indekss": frame[[f"who5_{i}" for i in range(1, 6)]].dropna(),
        "CBI ar darbu saistītā izdegšana": cbi.dropna(),
        "Vajadzību jomas (14)": frame[[f"need_{a}" for a in survey.need_areas]].dropna(),
    }
    methodology = {sheet_row[0]: sheet_row for sheet_row in book["Metodoloģija"].iter_rows(values_only=True) if sheet_row[0]}
    for name, data in alphas.items():
        alpha, _ = pingouin.cronbach_alpha(data=data.astype(float))
        row = methodology.get(name)
        compare.check(f"Metodoloģija {name} alpha", float(alpha), row[3] if row else None)
        compare.check(f"Metodoloģija {name} complete cases", len(data), row[2] if row else None)

    print(f"wellbeing oracle: {compare.passed} passed, {compare.failed} failed")
    sys.exit(1 if compare.failed or compare.passed == 0 else 0)


if __name__ == "__main__":
    main()

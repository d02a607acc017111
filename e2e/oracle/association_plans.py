"""Independent check of MA plāni and its follow-up (SPEC 12.1), from the export itself.

  draft:    every learning area with at least min_group_size respondents gets the rows the
            method in Metodoloģija gives (its top three needs by high-need share, then intensity;
            the two forms most preferred, grouped into lines of work); smaller ones none.
  edit:     edits a council workbook's MA plāni as a specialist would, with openpyxl (statuses
            changed, the second row deleted, a row added, columns reordered).
  followup: the next wave's MA īstenošana sheet shows exactly the edited rows with
            their statuses, and each learning area's high-need share before and now as computed
            here from the two exports (SPEC 8: at least min_group_size answers, no 0 % or 100 %
            under twice that).

    python e2e/oracle/association_plans.py draft --csv X.csv --seeds seeds --register R.csv --workbook B.xlsx
    python e2e/oracle/association_plans.py edit --workbook B.xlsx --out edited.xlsx
    python e2e/oracle/association_plans.py followup --before A.csv --now S.csv --seeds seeds --register R.csv \
        --plan edited.xlsx --workbook S.xlsx
"""
import argparse
import sys
import warnings

import openpyxl

from needs_export import Survey, seed_list

warnings.filterwarnings("ignore")

# SPEC 12.1 lines of work, and the support forms that serve each (Metodoloģija states the same).
DIRECTIONS = ["Informatīvi izglītojošais", "Pētnieciski metodiskais", "Profesionālo kompetenču pilnveide",
              "Pedagoģiskās pieredzes apmaiņa"]
FORM_DIRECTION = {
    "seminars": 0, "conferences": 0, "online_self_study": 0,
    "learning_group": 1, "cooperation_group": 1,
    "courses": 2, "masterclasses": 2, "mentor": 2, "consultations": 2, "supervision": 2,
    "experience_exchange": 3, "observation": 3,
}
HEADERS = ["Mācību joma", "Darbības virziens", "Tēma", "Vajadzības joma", "Atbalsta formas", "Laiks, vieta",
           "Atbildīgais", "Statuss", "Piezīmes"]


def labels(seeds, name):
    return {row["id"]: row["lv"] for row in seed_list(seeds, name)}


def members(frame, learning_area):
    return frame[frame[f"learning_areas__{learning_area}"] == 1]


def top_needs(group, need_areas, min_group):
    ranked = []
    for index, area in enumerate(need_areas):
        answered = group[f"need_{area}"].dropna()
        if len(answered) < min_group:
            continue
        ranked.append((-(answered == 3).sum() / len(answered), -answered.mean() / 3, index, area))
    return [area for *_, area in sorted(ranked)[:3]]


def preferred_forms(groups, options, min_group):
    """The first group (high need in the area, the learning area, everyone) in which at least
    min_group answered the forms item: its two most chosen forms, ties in questionnaire order."""
    for group in groups:
        answered = group[group[f"support_forms__{options[0]}"].notna()]
        if len(answered) >= min_group:
            counts = [(-int(answered[f"support_forms__{o}"].sum()), index, o) for index, o in enumerate(options)]
            return [o for count, _, o in sorted(counts) if count < 0][:2]
    return []


def expected_draft(survey, seeds, min_group):
    learning_areas = labels(seeds, "learning_areas")
    need_names = labels(seeds, "need_areas")
    form_names = labels(seeds, "support_forms")
    options = survey.options["support_forms"]
    frame = survey.frame
    rows, withheld = [], []
    for learning_area, name in learning_areas.items():
        group = members(frame, learning_area)
        if len(group) < min_group:
            withheld.append(name)
            continue
        actions = []
        for rank, area in enumerate(top_needs(group, survey.need_areas, min_group)):
            forms = preferred_forms([group[group[f"need_{area}"] == 3], group, frame], options, min_group)
            directions = []
            for form in forms:
                if FORM_DIRECTION[form] not in directions:
                    directions.append(FORM_DIRECTION[form])
            for direction in directions or [0]:
                chosen = [form_names[f] for f in forms if FORM_DIRECTION[f] == direction]
                actions.append((direction, rank, need_names[area], "; ".join(chosen)))
        for direction, _, need, forms in sorted(actions, key=lambda a: (a[0], a[1])):
            rows.append((name, DIRECTIONS[direction], need, forms))
    return rows, withheld


def table(sheet, first_header):
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    at = next(i for i, row in enumerate(rows) if row and row[0] == first_header)
    return rows[at], [row for row in rows[at + 1:] if row and any(cell is not None for cell in row)]


def draft(args):
    survey = Survey(args.csv, args.seeds, args.register)
    expected, withheld = expected_draft(survey, args.seeds, args.min_group)
    book = openpyxl.load_workbook(args.workbook)
    header, body = table(book["MA plāni"], "Mācību joma")
    if header != HEADERS:
        sys.exit(f"association plans: header {header}")
    shown = [(r[0], r[1], r[3], r[4] or "") for r in body if "pārnests" not in str(r[5] or "")]
    problems = [f"row {i}: workbook {s} / oracle {e}" for i, (s, e) in enumerate(zip(shown, expected)) if s != e]
    if len(shown) != len(expected):
        problems.append(f"{len(shown)} rows in the workbook, {len(expected)} computed")
    texts = [str(cell) for row in book["MA plāni"].iter_rows(values_only=True) for cell in row if cell is not None]
    for name in withheld:
        if any(name in text for text in texts):
            problems.append(f"{name}: under {args.min_group} respondents, yet named on the sheet")
    numbers = [cell for row in book["MA plāni"].iter_rows(values_only=True) for cell in row
               if isinstance(cell, (int, float))]
    if numbers:
        problems.append(f"numbers on MA plāni: {numbers[:5]}")
    for problem in problems:
        print(problem)
    print(f"association plans: {len(expected)} rows of {len(set(r[0] for r in expected))} learning areas agree "
          f"({len(withheld)} under the threshold), {len(problems)} mismatches")
    return 1 if problems else 0


def edit(args):
    book = openpyxl.load_workbook(args.workbook)
    sheet = book["MA plāni"]
    header, body = table(sheet, "Mācību joma")
    at = next(i for i, row in enumerate(sheet.iter_rows(values_only=True)) if row and row[0] == "Mācību joma")
    statuses = ["Īstenots", "Procesā", "Atcelts", "Plānots"]
    edited = []
    for number, row in enumerate(body):
        if number == 1:
            continue
        row = list(row)
        row[7] = statuses[number % 4]
        row[5] = f"2027. gada {number % 12 + 1}. mēnesis"
        row[6] = f"MA vadītāja {number}"
        edited.append(row)
    edited.append([body[0][0], "Pedagoģiskās pieredzes apmaiņa", "Atklātās stundas", "Vērtēšana", "Stundu vērošana",
                   None, "MA vadītāja 99", "Procesā", "pievienots"])
    order = [7, 3, 0, 1, 2, 4, 5, 6, 8]
    sheet.delete_rows(at + 1, sheet.max_row)
    for place, index in enumerate(order, start=1):
        sheet.cell(row=at + 1, column=place, value=header[index])
    for number, row in enumerate(edited, start=at + 2):
        for place, index in enumerate(order, start=1):
            sheet.cell(row=number, column=place, value=row[index])
    book.save(args.out)
    print(f"association plans: {len(edited)} rows edited into {args.out}")
    return 0


def share(frame, learning_area, area, min_group):
    answered = members(frame, learning_area)[f"need_{area}"].dropna()
    high = int((answered == 3).sum())
    if len(answered) < min_group or (len(answered) < 2 * min_group and high in (0, len(answered))):
        return None
    return high / len(answered)


def followup(args):
    before = Survey(args.before, args.seeds, args.register).frame
    now = Survey(args.now, args.seeds, args.register).frame
    learning_areas = {v: k for k, v in labels(args.seeds, "learning_areas").items()}
    areas = {v: k for k, v in labels(args.seeds, "need_areas").items()}
    plan = openpyxl.load_workbook(args.plan)
    header, body = table(plan["MA plāni"], "Statuss")
    column = {name: header.index(name) for name in header}
    planned = [(r[column["Mācību joma"]], r[column["Vajadzības joma"]], r[column["Statuss"]] or "Plānots",
                r[column["Atbildīgais"]]) for r in body]
    sheet = openpyxl.load_workbook(args.workbook)["MA īstenošana"]
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    problems, numbers = [], 0
    if rows[0][0] != "Metodisko apvienību plānu īstenošana" or rows[3][0] != "Vajadzības joma":
        problems.append(f"MA īstenošana opens with {rows[0][0]!r} and its header {rows[3][0]!r}")
    block = [row for row in rows[4:] if row and row[0]]
    if len(block) != len(planned):
        problems.append(f"{len(block)} rows on MA īstenošana, {len(planned)} in the edited plan")
    for row, (learning_area, need, status, responsible) in zip(block, planned):
        if (row[1], row[0], row[4], row[5]) != (learning_area, need, status, responsible):
            problems.append(f"row {(row[1], row[0], row[4], row[5])} ≠ plan {(learning_area, need, status, responsible)}")
        for cell, frame in ((row[8], before), (row[11], now)):
            expected = share(frame, learning_areas[learning_area], areas[need], args.min_group)
            numbers += 1
            if expected is None:
                if isinstance(cell, (int, float)):
                    problems.append(f"{learning_area} / {need}: {cell} shown, oracle withholds it")
            elif not isinstance(cell, (int, float)) or abs(cell - expected) > 1e-9:
                problems.append(f"{learning_area} / {need}: workbook {cell}, oracle {expected}")
    for problem in problems:
        print(problem)
    print(f"association follow-up: {len(block)} actions, {numbers} shares checked, {len(problems)} mismatches")
    return 1 if problems else 0


def main():
    parser = argparse.ArgumentParser()
    commands = parser.add_subparsers(dest="command", required=True)
    for name in ("draft", "edit", "followup"):
        command = commands.add_parser(name)
        command.add_argument("--workbook", required=True)
        command.add_argument("--seeds", default="seeds")
        command.add_argument("--register", default="seeds/institutions.csv")
        command.add_argument("--min-group", type=int, default=5)
    commands.choices["draft"].add_argument("--csv", required=True)
    commands.choices["edit"].add_argument("--out", required=True)
    for option in ("--before", "--now", "--plan"):
        commands.choices["followup"].add_argument(option, required=True)
    args = parser.parse_args()
    return {"draft": draft, "edit": edit, "followup": followup}[args.command](args)


if __name__ == "__main__":
    sys.exit(main())

"""Independent check of the wellbeing numbers (../shared/SPEC.md sections 4.3, 7 and 8).

Reads a Google Forms export of the needs-v1 survey with its own parser, scores WHO-5, CBI
work-related burnout, stress, stress sources and after-hours contact with pandas, applies the
disclosure rules, computes Cronbach's alpha with pingouin, and compares every value with the
Labbūtība, Kopsavilkums and Metodoloģija sheets of the council workbook that atbalsts wrote.
It shares no code with the Swift program or with the other oracles in this folder.

    .venv/bin/python e2e/oracle/wellbeing.py --csv SAMPLE.csv --seeds seeds --register REGISTER.csv --workbook BOOK.xlsx
    .venv/bin/python e2e/oracle/wellbeing.py --csv SAMPLE.csv --seeds seeds --register REGISTER.csv --print

Choices this oracle makes where the rules leave room:
* answer labels, institution names and option labels match after trimming and case folding;
* rows that cannot be used never take part in choosing the latest submission of an e-mail;
* submissions with equal timestamps: the later row of the file counts; no e-mail = own respondent;
* SPEC 8 puts secondary suppression on every column with a shown total, the n column too; a group
  whose n shows `<5` (for either reason) is a suppressed group: all its cells show `<5` and it
  counts as 0 in each measure column;
* PRIVACY.md ("no exact 0 % or 100 % in groups under 10") is read with the group being the people
  the share rests on (those who answered), so such a share shows as `<10%` or `>90%`.
"""
import argparse
import csv
import datetime
import math
import pathlib
import re
import sys
import unicodedata
from dataclasses import dataclass, field

import openpyxl
import pandas as pd
import pingouin
import yaml

from disclosure import disclose

BELOW_TEN_PERCENT, ABOVE_NINETY_PERCENT = "<10%", ">90%"
EXACT_EXTREME_SHARE_MINIMUM = 10
TOLERANCE = 1e-9
TIMEZONE_HOURS = {"EET": 2, "EEST": 3, "UTC": 0, "GMT": 0, "CET": 1, "CEST": 2}

SHEET_WELLBEING = "Labbūtība"
SHEET_SUMMARY = "Kopsavilkums"
SHEET_METHODOLOGY = "Metodoloģija"

BREAKDOWN_NAMES = {"total": "Novadā kopā", "institution": "Iestāde", "role": "Amats",
                   "experience": "Darba stāžs", "learning_area": "Mācību joma"}


# ---------------------------------------------------------------- instrument and seeds

def plain(text):
    return " ".join(unicodedata.normalize("NFC", str(text)).split()).casefold()


def header_key(text):
    """SPEC 4.2: headers also match when only case, spacing or diacritics differ."""
    decomposed = unicodedata.normalize("NFD", str(text))
    return plain("".join(ch for ch in decomposed if not unicodedata.combining(ch)))


def read_seed(seeds, name):
    with open(pathlib.Path(seeds) / f"{name}.csv", encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


@dataclass
class Column:
    header: str
    item_id: str
    kind: str                      # institution | choice | multi | text
    scale: dict = field(default_factory=dict)      # label -> value, for choice
    options: list = field(default_factory=list)    # (label, option id), for multi


@dataclass
class Instrument:
    columns: list
    scales: dict                   # scale name -> [(value, lv label)] in order
    options: dict                  # multi item id -> [(option id, lv label)] in seed order
    grid_rows: dict                # grid item id -> [row id] in order
    reverse_range: dict            # item id -> (min, max) of its scale, for reversed items


def load_instrument(seeds):
    seeds = pathlib.Path(seeds)
    with open(seeds / "instruments" / "needs-v1.yaml", encoding="utf-8") as handle:
        definition = yaml.safe_load(handle)
    scales = {name: [(entry["value"], entry["lv"]) for entry in entries]
              for name, entries in definition["scales"].items()}
    columns, options, grid_rows, reverse_range = [], {}, {}, {}
    for item in definition["items"]:
        kind = item["type"]
        if kind == "grid":
            rows = item["rows"] if isinstance(item["rows"], list) else read_seed(seeds, item["rows"])
            scale = scales[item["scale"]]
            for row in rows:
                item_id = f"{item['id']}_{row['id']}"
                grid_rows.setdefault(item["id"], []).append(str(row["id"]))
                columns.append(Column(f"{item['header']} [{row['lv']}]", item_id, "choice",
                                      scale={plain(label): value for value, label in scale}))
                if row.get("reverse"):
                    values = [value for value, _ in scale]
                    reverse_range[item_id] = (min(values), max(values))
        elif kind == "multi":
            seed = read_seed(seeds, item["options"])
            options[item["id"]] = [(entry["id"], entry["lv"]) for entry in seed]
            columns.append(Column(item["header"], item["id"], "multi",
                                  options=[(plain(entry["lv"]), entry["id"]) for entry in seed]))
        elif kind == "choice":
            columns.append(Column(item["header"], item["id"], "choice",
                                  scale={plain(label): value for value, label in scales[item["scale"]]}))
        else:
            columns.append(Column(item["header"], item["id"], kind))
    return Instrument(columns, scales, options, grid_rows, reverse_range)


def load_register(path):
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return [(row["code"].strip(), row["name"].strip()) for row in csv.DictReader(handle)]


# ---------------------------------------------------------------- reading the export

def google_timestamp(text):
    """`2026/10/14 9:41:07 AM EET` as UTC; None when it cannot be read."""
    match = re.fullmatch(r"\s*(\d{4}/\d{1,2}/\d{1,2} \d{1,2}:\d{2}:\d{2} [AP]M)\s*(\S*)\s*", text or "")
    if not match:
        return None
    local = datetime.datetime.strptime(match.group(1), "%Y/%m/%d %I:%M:%S %p")
    zone = match.group(2).upper()
    offset = re.fullmatch(r"(?:GMT|UTC)([+-])(\d{1,2})(?::?(\d{2}))?", zone)
    if offset:
        hours = int(offset.group(2)) + int(offset.group(3) or 0) / 60
        hours = hours if offset.group(1) == "+" else -hours
    else:
        hours = TIMEZONE_HOURS.get(zone, 0)
    return local - datetime.timedelta(hours=hours)


def split_choices(text, options):
    """Google Forms joins choices with ", " and a label may itself contain ", ": longest first.
    Returns the chosen option ids, or None when some part is no known label."""
    longest_first = sorted(options, key=lambda option: len(option[0]), reverse=True)
    rest, chosen = plain(text), set()
    while rest:
        for label, option_id in longest_first:
            if rest == label or rest.startswith(label + ", "):
                chosen.add(option_id)
                rest = rest[len(label) + 2:]
                break
        else:
            return None
    return chosen


def find_column(header, wanted):
    exact = [i for i, text in enumerate(header) if text.strip() == wanted.strip()]
    if exact:
        return exact[0]
    loose = [i for i, text in enumerate(header) if header_key(text) == header_key(wanted)]
    return loose[0] if loose else None


def read_export(csv_path, instrument, register):
    """Accepted, current responses: one row per respondent, one column per item (numbers),
    `institution` as register code, `learning_areas__<id>` as True/False."""
    code_by_name = {plain(name): code for code, name in register}
    with open(csv_path, encoding="utf-8-sig", newline="") as handle:
        lines = list(csv.reader(handle))
    header, body = lines[0], lines[1:]
    time_at = find_column(header, "Timestamp")
    email_at = find_column(header, "Email address")
    positions = {column.item_id: find_column(header, column.header) for column in instrument.columns}

    records, quarantined = [], []
    for line_number, fields in enumerate(body, start=2):
        if not fields:
            continue
        reason = None if len(fields) == len(header) else f"{len(fields)} fields, header has {len(header)}"
        record = {"_line": line_number}
        for column in instrument.columns:
            if reason:
                break
            at = positions[column.item_id]
            text = fields[at] if at is not None else ""
            if column.kind == "institution":
                record["institution"] = code_by_name.get(plain(text))
                if record["institution"] is None:
                    reason = f"unknown institution {text!r}"
            elif column.kind == "choice":
                if text.strip() == "":
                    record[column.item_id] = math.nan
                elif plain(text) in column.scale:
                    record[column.item_id] = float(column.scale[plain(text)])
                else:
                    reason = f"unknown answer {text!r} in {column.item_id}"
            elif column.kind == "multi":
                chosen = split_choices(text, column.options)
                if chosen is None:
                    reason = f"unknown option in {column.item_id}: {text!r}"
                    continue
                for _, option_id in column.options:
                    record[f"{column.item_id}__{option_id}"] = option_id in chosen
        if reason:
            quarantined.append((line_number, reason))
            continue
        email = fields[email_at].strip().lower() if email_at is not None else ""
        record["_respondent"] = email or f"(no e-mail, line {line_number})"
        record["_time"] = google_timestamp(fields[time_at]) if time_at is not None else None
        records.append(record)

    frame = pd.DataFrame.from_records(records)
    frame["_time"] = pd.to_datetime(frame["_time"])
    frame = frame.sort_values(["_time", "_line"], na_position="first", kind="stable")
    current = frame.drop_duplicates("_respondent", keep="last").sort_values("_line")
    return current.reset_index(drop=True), quarantined, len(frame) - len(current)


# ---------------------------------------------------------------- scores

@dataclass
class Measure:
    column: str                    # in the scored frame
    title: str
    is_share: bool


def score(frame, instrument):
    """Adds the per-respondent scores; a share's flag is NaN where its base answer is blank."""
    scored = frame.copy()

    who5 = scored[[f"who5_{row}" for row in instrument.grid_rows["who5"]]]
    scored["who5_index"] = (who5.sum(axis=1) * 4).where(who5.notna().all(axis=1))

    cbi = cbi_items(scored, instrument)
    scored["cbi_score"] = cbi.mean(axis=1).where(cbi.notna().sum(axis=1) >= 4)

    def flag(values, condition):
        return condition.astype(float).where(values.notna())

    scored["who5_poor"] = flag(scored["who5_index"], scored["who5_index"] <= 50)
    scored["who5_screen"] = flag(scored["who5_index"], scored["who5_index"] <= 28)
    scored["cbi_high"] = flag(scored["cbi_score"], scored["cbi_score"] >= 50)
    scored["stressed"] = flag(scored["stress"], scored["stress"] >= 2)
    scored["after_hours_weekly"] = flag(scored["after_hours"], scored["after_hours"] >= 3)
    for source in instrument.grid_rows["stress_source"]:
        answer = scored[f"stress_source_{source}"]
        scored[f"stress_from_{source}"] = flag(answer, answer >= 2)
    return scored


def cbi_items(frame, instrument):
    items = frame[[f"cbi_{row}" for row in instrument.grid_rows["cbi"]]].copy()
    for item_id, (low, high) in instrument.reverse_range.items():
        if item_id in items:
            items[item_id] = low + high - items[item_id]
    return items


def measures(instrument):
    """The measure columns of Labbūtība, E onwards, in sheet order."""
    fixed = [Measure("who5_index", "WHO-5 mean", False), Measure("who5_poor", "share WHO-5 ≤ 50", True),
             Measure("who5_screen", "share WHO-5 ≤ 28", True), Measure("cbi_score", "CBI mean", False),
             Measure("cbi_high", "share CBI ≥ 50", True), Measure("stressed", "share stressed", True),
             Measure("after_hours_weekly", "share after hours weekly", True)]
    return fixed + [Measure(f"stress_from_{source}", f"share stressed by {source}", True)
                    for source in instrument.grid_rows["stress_source"]]


# ---------------------------------------------------------------- groups and disclosure

@dataclass
class Row:
    breakdown: str
    key: str
    label: str
    n: object
    cells: list                    # per measure: float, None (no data) or a text such as "<5"


def breakdowns(frame, instrument, register):
    """(breakdown, [(key, label, members)]) in sheet order."""
    yield "total", [("", None, frame)]
    yield "institution", [(code, name, frame[frame["institution"] == code]) for code, name in register]
    for item in ("role", "experience"):
        yield item, [(str(value), label, frame[frame[item] == value]) for value, label in instrument.scales[item]]
    yield "learning_area", [(option_id, label, frame[frame[f"learning_areas__{option_id}"]])
                            for option_id, label in instrument.options["learning_areas"]]


def wellbeing_table(frame, instrument, register, min_group):
    marks = {"small": f"<{min_group}", "×": "×", "empty": "nav atbilžu"}  # SPEC 8: the threshold itself
    table = []
    for breakdown, groups in breakdowns(frame, instrument, register):
        rows = disclose([(len(members), None) for _, _, members in groups], min_group)
        forced = [s if s in ("small", "×", "empty") else None for s in rows]
        per_measure = []
        for measure in measures(instrument):
            cells = []
            for _, _, members in groups:
                values = members[measure.column].dropna()
                cells.append((len(values), int(round(values.sum())) if measure.is_share else None))
            per_measure.append(disclose(cells, min_group, forced))
        for index, (key, label, members) in enumerate(groups):
            cells = []
            for measure, status in zip(measures(instrument), per_measure):
                values = members[measure.column].dropna()
                if status[index] != "shown":
                    cells.append(marks[status[index]])
                else:
                    cells.append(float(values.mean()))
            table.append(Row(breakdown, key, label, len(members) if rows[index] == "shown" else marks[rows[index]], cells))
    return table


def shown_share(share, answered):
    """PRIVACY.md: 0 % or 100 % of fewer than 10 people would describe every one of them."""
    if answered < EXACT_EXTREME_SHARE_MINIMUM and share in (0.0, 1.0):
        return BELOW_TEN_PERCENT if share == 0.0 else ABOVE_NINETY_PERCENT
    return share


def alphas(frame, instrument):
    """Scale name in Metodoloģija -> (items, complete cases, alpha)."""
    scales = {
        "WHO-5 labbūtības indekss": frame[[f"who5_{row}" for row in instrument.grid_rows["who5"]]],
        "CBI ar darbu saistītā izdegšana": cbi_items(frame, instrument),
    }  # SPEC 7: the need areas are no scale, so Metodoloģija shows no alpha for them
    result = {}
    for name, items in scales.items():
        complete = items.dropna()
        alpha = math.nan
        if len(complete) >= 2:
            alpha, _ = pingouin.cronbach_alpha(data=complete, nan_policy="listwise")
        result[name] = (items.shape[1], len(complete), float(alpha))
    return result


SUMMARY_LABELS = {"WHO-5 vidēji (0–100)": "who5_index", "Zema labbūtība (WHO-5 ≤ 50)": "who5_poor",
                  "Izdegšana CBI vidēji (0–100)": "cbi_score", "Augsta izdegšana (CBI ≥ 50)": "cbi_high",
                  "Stress diezgan daudz vai ļoti daudz": "stressed"}


def summary_values(table, instrument):
    total = table[0]
    position = {measure.column: index for index, measure in enumerate(measures(instrument))}
    return {label: total.cells[position[column]] for label, column in SUMMARY_LABELS.items()}


# ---------------------------------------------------------------- comparison with the workbook

class Comparison:
    def __init__(self):
        self.passed = 0
        self.failed = 0

    def fail(self, where, message):
        self.failed += 1
        print(f"MISMATCH {where}: {message}")

    def same(self, where, expected, seen):
        if matches(expected, seen):
            self.passed += 1
        else:
            self.fail(where, f"oracle {show(expected)}, workbook {show(seen)}")


def is_number(value):
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def matches(expected, seen):
    if expected is None or (isinstance(expected, float) and math.isnan(expected)):
        return seen is None or seen == "" or (isinstance(seen, float) and math.isnan(seen))
    if isinstance(expected, str):
        return isinstance(seen, str) and seen.strip() == expected
    return is_number(seen) and abs(float(seen) - float(expected)) <= TOLERANCE


def show(value):
    if isinstance(value, str):
        return repr(value)
    if value is None:
        return "empty"
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return repr(int(value))
    return repr(value)


def text_of(value):
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def compare_wellbeing(sheet, table, instrument, compare):
    header_row = next((r for r in range(1, 11) if text_of(sheet.cell(r, 1).value) == "Griezums"), None)
    if header_row is None:
        compare.fail(SHEET_WELLBEING, "no row with 'Griezums' in column A within the first 10 rows")
        return
    sheet_rows = []
    r = header_row + 1
    while text_of(sheet.cell(r, 1).value):
        sheet_rows.append(r)
        r += 1
    if len(sheet_rows) != len(table):
        compare.fail(SHEET_WELLBEING, f"oracle has {len(table)} data rows, workbook {len(sheet_rows)}")
    else:
        compare.passed += 1

    titles = [measure.title for measure in measures(instrument)]
    for expected, r in zip(table, sheet_rows):
        cell = lambda column: sheet.cell(r, column).value
        name = f"{BREAKDOWN_NAMES[expected.breakdown]} {expected.key}".strip()
        compare.same(f"{SHEET_WELLBEING} A{r} (breakdown)", BREAKDOWN_NAMES[expected.breakdown], text_of(cell(1)))
        compare.same(f"{SHEET_WELLBEING} B{r} (group key)", expected.key, text_of(cell(2)))
        if expected.label is not None:
            compare.same(f"{SHEET_WELLBEING} C{r} (group label)", expected.label, text_of(cell(3)))
        compare.same(f"{SHEET_WELLBEING} D{r} ({name}, n)", expected.n, cell(4))
        for offset, (value, title) in enumerate(zip(expected.cells, titles)):
            column = 5 + offset
            letter = column_letter(column)
            compare.same(f"{SHEET_WELLBEING} {letter}{r} ({name}, {title})", value, cell(column))


def column_letter(number):
    letters = ""
    while number:
        number, remainder = divmod(number - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


def compare_summary(sheet, expected, compare):
    found = {}
    for row in sheet.iter_rows(min_col=1, max_col=2):
        label = text_of(row[0].value)
        if label in expected and label not in found:
            found[label] = (row[1].coordinate, row[1].value)
    for label, value in expected.items():
        if label not in found:
            compare.fail(f"{SHEET_SUMMARY} '{label}'", "row not found in column A")
            continue
        coordinate, seen = found[label]
        compare.same(f"{SHEET_SUMMARY} {coordinate} ({label})", value, seen)


def compare_methodology(sheet, expected, compare):
    header_row = next((row[0].row for row in sheet.iter_rows(min_col=4, max_col=4)
                       if text_of(row[0].value) == "Alfa"), None)
    if header_row is None:
        compare.fail(SHEET_METHODOLOGY, "no header row with 'Alfa' in column D")
        return
    rows = {}
    for r in range(header_row + 1, sheet.max_row + 1):
        name = text_of(sheet.cell(r, 1).value)
        if name in expected and name not in rows:
            rows[name] = r
    for r in range(header_row + 1, sheet.max_row + 1):
        if text_of(sheet.cell(r, 1).value).startswith("Vajadzību jomas"):
            compare.fail(f"{SHEET_METHODOLOGY} A{r}", "an alpha for the need areas, which are no scale (SPEC 7)")
    for name, (items, complete, alpha) in expected.items():
        if name not in rows:
            compare.fail(f"{SHEET_METHODOLOGY} '{name}'", "row not found below the Alfa header")
            continue
        r = rows[name]
        compare.same(f"{SHEET_METHODOLOGY} B{r} ({name}, items)", items, sheet.cell(r, 2).value)
        compare.same(f"{SHEET_METHODOLOGY} C{r} ({name}, complete cases)", complete, sheet.cell(r, 3).value)
        compare.same(f"{SHEET_METHODOLOGY} D{r} ({name}, alpha)", alpha, sheet.cell(r, 4).value)


# ---------------------------------------------------------------- printing

def print_everything(table, instrument, alpha_rows, summary, quarantined, superseded, respondents):
    print(f"respondents {respondents}, quarantined rows {len(quarantined)}, superseded submissions {superseded}")
    for line, reason in quarantined:
        print(f"  quarantined line {line}: {reason}")
    titles = ["n"] + [measure.title for measure in measures(instrument)]
    print("\t".join(["breakdown", "key"] + titles))
    for row in table:
        cells = [row.n] + row.cells
        shown = [f"{value:.6f}" if isinstance(value, float) else "" if value is None else str(value) for value in cells]
        print("\t".join([BREAKDOWN_NAMES[row.breakdown], row.key] + shown))
    print()
    for name, (items, complete, alpha) in alpha_rows.items():
        print(f"alpha\t{name}\titems {items}\tcomplete cases {complete}\talpha {alpha:.12f}")
    for label, value in summary.items():
        print(f"summary\t{label}\t{value}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--csv", required=True, help="Google Forms export of the needs-v1 survey")
    parser.add_argument("--seeds", required=True, help="the seeds folder (instrument and seed lists)")
    parser.add_argument("--register", required=True, help="institutions register CSV (code,name,type,teachers)")
    parser.add_argument("--workbook", help="council workbook to check")
    parser.add_argument("--min-group", type=int, default=5)
    parser.add_argument("--print", action="store_true", help="print the oracle's own numbers")
    args = parser.parse_args()
    if not args.workbook and not args.print:
        parser.error("give --workbook, --print or both")

    instrument = load_instrument(args.seeds)
    register = load_register(args.register)
    responses, quarantined, superseded = read_export(args.csv, instrument, register)
    scored = score(responses, instrument)
    table = wellbeing_table(scored, instrument, register, args.min_group)
    alpha_rows = alphas(scored, instrument)
    summary = summary_values(table, instrument)

    if args.print:
        print_everything(table, instrument, alpha_rows, summary, quarantined, superseded, len(scored))
    if not args.workbook:
        return

    book = openpyxl.load_workbook(args.workbook, data_only=True)
    compare = Comparison()
    checks = [(SHEET_WELLBEING, lambda sheet: compare_wellbeing(sheet, table, instrument, compare)),
              (SHEET_SUMMARY, lambda sheet: compare_summary(sheet, summary, compare)),
              (SHEET_METHODOLOGY, lambda sheet: compare_methodology(sheet, alpha_rows, compare))]
    for name, check in checks:
        if name in book.sheetnames:
            check(book[name])
        else:
            compare.fail(name, "sheet missing")
    print(f"wellbeing oracle: {compare.passed} passed, {compare.failed} failed")
    sys.exit(1 if compare.failed or not compare.passed else 0)


if __name__ == "__main__":
    main()

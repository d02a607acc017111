"""Writes a Google Forms needs export again as every other export atbalsts reads (SPEC 4.1):
Microsoft Forms, LimeSurvey (codes, and full texts), an Excel re-save on Latvian Windows
(semicolons, Windows-1257, dd.mm.yyyy), Excel "Unicode text" (UTF-16LE, tabs) and a generic
pipe-separated CSV. The same respondents give the same answers in every file, so a test can
import each and expect the numbers of the original.

    .venv/bin/python scripts/convert_samples.py samples/google-forms-needs.csv --out samples
"""
import argparse
import csv
import datetime
import io
import pathlib
import unicodedata

import yaml

ROOT = pathlib.Path(__file__).resolve().parent.parent


def seed_list(seeds, name):
    with open(seeds / f"{name}.csv", encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


class Instrument:
    """The columns of needs-v1 in export order, with their LimeSurvey codes."""

    def __init__(self, seeds):
        definition = yaml.safe_load(open(seeds / "instruments" / "needs-v1.yaml", encoding="utf-8"))
        self.scales = {name: [(o["value"], o["lv"]) for o in options] for name, options in definition["scales"].items()}
        self.columns = []  # dicts: header, kind, code, scale, options, row_label
        for item in definition["items"]:
            kind = item["type"]
            if kind == "grid":
                rows = item["rows"] if isinstance(item["rows"], list) else seed_list(seeds, item["rows"])
                for index, row in enumerate(rows, 1):
                    self.columns.append({
                        "header": f"{item['header']} [{row['lv']}]", "kind": "scaled", "scale": item["scale"],
                        "code": f"{item['code']}[SQ{index:03d}]", "row_label": row["lv"], "question": item["header"],
                    })
            elif kind == "multi":
                options = [o["lv"] for o in seed_list(seeds, item["options"])]
                self.columns.append({"header": item["header"], "kind": "multi", "options": options, "code": item["code"]})
            elif kind == "choice":
                self.columns.append({"header": item["header"], "kind": "scaled", "scale": item["scale"], "code": item["code"]})
            else:
                self.columns.append({"header": item["header"], "kind": kind, "code": item["code"]})

    def chosen(self, column, text):
        """Google Forms joins choices with ", " and a label may contain ", ": longest first."""
        options = sorted(column["options"], key=len, reverse=True)
        chosen, rest = set(), text.strip()
        while rest:
            match = next((o for o in options if rest.startswith(o) and (len(rest) == len(o) or rest[len(o):].startswith(", "))), None)
            if match is None:
                return None
            chosen.add(match)
            rest = rest[len(match):].removeprefix(", ")
        return [o for o in column["options"] if o in chosen]

    def answer_code(self, column, label):
        labels = [text for _, text in self.scales[column["scale"]]]
        return f"A{labels.index(label) + 1}" if label in labels else label


def google_time(text):
    return datetime.datetime.strptime(text.rsplit(" ", 1)[0], "%Y/%m/%d %I:%M:%S %p")


def read_google(path, instrument):
    with open(path, encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    header, body = rows[0], rows[1:]
    expected = ["Timestamp", "Email address"] + [c["header"] for c in instrument.columns]
    if header != expected:
        raise SystemExit(f"{path}: not a needs-v1 Google Forms export")
    complete = [row for row in body if len(row) == len(header)]
    return complete, len(body) - len(complete)


def write_csv(path, rows, delimiter=",", encoding="utf-8", newline="\r\n"):
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator=newline).writerows(rows)
    data = buffer.getvalue()
    if encoding == "utf-16-le":
        path.write_bytes(b"\xff\xfe" + data.encode("utf-16-le"))
    else:
        path.write_bytes(data.encode(encoding))  # strict: a character the code page lacks is an error


def display_name(email):
    local = email.split("@")[0]
    return " ".join(part.capitalize() for part in local.replace("_", ".").split("."))


def ms_forms(rows, instrument, register):
    header = ["ID", "Start time", "Completion time", "Email", "Name", "Last modified time"]
    # Likert rows are headed by the statement alone.
    header += [c.get("row_label", c["header"]) for c in instrument.columns]
    out = [header]
    for number, row in enumerate(rows, 1):
        finished = google_time(row[0])
        started = finished - datetime.timedelta(minutes=7)
        stamp = lambda t: f"{t.month}/{t.day}/{t.strftime('%y')} {t.hour}:{t.strftime('%M:%S')}"
        email = row[1].strip()
        cells = [str(number), stamp(started), stamp(finished), email or "anonymous", display_name(email) if email else "", ""]
        for column, value in zip(instrument.columns, row[2:]):
            if column["kind"] == "multi" and value:
                chosen = instrument.chosen(column, value)
                value = "".join(f"{o};" for o in chosen) if chosen is not None else value
            cells.append(value)
        out.append(cells)
    return out


def limesurvey(rows, instrument, register, codes, incomplete):
    by_name = {r["name"].casefold(): r["code"] for r in register}
    header = ["id", "submitdate", "lastpage", "startlanguage", "seed", "email"] if codes else \
        ["Response ID", "Date submitted", "Last page", "Start language", "Seed", "Email address"]
    for column in instrument.columns:
        if column["kind"] == "multi":
            for index, option in enumerate(column["options"], 1):
                header.append(f"{column['code']}[SQ{index:03d}]" if codes else f"{column['header']} [{option}]")
        else:
            header.append(column["code"] if codes else column["header"])
    out = [header]
    for number, row in enumerate(rows, 1):
        submitted = google_time(row[0]).strftime("%Y-%m-%d %H:%M:%S")
        cells = [str(number), "" if number in incomplete else submitted, "4", "lv", str(1000 + number), row[1]]
        for column, value in zip(instrument.columns, row[2:]):
            if column["kind"] == "multi":
                chosen = instrument.chosen(column, value) if value else []
                chosen = chosen if chosen is not None else []
                cells += [("Y" if codes else "Jā") if o in chosen else "" for o in column["options"]]
            elif column["kind"] == "institution" and codes:
                cells.append(by_name.get(value.casefold(), value))
            elif column["kind"] == "scaled" and codes and value:
                cells.append(instrument.answer_code(column, value))
            else:
                cells.append(value)
        out.append(cells)
    return out


def excel_resave(rows, instrument, time_format):
    out = [["Timestamp", "Email address"] + [c["header"] for c in instrument.columns]]
    for row in rows:
        out.append([google_time(row[0]).strftime(time_format)] + row[1:])
    return out


def generic(rows, instrument):
    def plain(text):
        decomposed = unicodedata.normalize("NFD", text)
        return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()
    out = [["submitted", "e-pasts"] + [plain(c["header"]) for c in instrument.columns]]
    for row in rows:
        out.append([google_time(row[0]).strftime("%Y-%m-%d %H:%M:%S")] + row[1:])
    return out


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("google_csv")
    parser.add_argument("--out", required=True)
    parser.add_argument("--seeds", default=str(ROOT / "seeds"))
    parser.add_argument("--register", default=None)
    parser.add_argument("--stem", default="needs")
    args = parser.parse_args()
    seeds = pathlib.Path(args.seeds)
    instrument = Instrument(seeds)
    register_path = pathlib.Path(args.register) if args.register else seeds / "institutions.csv"
    register = list(csv.DictReader(open(register_path, encoding="utf-8", newline="")))
    rows, skipped = read_google(args.google_csv, instrument)
    out = pathlib.Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    stem = args.stem
    # LimeSurvey keeps unfinished responses: three extra copies without a submit date.
    unfinished = rows + rows[:3]
    incomplete = set(range(len(rows) + 1, len(unfinished) + 1))
    write_csv(out / f"ms-forms-{stem}.csv", ms_forms(rows, instrument, register), encoding="utf-8-sig")
    write_csv(out / f"limesurvey-codes-{stem}.csv", limesurvey(unfinished, instrument, register, True, incomplete))
    write_csv(out / f"limesurvey-text-{stem}.csv", limesurvey(unfinished, instrument, register, False, incomplete))
    write_csv(out / f"excel-cp1257-{stem}.csv", excel_resave(rows, instrument, "%d.%m.%Y %H:%M"), delimiter=";", encoding="cp1257")
    write_csv(out / f"excel-unicode-{stem}.txt", excel_resave(rows, instrument, "%d.%m.%Y %H:%M"), delimiter="\t", encoding="utf-16-le")
    write_csv(out / f"generic-{stem}.csv", generic(rows, instrument), delimiter="|", newline="\n")
    print(f"{len(rows)} responses written in 6 formats to {out}" + (f" ({skipped} ragged rows left out)" if skipped else ""))


if __name__ == "__main__":
    main()

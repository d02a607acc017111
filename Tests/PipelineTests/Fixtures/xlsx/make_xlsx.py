"""Writes the .xlsx fixtures from the CSV fixtures of the same answers (issue 12 item 6).

Run from the repository root with openpyxl in a virtual environment:
    python3 -m venv /tmp/venv-xlsx && /tmp/venv-xlsx/bin/pip install -r Tests/PipelineTests/Fixtures/xlsx/requirements.txt
    /tmp/venv-xlsx/bin/python Tests/PipelineTests/Fixtures/xlsx/make_xlsx.py
The LibreOffice fixtures are made with soffice (see the end of this file).
"""
import csv
import datetime as dt
import io
import os
import re
import subprocess
import tempfile
import zipfile
from zoneinfo import ZoneInfo

import openpyxl
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont

HERE = os.path.dirname(os.path.abspath(__file__))
FIXTURES = os.path.dirname(HERE)
RIGA = ZoneInfo("Europe/Riga")
ZONES = {"EET": dt.timezone(dt.timedelta(hours=2)), "EEST": dt.timezone(dt.timedelta(hours=3))}


def rows(path):
    """The records of a CSV fixture. A record with the wrong number of fields (a CSV defect a
    worksheet cannot have) is left out."""
    with open(path, encoding="utf-8-sig", newline="") as handle:
        records = list(csv.reader(handle))
    return [record for record in records if len(record) == len(records[0])]


def as_text(sheet):
    """Answers such as `=1+1` stay text, as in the export, not formulas."""
    for cell in sheet[sheet.max_row]:
        if isinstance(cell.value, str) and cell.value.startswith("="):
            cell.data_type = "s"


def google_time(text):
    """`2026/10/01 9:00:00 AM EET` as the Riga wall-clock time Excel would hold (no zone)."""
    match = re.fullmatch(r"(\d{4})/(\d\d)/(\d\d) (\d+):(\d\d):(\d\d) (AM|PM) (\w+)", text)
    year, month, day, hour, minute, second, half, zone = match.groups()
    hour = int(hour) % 12 + (12 if half == "PM" else 0)
    moment = dt.datetime(int(year), int(month), int(day), hour, int(minute), int(second), tzinfo=ZONES[zone])
    return moment.astimezone(RIGA).replace(tzinfo=None)


def ms_time(text):
    """`10/1/26 8:53:00` (US locale, Riga wall time)."""
    if not text:
        return None
    return dt.datetime.strptime(text, "%m/%d/%y %H:%M:%S")


def google_workbook(path, extra_sheet_first=False):
    data = rows(os.path.join(FIXTURES, "small-google-forms.csv"))
    book = openpyxl.Workbook()
    sheet = book.active
    if extra_sheet_first:
        sheet.title = "Kopsavilkums"
        sheet.append(["Šī lapa nav eksports"])
        sheet = book.create_sheet("Atbildes")
    else:
        sheet.title = "Atbildes"
    sheet.append(data[0])
    for row in data[1:]:
        values = [google_time(row[0])] + [value if value != "" else None for value in row[1:]]
        sheet.append(values)
        as_text(sheet)
        sheet.cell(row=sheet.max_row, column=1).number_format = "yyyy-mm-dd hh:mm:ss"
    # One comment as rich text: openpyxl writes it as an inline string with runs.
    for cell in sheet[3]:
        if isinstance(cell.value, str) and cell.value.startswith("Vajag"):
            first, rest = cell.value.split(" ", 1)
            cell.value = CellRichText([TextBlock(InlineFont(b=True), first), " " + rest])
    book.save(path)


def ms_forms_workbook(path):
    data = rows(os.path.join(FIXTURES, "formats", "ms-forms-small.csv"))
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Form1"
    sheet.append(data[0])
    for row in data[1:]:
        values = [int(row[0]), ms_time(row[1]), ms_time(row[2])] + [v if v != "" else None for v in row[3:]]
        values[5] = ms_time(row[5])
        sheet.append(values)
        as_text(sheet)
        for column in (2, 3, 6):
            sheet.cell(row=sheet.max_row, column=column).number_format = "m/d/yy h:mm:ss"
    book.save(path)


def self_assessment_workbook(path):
    """The institution-level self-assessment; ratings that are numbers are stored as numbers."""
    with open(os.path.join(FIXTURES, "small-self-assessment.csv"), encoding="utf-8", newline="") as handle:
        data = list(csv.reader(handle, delimiter=";"))
    book = openpyxl.Workbook()
    sheet = book.active
    for row in data:
        sheet.append([int(value) if value.isdigit() else value for value in row])
    book.save(path)


def damaged(source, path):
    """The same workbook with its sheet's XML cut in the middle."""
    with zipfile.ZipFile(source) as original, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as copy:
        for item in original.infolist():
            data = original.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = data[: len(data) // 2]
            copy.writestr(item, data)


def not_a_workbook(path):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("survey.csv", "Timestamp,Email address\n")


def libreoffice(csv_name, path, text_columns):
    """LibreOffice's own .xlsx of a UTF-8 CSV. US-English dates become serials; `text_columns`
    (LibreOffice's column format 2) stay as written, formulas are not evaluated (token 13)."""
    with tempfile.TemporaryDirectory() as folder:
        source = os.path.join(folder, "book.csv")
        with open(source, "w", encoding="utf-8", newline="") as handle:
            csv.writer(handle, lineterminator="\n").writerows(rows(os.path.join(FIXTURES, csv_name)))
        formats = "/".join(f"{column}/2" for column in text_columns)
        options = f"CSV:44,34,76,1,{formats},1033,false,false,false,false,false,-1,false"
        subprocess.run(
            ["soffice", "--headless", f"--infilter={options}", "--convert-to", "xlsx", "--outdir", folder, source],
            check=True, capture_output=True)
        with open(os.path.join(folder, "book.xlsx"), "rb") as handle, open(path, "wb") as out:
            out.write(handle.read())


if __name__ == "__main__":
    google_workbook(os.path.join(HERE, "google-forms-small.xlsx"))
    google_workbook(os.path.join(HERE, "two-sheets.xlsx"), extra_sheet_first=True)
    ms_forms_workbook(os.path.join(HERE, "ms-forms-small.xlsx"))
    self_assessment_workbook(os.path.join(HERE, "self-assessment-small.xlsx"))
    damaged(os.path.join(HERE, "google-forms-small.xlsx"), os.path.join(HERE, "damaged.xlsx"))
    not_a_workbook(os.path.join(HERE, "not-a-workbook.zip"))
    # Google's `2026/10/01 9:00:00 AM EET` has a zone LibreOffice would drop: kept as text.
    libreoffice("small-google-forms.csv", os.path.join(HERE, "libreoffice-google-small.xlsx"), [1])
    libreoffice("formats/ms-forms-small.csv", os.path.join(HERE, "libreoffice-ms-forms-small.xlsx"), [])

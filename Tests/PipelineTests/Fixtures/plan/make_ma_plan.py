"""Writes `edited-ma-plan.xlsx` (issue 17): the autumn council workbook of the small fixture with
its MA plāni sheet edited by a program other than atbalsts (openpyxl), and `edited-ma-plan-lo.xlsx`,
that file re-saved by LibreOffice headless.

Run from the repository root after `swift build`, with openpyxl and soffice:
    python3 Tests/PipelineTests/Fixtures/plan/make_ma_plan.py

The edit: on MA plāni the columns reordered (Statuss first), statuses of the rows in order
Īstenots, Procesā, Atcelts, then Plānots, the second row deleted, "Laiks, vieta" and
"Atbildīgais" filled, a row added (Matemātikas joma, Pedagoģiskās pieredzes apmaiņa, need area
Vērtēšana, no status) and a row for a learning area that does not exist ("Astroloģijas joma"),
which is quarantined. Pilnveides plāns is left as atbalsts wrote it.
"""
import os
import tempfile

import openpyxl

from make_plan import HERE, autumn_workbook, resave_with_libreoffice, rewrite

STATUSES = ["Īstenots", None, "Procesā", "Atcelts"]


def edit(source, target):
    book = openpyxl.load_workbook(source)
    sheet = book["MA plāni"]
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    header_at = next(i for i, row in enumerate(rows) if row and row[0] == "Mācību joma")
    header = rows[header_at]
    body = [row for row in rows[header_at + 1:] if row and row[0]]
    column = {name: header.index(name) for name in header}
    edited = []
    for number, row in enumerate(body):
        status = STATUSES[number] if number < len(STATUSES) else "Plānots"
        if status is None:
            continue
        row = list(row)
        row[column["Statuss"]] = status
        row[column["Laiks, vieta"]] = f"2027. gada {number + 1}. mēnesis, skola {number}"
        row[column["Atbildīgais"]] = f"MA vadītāja {number}"
        edited.append(row)
    added = [None] * len(header)
    added[column["Mācību joma"]] = "Matemātikas joma"
    added[column["Darbības virziens"]] = "Pedagoģiskās pieredzes apmaiņa"
    added[column["Tēma"]] = "Atklātās stundas"
    added[column["Vajadzības joma"]] = "Vērtēšana"
    added[column["Atbildīgais"]] = "MA vadītāja 9"
    edited.append(added)
    unknown = list(added)
    unknown[column["Mācību joma"]] = "Astroloģijas joma"
    unknown[column["Statuss"]] = "Plānots"
    edited.append(unknown)
    order = [column["Statuss"]] + [i for i in range(len(header)) if i != column["Statuss"]]
    rewrite(sheet, header_at, header, edited, order)
    book.save(target)


with tempfile.TemporaryDirectory() as folder:
    autumn = autumn_workbook(os.path.join(folder, "ws"))
    edit(autumn, os.path.join(HERE, "edited-ma-plan.xlsx"))
    resave_with_libreoffice(folder, "edited-ma-plan")

"""Writes the edited-plan fixtures (issue 17): the autumn council workbook of the small fixture,
its Pilnveides plāns edited by a program other than atbalsts.

Run from the repository root after `swift build`, with openpyxl (requirements.txt of ../xlsx) and soffice:
    python3 Tests/PipelineTests/Fixtures/plan/make_plan.py

The edit, the same in every fixture: columns reordered (Statuss first, then Joma, Atbildīgais,
Termiņš, Ieteicamās formas, Vieta, the rest), the plan's second row deleted, statuses
[Īstenots, (deleted), Procesā, Īstenots, Atcelts] → in English [Done, —, In progress, Done,
Cancelled], responsible "Metodiķe N", and a row added for stress and burnout prevention, status
Plānots. `edited-plan.xlsx` is saved by openpyxl, `edited-plan-lo.xlsx` is that file re-saved by
LibreOffice headless, `edited-plan-en.xlsx` has English headers and statuses.
"""
import os
import shutil
import subprocess
import tempfile

import openpyxl

HERE = os.path.dirname(os.path.abspath(__file__))
FIXTURES = os.path.dirname(HERE)
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(FIXTURES)))
STATUSES = ["Īstenots", None, "Procesā", "Īstenots", "Atcelts"]
ENGLISH_STATUS = {"Īstenots": "Done", "Procesā": "In progress", "Atcelts": "Cancelled", "Plānots": "Planned"}
ENGLISH_HEADER = {
    "Vieta": "Rank", "Joma": "Need area", "Prioritātes punkti": "Priority score", "Mērķa iestādes": "Target institutions",
    "Mērķa mācību jomas": "Target learning areas", "Pedagogi ar augstu vajadzību": "Teachers in high need",
    "Ieteicamās formas": "Suggested forms", "Termiņš": "Term", "Atbildīgais": "Responsible", "Statuss": "Status",
}
ADDED_AREA = {"lv": "Stresa un izdegšanas profilakse", "en": "Stress and burnout prevention"}


def autumn_workbook(folder):
    """Runs the built atbalsts on the small fixture's autumn wave; returns the council workbook."""
    binary = os.path.join(ROOT, ".build", "debug", "atbalsts")
    subprocess.run([binary, "init", folder, "--key-only"], check=True, capture_output=True)
    with open(os.path.join(folder, "pipeline.yaml"), "w", encoding="utf-8") as out:
        out.write(f"""wave: 2026-27-autumn
seeds: {ROOT}/seeds
sources:
  - file: {FIXTURES}/small-google-forms.csv
  - file: {FIXTURES}/small-register.csv
    kind: institutions
outputs:
  institution_workbooks: false
settings:
  max_rejected_share: 0.5
""")
    subprocess.run([binary, "run", os.path.join(folder, "pipeline.yaml"), "--quiet"], check=True)
    return os.path.join(folder, "out", "2026-27-autumn-padome.xlsx")


def edit(source, target, language):
    book = openpyxl.load_workbook(source)
    # These fixtures hold the municipal plan only; make_ma_plan.py makes the MA plāni ones.
    if "MA plāni" in book.sheetnames:
        del book["MA plāni"]
    sheet = book["Pilnveides plāns"]
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    header_at = next(i for i, row in enumerate(rows) if row and row[0] == "Vieta")
    header = rows[header_at]
    body = [row for row in rows[header_at + 1:] if row and isinstance(row[0], (int, float))]
    order = [header.index(name) for name in ["Statuss", "Joma", "Atbildīgais", "Termiņš", "Ieteicamās formas", "Vieta"]]
    order += [i for i in range(len(header)) if i not in order]
    edited = []
    for number, row in enumerate(body):
        if STATUSES[number] is None:
            continue
        row = list(row)
        row[header.index("Statuss")] = STATUSES[number]
        row[header.index("Atbildīgais")] = f"Metodiķe {number}"
        edited.append(row)
    added = [None] * len(header)
    added[header.index("Joma")] = ADDED_AREA["lv"]
    added[header.index("Statuss")] = "Plānots"
    added[header.index("Ieteicamās formas")] = "Supervīzija"
    added[header.index("Atbildīgais")] = "Metodiķe 9"
    edited.append(added)
    if language == "en":
        header = [ENGLISH_HEADER.get(name, name) for name in header]
        for row in edited:
            row[header.index("Status")] = ENGLISH_STATUS[row[header.index("Status")]]
            if row[header.index("Need area")] == ADDED_AREA["lv"]:
                row[header.index("Need area")] = ADDED_AREA["en"]
    rewrite(sheet, header_at, header, edited, order)
    book.save(target)


def rewrite(sheet, header_at, header, rows, order):
    """Replaces the table under the heading: the header and `rows`, their columns in `order`."""
    sheet.delete_rows(header_at + 1, sheet.max_row)
    for column, index in enumerate(order, start=1):
        sheet.cell(row=header_at + 1, column=column, value=header[index])
    for number, row in enumerate(rows, start=header_at + 2):
        for column, index in enumerate(order, start=1):
            sheet.cell(row=number, column=column, value=row[index])


def resave_with_libreoffice(folder, name):
    """`<name>.xlsx` of this folder re-saved by LibreOffice headless as `<name>-lo.xlsx`."""
    resaved = os.path.join(folder, "lo")
    os.makedirs(resaved, exist_ok=True)
    shutil.copy(os.path.join(HERE, f"{name}.xlsx"), os.path.join(resaved, f"{name}-lo.ods.xlsx"))
    subprocess.run(
        ["soffice", "--headless", "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", folder,
         os.path.join(resaved, f"{name}-lo.ods.xlsx")], check=True, capture_output=True)
    shutil.copy(os.path.join(folder, f"{name}-lo.ods.xlsx"), os.path.join(HERE, f"{name}-lo.xlsx"))


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as folder:
        autumn = autumn_workbook(os.path.join(folder, "ws"))
        edit(autumn, os.path.join(HERE, "edited-plan.xlsx"), "lv")
        edit(autumn, os.path.join(HERE, "edited-plan-en.xlsx"), "en")
        resave_with_libreoffice(folder, "edited-plan")

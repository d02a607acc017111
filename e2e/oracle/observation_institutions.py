"""Stundu vērošana in every institution workbook (SPEC 12.2, 8 across workbooks), checked from the
export: the institution's own weak share per domain beside the municipality's, then its
observations, observed teachers, headcount and coverage beside the municipality's, then its
coverage by term beside the municipality's.

Every cell must be the very cell the council workbook shows for it — a number there is a number
here, a mark there the same mark here, so no workbook gives away what another withholds — and
every number must be what the export gives (the council's statuses are checked by observation.py).
"""
import glob
import os

import openpyxl

SHEETS = ("Stundu vērošana", "Lesson observation")
COVERAGE = ("Aptvērums", "Coverage")
TERMS = ("Aptvērums pa kārtām", "Coverage by term")


def near(a, b):
    return isinstance(a, (int, float)) and b is not None and abs(a - b) < 1e-9


def same(here, council):
    """The same cell: equal numbers, or the same mark."""
    if isinstance(council, (int, float)):
        return near(here, council)
    return here == council


def check(folder, wave, council, council_rows, observations, register, domains, cell, m):
    """council(row, column) reads the council sheet; council_rows maps a code to its row there;
    cell(observations, domains) is observation.py's own count of one group."""
    errors, checked, books = [], 0, 0
    headcount = {r["code"]: int(r["teachers"]) for r in register}
    everyone = len({o["teacher"] for o in observations})
    municipality = [len(observations), everyone, sum(headcount.values()), everyone / sum(headcount.values())]
    for path in sorted(glob.glob(os.path.join(folder, f"{wave}-*.xlsx"))):
        code = os.path.basename(path)[len(wave) + 1:-5]
        if code not in headcount:
            continue
        books += 1
        workbook = openpyxl.load_workbook(path, data_only=True)
        name = next((s for s in SHEETS if s in workbook.sheetnames), None)
        if name is None:
            errors.append(f"{code}: no observation sheet")
            continue
        sheet, row = workbook[name], council_rows[code]
        own = [o for o in observations if o["institution"] == code]
        for index, domain in enumerate(domains):
            r = 5 + index
            here, theirs = sheet.cell(r, 3).value, council(row, 7 + index)
            checked += 2
            if sheet.cell(r, 1).value != domain or not same(here, theirs):
                errors.append(f"{code} {domain}: {here} here, {theirs} on the council sheet")
            elif isinstance(here, (int, float)):
                c = cell(own, [domain])
                if c["teachers"] < m or not near(here, c["k"] / c["n"]):
                    errors.append(f"{code} {domain}: {here} != {c['k']}/{c['n']} of {c['teachers']} teachers")
            if not same(sheet.cell(r, 4).value, council(5 + index, 3)):
                errors.append(f"{code} {domain}: municipality {sheet.cell(r, 4).value} != {council(5 + index, 3)}")
        top = 5 + len(domains) + 1
        if sheet.cell(top, 2).value not in COVERAGE:
            errors.append(f"{code}: no coverage table at row {top}")
            continue
        teachers = len({o["teacher"] for o in own})
        expected = [len(own), teachers, headcount[code], teachers / headcount[code]]
        in_council = [council(row, 4), council(row, 5), council(row, 3), council(row, 6)]
        for offset in range(4):
            here = sheet.cell(top + 1 + offset, 3).value
            checked += 2
            if not same(here, in_council[offset]):
                errors.append(f"{code} coverage row {offset + 1}: {here} here, {in_council[offset]} on the council sheet")
            elif isinstance(here, (int, float)) and not near(here, expected[offset]):
                errors.append(f"{code} coverage row {offset + 1}: {here} != {expected[offset]}")
            if not near(sheet.cell(top + 1 + offset, 4).value, municipality[offset]):
                errors.append(f"{code} coverage row {offset + 1}: municipality {sheet.cell(top + 1 + offset, 4).value}")
        # Coverage by term: the institution's row and the total of the council's block, cell for cell.
        label = top + 6
        council_label = next((r for r in range(1, 400) if council(r, 2) == sheet.cell(label, 2).value), None)
        if sheet.cell(label, 2).value not in TERMS or council_label is None:
            errors.append(f"{code}: no coverage by term at row {label} (or none on the council sheet)")
            continue
        council_row = next(r for r in range(council_label + 2, council_label + 2 + len(headcount)) if council(r, 1) == code)
        council_total = council_label + 2 + len(headcount)
        column = 3
        while sheet.cell(label + 1, column).value is not None:
            checked += 2
            if sheet.cell(label + 1, column).value != council(council_label + 1, column):
                errors.append(f"{code}: term column {column} is {sheet.cell(label + 1, column).value}")
            if not same(sheet.cell(label + 2, column).value, council(council_row, column)):
                errors.append(f"{code} by term column {column}: {sheet.cell(label + 2, column).value} here, "
                              f"{council(council_row, column)} on the council sheet")
            if not same(sheet.cell(label + 3, column).value, council(council_total, column)):
                errors.append(f"{code} by term column {column}: municipality {sheet.cell(label + 3, column).value}")
            column += 1
    if books == 0:
        errors.append(f"no institution workbooks of {wave} in {folder}")
    return checked, books, errors

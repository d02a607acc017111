"""Every printed page that shows rows of a table shows that table's header row above them, and no
page shows a repeated header over rows that are not its table's (issue 15) — on the real rendering.

LibreOffice prints each workbook to PDF; `pdftotext -layout` gives each page's lines. A page belongs
to the sheet its footer names (atbalsts prints the sheet name at the footer's left). The workbook
itself (openpyxl) says where the tables are: a header row is a row of at least two bold cells on
the header fill, its table the rows under it up to the first row empty in its columns. Each
printed row is found on its page by its words: the first word of every text cell in a visible
column, in column order, starting a line (a wrapped cell's first line holds its first word). Rows
are found in sheet order, so a name that two tables share is found where it stands. A row that
cannot be found at all is reported: the check fails rather than passes on what it did not see.

    python e2e/printed_pages.py BOOK.xlsx [BOOK.xlsx …]
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile

import openpyxl
from openpyxl.utils import get_column_letter

HEADER_FILL = "FFD9E1F2"


def words(value):
    return str(value).split()


def sheet_model(ws):
    hidden = {c for c in range(1, ws.max_column + 1)
              if ws.column_dimensions[get_column_letter(c)].hidden}
    visible = [c for c in range(1, ws.max_column + 1) if c not in hidden]
    merged_hidden = set()  # cells covered by a merge other than its top-left one print nothing
    for merged in ws.merged_cells.ranges:
        for row in range(merged.min_row, merged.max_row + 1):
            for column in range(merged.min_col, merged.max_col + 1):
                if (row, column) != (merged.min_row, merged.min_col):
                    merged_hidden.add((row, column))
    rows, headers = {}, {}
    for r in range(1, ws.max_row + 1):
        filled, signature, header_cells = set(), [], 0
        for c in visible:
            if (r, c) in merged_hidden:
                continue
            cell = ws.cell(r, c)
            if cell.value is None or cell.value == "":
                continue
            filled.add(c)
            if isinstance(cell.value, str) and words(cell.value):
                signature.append(words(cell.value)[0])
            if cell.font is not None and cell.font.b and cell.fill is not None and \
                    cell.fill.fgColor is not None and cell.fill.fgColor.rgb == HEADER_FILL:
                header_cells += 1
        if filled:
            rows[r] = (filled, signature)
        if header_cells >= 2:
            headers[r] = filled
    tables = []
    for header, columns in headers.items():
        last = header
        while last + 1 in rows and rows[last + 1][0] & columns and last + 1 not in headers:
            last += 1
        if last > header:
            tables.append((header, range(header + 1, last + 1)))
    titles = None
    if ws.print_title_rows:
        first, last = re.match(r"\$?(\d+):\$?(\d+)", ws.print_title_rows).groups()
        titles = range(int(first), int(last) + 1)
    return rows, tables, titles


def page_texts(pdf):
    count = int(re.search(r"Pages:\s+(\d+)", subprocess.run(
        ["pdfinfo", pdf], capture_output=True, text=True, check=True).stdout).group(1))
    for page in range(1, count + 1):
        text = subprocess.run(["pdftotext", "-layout", "-f", str(page), "-l", str(page), pdf, "-"],
                              capture_output=True, text=True, check=True).stdout
        yield [line.split() for line in text.splitlines() if line.strip()]


def matches(line, signature):
    """The row's words in order, the first starting the line (after numbers: a rank, a count)."""
    if not signature or not line:
        return False
    lead = 0
    while lead < len(line) and line[lead] != signature[0] and not re.search(r"[^\W\d_]", line[lead]):
        lead += 1
    if lead == len(line) or line[lead] != signature[0]:
        return False
    position = lead
    for word in signature:
        while position < len(line) and line[position] != word:
            position += 1
        if position == len(line):
            return False
        position += 1
    return True


def check(book, pdf):
    wb = openpyxl.load_workbook(book)
    names = wb.sheetnames
    pages = {}  # sheet → [lines of each page], the page header and footer lines left out
    blank = []
    for number, lines in enumerate(page_texts(pdf), start=1):
        if not lines:
            # LibreOffice sometimes prints an empty page (no header, no footer) after a sheet whose
            # last page is full: no rows, so no header missing; counted, not failed.
            blank.append(number)
            continue
        # The footer: the sheet's name at the left, "page / pages" at the right (a chart's rotated
        # labels may print below it or run into it).
        at = next((i for i in range(len(lines) - 1, -1, -1)
                   if len(lines[i]) >= 3 and lines[i][-2] == "/" and lines[i][-1].isdigit()), None)
        footer = " ".join(lines[at]) if at is not None else ""
        sheet = max((n for n in names if footer.startswith(n)), key=len, default=None)
        if sheet is None:
            return [f"page {number}: no footer naming a sheet"], 0, 0, blank
        pages.setdefault(sheet, []).append(lines[1:at] + lines[at + 1:])
    problems, tables_checked, pages_checked = [], 0, 0
    for name in names:
        rows, tables, titles = sheet_model(wb[name])
        tables_checked += len(tables)
        order = [r for r in sorted(rows) if rows[r][1]]
        placed, titled = {}, {}
        at = 0
        for number, lines in enumerate(pages.get(name, []), start=1):
            pages_checked += 1
            start = 0
            # Repeated titles stand first on a page after the one they are printed on.
            if titles and any(placed.get(r) for r in titles) and lines and \
                    matches(lines[0], rows.get(titles.start, (None, []))[1]):
                titled[number] = True
                start = 1
            for line in lines[start:]:
                if at < len(order) and matches(line, rows[order[at]][1]):
                    placed[order[at]] = number
                    at += 1
        if at < len(order):
            problems.append(f"{name}: row {order[at]} {rows[order[at]][1][:4]} not found in the rendering")
            continue
        for number in range(1, len(pages.get(name, [])) + 1):
            on_page = sorted(r for r, p in placed.items() if p == number)
            for header, body in tables:
                if not any(r in body for r in on_page):
                    continue
                if placed.get(header) != number and not (titled.get(number) and header in titles):
                    problems.append(f"{name} page {number}: rows {[r for r in on_page if r in body][:3]}… "
                                    f"of the table headed at row {header} without its header")
            if titled.get(number):
                own = next((body for header, body in tables if header in titles), range(0))
                if not on_page or on_page[0] not in own:
                    problems.append(f"{name} page {number}: the repeated header (row {titles.start}) stands "
                                    f"over {'row ' + str(on_page[0]) if on_page else 'no rows'}, not its table's")
    return problems, tables_checked, pages_checked, blank


def main():
    books = sys.argv[1:]
    if not books:
        print(__doc__)
        return 2
    failed = 0
    with tempfile.TemporaryDirectory() as folder:
        # Two books may share a name (one wave in two languages): each is printed under its own.
        copies = [os.path.join(folder, f"{index}.xlsx") for index in range(len(books))]
        for book, copy in zip(books, copies):
            shutil.copyfile(book, copy)
        subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", folder, *copies],
                       capture_output=True, check=True)
        for book, copy in zip(books, copies):
            pdf = copy[:-len(".xlsx")] + ".pdf"
            problems, tables, pages, blank = check(book, pdf)
            for problem in problems:
                print(f"{os.path.basename(book)} {problem}")
            empty = f", empty page {', '.join(map(str, blank))} (LibreOffice's)" if blank else ""
            print(f"printed pages: {os.path.basename(book)}: {pages} pages, {tables} tables, {len(problems)} problems{empty}")
            failed += bool(problems) or pages == 0
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

"""Proves a real spreadsheet program reads the workbook: the CSV LibreOffice exported from each
sheet must show the same values that the file itself holds (read with openpyxl)."""
import argparse
import csv
import pathlib
import sys

import openpyxl


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--workbook", required=True)
    parser.add_argument("--csv-dir", required=True)
    args = parser.parse_args()

    book = openpyxl.load_workbook(args.workbook, read_only=True)
    stem = pathlib.Path(args.workbook).stem
    passed = failed = 0
    for sheet in book.sheetnames:
        exported = pathlib.Path(args.csv_dir) / f"{stem}-{sheet}.csv"
        if not exported.exists():
            print(f"missing: LibreOffice wrote no {exported.name}")
            failed += 1
            continue
        with open(exported, encoding="utf-8", newline="") as handle:
            office_rows = list(csv.reader(handle))
        for row_index, row in enumerate(book[sheet].iter_rows(values_only=True)):
            for column_index, value in enumerate(row):
                if value is None:
                    continue
                try:
                    seen = office_rows[row_index][column_index]
                except IndexError:
                    seen = None
                if same(value, seen):
                    passed += 1
                else:
                    failed += 1
                    print(f"{sheet}!{openpyxl.utils.get_column_letter(column_index + 1)}{row_index + 1}: "
                          f"file holds {value!r}, LibreOffice shows {seen!r}")
    print(f"libreoffice: {passed} passed, {failed} failed")
    sys.exit(1 if failed or passed == 0 else 0)


def same(value, seen):
    if seen is None:
        return False
    if isinstance(value, (int, float)):
        # Percent-formatted cells come out as "65.5629139072848%" even as raw values.
        number = seen[:-1] if seen.endswith("%") else seen
        try:
            shown = float(number) / (100 if seen.endswith("%") else 1)
        except ValueError:
            return False
        return abs(shown - float(value)) <= 1e-9 * max(1.0, abs(float(value)))
    return str(value).replace("\r\n", "\n") == seen.replace("\r\n", "\n")


if __name__ == "__main__":
    main()

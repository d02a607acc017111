"""Checks that atbalsts and the pandas peer agree on every headline number: each need area's rank,
score, high-need share, Wilson interval, intensity and breadth, and the mean WHO-5 and CBI."""
import json
import sys

import openpyxl


def main(workbook, peer_json):
    peer = json.load(open(peer_json))
    book = openpyxl.load_workbook(workbook, read_only=True, data_only=True)
    rows = list(book["Prioritātes"].iter_rows(values_only=True))
    header = next(i for i, row in enumerate(rows) if row[1] == "ID")
    passed = failed = 0
    for row in rows[header + 1:]:
        if not row[1]:
            break
        expected = peer[row[1]]
        for name, seen in (("rank", row[0]), ("score", row[3]), ("share", row[4]), ("low", row[5]),
                           ("high", row[6]), ("intensity", row[7]), ("breadth", row[8])):
            if abs(expected[name] - seen) <= 1e-9:
                passed += 1
            else:
                failed += 1
                print(f"{row[1]} {name}: atbalsts {seen}, peer {expected[name]}")
    summary = {r[0]: r[1] for r in book["Kopsavilkums"].iter_rows(values_only=True) if r[0]}
    for label, key in (("WHO-5 vidēji (0–100)", "_who5"), ("Izdegšana CBI vidēji (0–100)", "_cbi"), ("Respondenti", "_respondents")):
        if abs(summary[label] - peer[key]) <= 1e-9:
            passed += 1
        else:
            failed += 1
            print(f"{label}: atbalsts {summary[label]}, peer {peer[key]}")
    print(f"agreement: {passed} passed, {failed} failed")
    return 1 if failed or not passed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))

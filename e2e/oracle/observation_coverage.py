"""Coverage over terms on Stundu vērošana (SPEC 12.2, 8), checked from the exports of every term.

Each term's coverage is its distinct observed teachers (trimmed, case-folded e-mail or id: one
observed twice in the term is one) over the register's headcount; a teacher observed in two terms
counts in each. SPEC 8 is applied to each term's column of institutions on its own (observed
teachers, a shown total), with the rule restated in disclosure.py; a coverage under 20 % — what
the national quality service expects a semester — must carry the ▼ mark, and no other may.
"""
from disclosure import disclose

TITLES = ("Aptvērums pa kārtām", "Coverage by term")
TOTALS = ("Novadā kopā", "Municipality total")
EXPECTED = 0.2
MARKS = {"shown": None, "empty": ("nav atbilžu", "no answers"), "×": ("×",)}


def near(a, b):
    return isinstance(a, (int, float)) and b is not None and abs(a - b) < 1e-9


def check(sheet, terms, register, m):
    """terms: [(wave, observations)] oldest first; observations as observation.py reads them."""
    errors, checked = [], 0
    cell = lambda r, c: sheet.cell(r, c).value
    # The title stands in B: A holds the register codes, hidden.
    top = next((r for r in range(1, sheet.max_row + 1) if cell(r, 2) in TITLES), None)
    if top is None:
        return 0, ["no coverage-by-term block"]
    header = top + 1
    if cell(header, 3 + len(terms)) is not None:
        errors.append(f"more term columns than the {len(terms)} terms given")
    headcount = {r["code"]: int(r["teachers"]) for r in register}
    rows = {cell(r, 1): r for r in range(header + 1, header + 1 + len(register))}
    if set(rows) != set(headcount):
        errors.append(f"institution rows {sorted(k for k in rows if k)} are not the register's")
        return checked, errors
    total_row = header + 1 + len(register)
    if cell(total_row, 2) not in TOTALS:
        errors.append(f"row {total_row}: expected the municipality total, found {cell(total_row, 2)}")

    def marked(row, column, value):
        below = value < EXPECTED
        has_mark = "▼" in (sheet.cell(row, column).number_format or "")
        if below != has_mark:
            errors.append(f"row {row} column {column}: {value:.3f} {'lacks' if below else 'has'} the below-20 % mark")

    for offset, (wave, observations) in enumerate(terms):
        column = 3 + offset
        codes = list(headcount)
        teachers = [len({o["teacher"] for o in observations if o["institution"] == code}) for code in codes]
        expected = disclose([(t, None) for t in teachers], m)
        for code, count, status in zip(codes, teachers, expected):
            row, value = rows[code], cell(rows[code], column)
            checked += 1
            if status == "shown":
                coverage = count / headcount[code]
                if not near(value, coverage):
                    errors.append(f"{wave} {code}: {value} != {count}/{headcount[code]}")
                else:
                    marked(row, column, coverage)
            elif status == "small":
                if value != f"<{m}":
                    errors.append(f"{wave} {code}: {count} observed teachers shown as {value}")
            elif value not in MARKS[status]:
                errors.append(f"{wave} {code}: expected {status}, found {value}")
        everyone = len({o["teacher"] for o in observations})
        coverage = everyone / sum(headcount.values())
        checked += 2
        if not near(cell(total_row, column), coverage):
            errors.append(f"{wave} total: {cell(total_row, column)} != {everyone}/{sum(headcount.values())}")
        else:
            marked(total_row, column, coverage)
        if not near(cell(total_row + 1, column), everyone):
            errors.append(f"{wave} observed teachers: {cell(total_row + 1, column)} != {everyone}")
    return checked, errors

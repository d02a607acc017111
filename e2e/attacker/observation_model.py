"""What Stundu vērošana publishes (SPEC 12.2), as relations for the attacker (attack.py).

People here are observed teachers. Per wave and institution: T (observed teachers, a head count
whose `<N` must never be pinned), O (observations); per domain and group: n observations that
rated the domain, k of them weak, t teachers behind them, y teachers with a weak one (the share's
"people with the attribute", held by the share rule). A reader combines the council sheet (domain
table, institutions with coverage, the total, observers by role, coverage by term) with every
institution workbook's sheet (its own shares and counts beside the municipality's) and with the
earlier term's workbooks: every cell below is an unknown shared by each workbook that shows it.

Assumptions that make the reader stronger, true of real data: a teacher is observed in one
institution (institution teachers add up to the total), and every observation names its
observer's role (role observations add up to the total).
"""
import re

SHEETS = ("Stundu vērošana", "Lesson observation")
FAMILY = "observation"


def sheet_of(book):
    return next((book[name] for name in SHEETS if name in book.sheetnames), None)


def rows_of(sheet):
    return [list(row) for row in sheet.iter_rows(min_row=1, values_only=True)]


def find(rows, labels, column=(0, 1), start=0):
    """The first row at or after `start` with one of `labels` in `column` (or in any of the
    columns: a block's heading stands in the first visible column, the second when an id
    column is hidden before it)."""
    columns = column if isinstance(column, tuple) else (column,)
    return next(
        (i for i in range(start, len(rows)) if any(len(rows[i]) > c and rows[i][c] in labels for c in columns)), None)


def wave_names(wave):
    """How a sheet heads a wave's column, in either language: "2026./27. m. g. rudens", "2026/27 autumn"."""
    match = re.match(r"^(\d{4})-(\d{2})-(autumn|spring)$", wave)
    if not match:
        return {wave}
    year, next_year, term = match.groups()
    latvian = "rudens" if term == "autumn" else "pavasaris"
    return {f"{year}./{next_year}. m. g. {latvian}", f"{year}/{next_year} {term}"}


class Observations:
    def __init__(self, reader, kind, big, tolerance):
        self.reader = reader
        self.model = reader.model
        self.kind, self.big, self.tolerance = kind, big, tolerance
        self.domains = {}  # wave → domain ids in sheet order
        self.headcounts = {}  # wave → institution code → headcount

    # Unknowns.
    def teachers(self, wave, code):
        return self.reader.n(wave, ("observed", code))

    def observations(self, wave, code):
        index = self.model.var(("observations", wave, code))
        self.model.at_most([(self.teachers(wave, code), 1), (index, -1)], 0)
        return index

    def domain(self, wave, code, domain):
        """(n, k, t, y) of one group and domain, with what holds between them."""
        names = [(letter, wave, code, domain) for letter in ("on", "ok", "ot", "oy")]
        fresh = names[0] not in self.model.names
        # One family per wave and domain: no relation mixes two domains, so each range is found in a
        # small model (attack.Model.part).
        n, k, t, y = (self.model.var(name, family=(FAMILY, wave, domain)) for name in names)
        if fresh:
            m = self.model
            m.at_most([(k, 1), (n, -1)], 0)
            m.at_most([(t, 1), (n, -1)], 0)
            m.at_most([(y, 1), (k, -1)], 0)
            m.at_most([(y, 1), (t, -1)], 0)
            m.at_most([(t, 1), (self.teachers(wave, code), -1)], 0)
            m.at_most([(n, 1), (self.observations(wave, code), -1)], 0)
            m.at_most([(n, 1), (t, -self.big)], 0)  # observations have teachers
            m.at_most([(k, 1), (y, -self.big)], 0)  # a weak observation has a weak teacher
            m.at_least([(n, 1), (k, -1), (t, -1), (y, 1)], 0)  # every other teacher has a non-weak one
        return n, k, t, y

    # Cells.
    def share(self, where, value, wave, code, domain):
        n, k, t, y = self.domain(wave, code, domain)
        what, number = self.kind(value)
        if what == "number":
            self.model.equal([(k, 1), (n, -number)], 0, self.tolerance)
            self.model.at_least([(t, 1)], 1)
            if number in (0.0, 1.0):
                self.reader.extremes.append((where, t))
        elif what == "small":
            self.model.at_most([(t, 1)], number - 1)
            self.reader.hidden.append((where, "share", y, t))
        elif what == "complementary":
            self.reader.hidden.append((where, "share", y, t))
        elif what == "empty":
            self.model.equal([(t, 1)], 0)
            self.model.equal([(n, 1)], 0)
        self.reader.parents[y] = [(self.domain(wave, "total", domain)[3], self.domain(wave, "total", domain)[2])]

    def head(self, where, value, wave, code, scale=1.0):
        """An observed-teacher count, or a coverage (count / headcount)."""
        what, number = self.kind(value)
        if what == "number":
            value = round(number * scale)
        self.reader.n_cell(where, value, wave, ("observed", code))

    def count(self, value, index):
        what, number = self.kind(value)
        if what == "number":
            self.model.equal([(index, 1)], number)

    # Sheets.
    def council(self, book, name, wave):
        sheet = sheet_of(book)
        if sheet is None:
            return
        rows = rows_of(sheet)
        domains = []
        for row in rows[4:]:
            if not row[0] or row[0] in ("Pa iestādēm", "By institution"):
                break
            domain = row[0]
            domains.append(domain)
            n, k, t, y = self.domain(wave, "total", domain)
            what, share = self.kind(row[2])
            if what == "number":
                self.count(row[5], n)
                self.count(row[6], t)
                self.model.equal([(k, 1), (n, -share)], 0, self.tolerance)
        self.domains[wave] = domains

        label = find(rows, ("Pa iestādēm", "By institution"))
        total = find(rows, ("Novadā kopā", "Municipality total"), column=1, start=label)
        codes = [row[0] for row in rows[label + 2:total] if row[0]]
        self.headcounts[wave] = {row[0]: row[2] for row in rows[label + 2:total] if row[0]}
        for row in rows[label + 2:total]:
            code, headcount = row[0], row[2]
            where = f"{name} {sheet.title} {code}"
            self.count(row[3], self.observations(wave, code))
            self.head(where + " teachers", row[4], wave, code)
            if isinstance(headcount, (int, float)) and self.kind(row[5])[0] == "number":
                self.model.equal([(self.teachers(wave, code), 1)], round(row[5] * headcount))
            for offset, domain in enumerate(domains):
                self.share(f"{where} {domain}", row[6 + offset], wave, code, domain)
        self.count(rows[total][3], self.observations(wave, "total"))
        self.count(rows[total][4], self.teachers(wave, "total"))
        self.model.equal([(self.observations(wave, c), 1) for c in codes] + [(self.observations(wave, "total"), -1)], 0)
        self.model.equal([(self.teachers(wave, c), 1) for c in codes] + [(self.teachers(wave, "total"), -1)], 0)
        for domain in domains:
            parts = [self.domain(wave, c, domain) for c in codes]
            whole = self.domain(wave, "total", domain)
            for position in range(4):
                self.model.equal([(p[position], 1) for p in parts] + [(whole[position], -1)], 0)

        # Observers by role: observations add up to the total; teachers are a head count each.
        top = find(rows, ("Kas vēroja", "Who observed"), start=total)
        role_observations = []
        for row in rows[top + 2:]:
            if not row[0]:
                break
            role = ("role", row[0])
            observed = self.model.var(("observations", wave, role))
            self.model.at_most([(self.reader.n(wave, ("observed", role)), 1), (observed, -1)], 0)
            self.model.at_most([(self.reader.n(wave, ("observed", role)), 1), (self.teachers(wave, "total"), -1)], 0)
            role_observations.append((observed, 1))
            self.count(row[2], observed)
            self.head(f"{name} {sheet.title} role {row[0]}", row[3], wave, role)
        if role_observations:
            self.model.equal(role_observations + [(self.observations(wave, "total"), -1)], 0)

        # Coverage by term: each term's observed teachers over that term's headcount.
        top = find(rows, ("Aptvērums pa kārtām", "Coverage by term"))
        if top is None:
            return
        for row in rows[top + 2:]:
            if not row[0]:
                break
            self.by_term(name, rows[top + 1], row, row[0])

    def institution(self, book, name, wave, code):
        sheet = sheet_of(book)
        if sheet is None:
            return
        rows = rows_of(sheet)
        for offset, domain in enumerate(self.domains.get(wave, [])):
            row = rows[4 + offset]
            self.share(f"{name} {domain}", row[2], wave, code, domain)
            self.share(f"{name} {domain} (novadā)", row[3], wave, "total", domain)
        top = 4 + len(self.domains.get(wave, [])) + 1
        if top + 4 < len(rows):
            observations, teachers, headcount, coverage = (rows[top + 1 + i] for i in range(4))
            self.count(observations[2], self.observations(wave, code))
            self.head(f"{name} teachers", teachers[2], wave, code)
            if isinstance(headcount[2], (int, float)):
                self.head(f"{name} coverage", coverage[2], wave, code, headcount[2])
        # Coverage by term: the institution's own row of the council's block.
        top = find(rows, ("Aptvērums pa kārtām", "Coverage by term"))
        if top is not None and top + 2 < len(rows):
            self.by_term(name, rows[top + 1], rows[top + 2], code)

    def by_term(self, name, header, row, code):
        """One institution's coverage in each term a block's header names."""
        for column, text in enumerate(header[2:], start=2):
            term = next((w for w in self.headcounts if text in wave_names(w)), None)
            headcount = self.headcounts.get(term, {}).get(code)
            if isinstance(headcount, (int, float)):
                self.head(f"{name} coverage {term} {code}", row[column], term, code, headcount)

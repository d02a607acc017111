"""A determined reader of everything published for a wave and the wave before it (issue 13).

    python3 e2e/attacker/attack.py --dir OUT --wave 2026-27-spring [--previous 2026-27-autumn] --min-group 5

It reads the workbooks back from the .xlsx files (openpyxl, never the program's own tables), writes
down every additive relation a reader can use — totals and n's, means × answer counts, shares × n,
the council workbook against every institution workbook, wave-to-wave changes — and, with integer
linear programming (scipy.optimize.milp), finds the tightest range of every hidden count. It fails
(exit 1) when a hidden cell's range is narrower than SPEC 8 allows:

* a hidden `<N` head count: never one value (its people's answers are held by the share rule);
* a hidden share: its count of people with the attribute takes at least N values, or both 0 and
  the group's whole answer count are possible (the reader cannot tell all from none);
* a hidden WHO-5 mean: its raw sum takes at least N values.
"""
import argparse
import collections
import pathlib
import re
import sys
import warnings

import numpy as np
import openpyxl
from scipy.optimize import Bounds, LinearConstraint, milp
from scipy.sparse import lil_matrix

import observation_model

warnings.filterwarnings("ignore")
TOLERANCE = 1e-6
BIG = 100_000


class Model:
    """Integer unknowns and linear relations among them.

    Every unknown belongs to a family: head counts ("n") or one item's answers (a need area, the
    WHO-5 items, …). A relation never mixes two items, so the range of an unknown is found in the
    model of head counts and its own item: the same answer as the whole model, a hundred times faster.
    """

    def __init__(self):
        self.names, self.lower, self.upper, self.integer, self.family = {}, [], [], [], []
        self.rows = []  # (coefficients {index: value}, low, high, family)
        self.parts = {}

    def var(self, name, low=0, high=BIG, integer=True, family="n"):
        if name not in self.names:
            self.names[name] = len(self.lower)
            self.lower.append(low)
            self.upper.append(high)
            self.integer.append(integer)
            self.family.append(family)
        return self.names[name]

    def relate(self, terms, low, high):
        coefficients = collections.defaultdict(float)
        for index, value in terms:
            coefficients[index] += value
        families = {self.family[index] for index in coefficients} - {"n"}
        assert len(families) <= 1, families
        self.rows.append((dict(coefficients), low, high, families.pop() if families else "n"))

    def equal(self, terms, value, tolerance=0.0):
        self.relate(terms, value - tolerance, value + tolerance)

    def at_most(self, terms, value):
        self.relate(terms, -np.inf, value)

    def at_least(self, terms, value):
        self.relate(terms, value, np.inf)

    def part(self, family):
        """The head counts and one family: (local index of each unknown, constraint, bounds, integrality)."""
        if family in self.parts:
            return self.parts[family]
        members = [i for i, f in enumerate(self.family) if f in ("n", family)]
        local = {index: position for position, index in enumerate(members)}
        rows = [row for row in self.rows if row[3] in ("n", family)]
        matrix = lil_matrix((max(len(rows), 1), len(members)))
        low, high = np.full(max(len(rows), 1), -np.inf), np.full(max(len(rows), 1), np.inf)
        for row, (coefficients, lo, hi, _) in enumerate(rows):
            for index, value in coefficients.items():
                matrix[row, local[index]] = value
            low[row], high[row] = lo, hi
        part = (local, LinearConstraint(matrix.tocsr(), low, high),
                Bounds(np.array([self.lower[i] for i in members], float), np.array([self.upper[i] for i in members], float)),
                np.array([1 if self.integer[i] else 0 for i in members]))
        self.parts[family] = part
        return part

    def freeze(self):
        self.parts = {}

    def optimum(self, terms, sense):
        family = next((self.family[i] for i, _ in terms if self.family[i] != "n"), "n")
        local, constraint, bounds, integrality = self.part(family)
        objective = np.zeros(len(local))
        for index, value in terms:
            objective[local[index]] += value * sense
        result = milp(objective, constraints=[constraint], bounds=bounds, integrality=integrality,
                      options={"mip_rel_gap": 0, "time_limit": 60})
        if result.x is None:
            # HiGHS's presolve now and then calls a model with tolerance equalities infeasible
            # that is not; solved again without it.
            result = milp(objective, constraints=[constraint], bounds=bounds, integrality=integrality,
                          options={"mip_rel_gap": 0, "time_limit": 60, "presolve": False})
        if result.x is None:
            raise Contradiction(f"nothing satisfies the relations of {family}: {result.message}")
        return sense * result.fun

    def name_of(self, index):
        return next(name for name, i in self.names.items() if i == index)

    def range(self, index):
        return round(self.optimum([(index, 1)], 1)), round(self.optimum([(index, 1)], -1))


# --- reading cells -------------------------------------------------------------------------

SMALL = re.compile(r"^<(\d+)$")


def kind(value):
    """What a cell says: a number, a mark of SPEC 8, an old bound, or nothing."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return ("number", float(value))
    if value is None or value == "":
        return ("blank", None)
    text = str(value).strip()
    if SMALL.match(text):
        return ("small", int(SMALL.match(text).group(1)))
    if text == "×":
        return ("complementary", None)
    if text in ("nav atbilžu", "no answers"):
        return ("empty", None)
    if text in ("nav jautāts", "not asked"):
        return ("not-asked", None)
    if text == "<10%":
        return ("below-ten", None)
    if text == ">90%":
        return ("above-ninety", None)
    return ("text", text)


def table(sheet, header_row=4):
    """Header texts and body rows (lists of cell values) up to the first empty row."""
    rows = list(sheet.iter_rows(min_row=header_row, values_only=True))
    headers = [str(h) if h is not None else "" for h in rows[0]]
    # A table ends at its first blank header: what stands beyond it (Labbūtība's hidden chart
    # data, one institution a row) is another block, not more columns of these rows.
    width = headers.index("", 1) if "" in headers[1:] else len(headers)
    headers = headers[:width]
    body = []
    for row in rows[1:]:
        if all(cell is None for cell in row[:width]):
            break
        body.append(list(row[:width]))
    return headers, body


def measure_of(header):
    """A wellbeing column: (measure, answer-count key, type) from its header."""
    if "WHO-5" in header and ("vidēji" in header or "mean" in header):
        return ("who5", "who5", "who5-mean")
    if "WHO-5" in header and "50" in header:
        return ("poor", "who5", "share")
    if "WHO-5" in header and "28" in header:
        return ("screen", "who5", "share")
    if "CBI" in header and "50" in header:
        return ("burnout", "cbi", "share")
    if "CBI" in header:
        return ("cbi", "cbi", "mean")
    return (header, header, "share")


class Reader:
    """Turns the workbooks of one or two waves into a Model and a list of hidden cells."""

    def __init__(self, min_group):
        self.min = min_group
        self.model = Model()
        self.hidden = []  # (where, type, count index, answered index or None)
        self.extremes = []  # shown 0 % or 100 %: (where, answered index)
        self.booked = {}  # wave → codes of the institutions with a workbook
        self.parents = {}  # count index → [(count, answered)] of the published groups that contain it
        self.empty = set()  # (wave, group) marked "no answers": every count of theirs is 0
        self.totals = {}  # count index → (count, answered) of the wave's total for the same measure
        self.waves = []
        self.observation = observation_model.Observations(self, kind, BIG, TOLERANCE)

    # Unknowns, one name per fact, shared by every workbook that shows it.
    def n(self, wave, group):
        return self.model.var(("n", wave, group))

    def answered(self, wave, group, key):
        index = self.model.var(("c", wave, group, key), family=key)
        self.model.at_most([(index, 1), (self.n(wave, group), -1)], 0)
        return index

    def count(self, wave, group, key, measure):
        index = self.model.var(("k", wave, group, measure), family=key)
        self.model.at_most([(index, 1), (self.answered(wave, group, key), -1)], 0)
        return index

    def total(self, wave, group, key):
        """The raw WHO-5 sum (integer, 0–25 per person) or the CBI sum (continuous, 0–100)."""
        c = self.answered(wave, group, key)
        integer = key == "who5"
        index = self.model.var(("s", wave, group, key), 0, BIG * 100, integer, family=key)
        self.model.at_most([(index, 1), (c, -(25 if integer else 100))], 0)
        return index

    # One cell of a share, a mean or an n, as the reader sees it.
    def share_cell(self, where, value, wave, group, key, measure):
        c, k = self.answered(wave, group, key), self.count(wave, group, key, measure)
        parents = [(self.count(wave, "total", key, measure), self.answered(wave, "total", key))]
        if isinstance(group, tuple) and len(group) == 3:  # inside an institution: its row, the council's group
            for parent in (group[0], (group[1], group[2])):
                parents.append((self.count(wave, parent, key, measure), self.answered(wave, parent, key)))
        self.parents[k] = parents
        what, number = kind(value)
        if what == "number":
            self.model.equal([(k, 1), (c, -number)], 0, TOLERANCE)
            self.model.at_least([(c, 1)], 1)
            if number in (0.0, 1.0):
                self.extremes.append((where, c))
        elif what == "below-ten":
            self.model.at_most([(k, 10), (c, -1)], -1)
            self.hidden.append((where, "share", k, c))
        elif what == "above-ninety":
            self.model.at_least([(k, 10), (c, -9)], 1)
            self.hidden.append((where, "share", k, c))
        elif what == "small":
            self.model.at_most([(c, 1)], number - 1)
            self.hidden.append((where, "share", k, c))
        elif what == "complementary":
            self.hidden.append((where, "share", k, c))
        elif what in ("empty", "not-asked"):
            self.model.equal([(c, 1)], 0)

    def mean_cell(self, where, value, wave, group, key):
        c, s = self.answered(wave, group, key), self.total(wave, group, key)
        what, number = kind(value)
        scale = 4 if key == "who5" else 1
        if what == "number":
            self.model.equal([(s, scale), (c, -number)], 0, TOLERANCE * 100)
            self.model.at_least([(c, 1)], 1)
        elif what == "small":
            self.model.at_most([(c, 1)], number - 1)
            if key == "who5":
                self.hidden.append((where, "sum", s, c))
        elif what == "complementary":
            if key == "who5":
                self.hidden.append((where, "sum", s, c))
        elif what in ("empty", "not-asked"):
            self.model.equal([(c, 1)], 0)

    def n_cell(self, where, value, wave, group):
        n = self.n(wave, group)
        what, number = kind(value)
        if what == "number":
            self.model.equal([(n, 1)], number)
        elif what == "small":
            # An older program marks an empty group `<N` too: 0 … N − 1.
            self.model.relate([(n, 1)], 0, number - 1)
            self.hidden.append((where, "n", n, None))
        elif what == "complementary":
            # A program that marks small groups `<N` only hides whole groups of N or more as ×.
            self.model.at_least([(n, 1)], self.min)
            self.hidden.append((where, "n-x", n, None))
        elif what == "empty":
            self.model.equal([(n, 1)], 0)
            self.empty.add((wave, group))

    def answered_cell(self, value, wave, group, key):
        what, number = kind(value)
        if what == "number":
            self.model.equal([(self.answered(wave, group, key), 1)], number)

    def change_cell(self, value, share, wave, previous, group, area):
        """Pieaugums / Trend = max(0, now − before): before = now − change, or before ≥ now."""
        what, change = kind(value)
        now_kind, now = kind(share)
        if what != "number" or now_kind != "number" or previous is None:
            return
        c = self.answered(previous, group, ("area", area))
        k = self.count(previous, group, ("area", area), ("area", area))
        if change > 0:
            self.model.equal([(k, 1), (c, -(now - change))], 0, TOLERANCE)
        else:
            self.model.at_least([(k, 1), (c, -now)], -TOLERANCE)

    # --- the workbooks --------------------------------------------------------------------

    def council(self, path, wave, previous):
        book = openpyxl.load_workbook(path, data_only=True, read_only=False)
        sheets = {name.lower(): book[name] for name in book.sheetnames}
        summary = book[book.sheetnames[0]]
        represented = None
        for row in summary.iter_rows(min_row=4, max_row=12, values_only=True):
            if row[0] in ("Respondenti", "Respondents"):
                self.model.equal([(self.n(wave, "total"), 1)], float(row[1]))
            if row[0] in ("Iestādes ar atbildēm", "Institutions with answers"):
                represented = int(row[1])
        priorities = sheets.get("prioritātes") or sheets.get("priorities")
        headers, body = table(priorities)
        column = {h: i for i, h in enumerate(headers)}
        share_column = 4
        for row in body:
            area = row[1]
            self.answered_cell(row[column["n"]], wave, "total", ("area", area))
            self.share_cell(f"{path.name} Prioritātes {area}", row[share_column], wave, "total", ("area", area),
                            ("area", area))
            trend = column.get("Pieaugums", column.get("Trend"))
            if trend is not None:
                self.change_cell(row[trend], row[share_column], wave, previous, "total", area)
        institutions = sheets.get("iestādes") or sheets.get("institutions")
        headers, body = table(institutions)
        area_ids = self.area_ids(priorities, headers[4:])
        codes = []
        for row in body:
            if not row[0]:
                continue
            code = row[0]
            codes.append(code)
            group = ("institution", code)
            self.n_cell(f"{path.name} Iestādes {code} n", row[2], wave, group)
            for offset, area in enumerate(area_ids):
                self.share_cell(f"{path.name} Iestādes {code} {area}", row[4 + offset], wave, group, ("area", area),
                                ("area", area))
        self.codes = codes
        if represented is not None:
            # "Institutions that answered": one yes/no unknown per institution, n > 0 exactly when yes.
            flags = []
            for code in codes:
                n, flag = self.n(wave, ("institution", code)), self.model.var(("answered?", wave, code), 0, 1)
                self.model.at_most([(n, 1), (flag, -BIG)], 0)
                self.model.at_least([(n, 1), (flag, -1)], 0)
                flags.append((flag, 1))
            self.model.equal(flags, represented)
        for area in area_ids:
            for term in ("c", "k"):
                key = ("area", area)
                parts = [self.answered(wave, ("institution", code), key) if term == "c"
                         else self.count(wave, ("institution", code), key, key) for code in codes]
                whole = self.answered(wave, "total", key) if term == "c" else self.count(wave, "total", key, key)
                self.model.equal([(p, 1) for p in parts] + [(whole, -1)], 0)
        self.model.equal([(self.n(wave, ("institution", c)), 1) for c in codes] + [(self.n(wave, "total"), -1)], 0)
        wellbeing = sheets.get("labbūtība") or sheets.get("wellbeing")
        self.wellbeing(wellbeing, path.name, wave, scope="total")
        self.observation.council(book, path.name, wave)

    def area_ids(self, priorities, names):
        headers, body = table(priorities)
        by_name = {row[2]: row[1] for row in body}
        return [by_name[name] for name in names]

    def wellbeing(self, sheet, name, wave, scope, own=None):
        """Labbūtība: sections of groups; every section's groups add up to (at most) its total."""
        headers, body = table(sheet)
        if len(headers) < 5 or not body:
            return
        measures = [measure_of(h) for h in headers[4:]]
        sections = collections.defaultdict(list)
        for row in body:
            section, key, label = row[0], row[1], row[2]
            if section in ("Novadā kopā", "Municipality"):
                group = "total"
            elif section in ("Iestāde", "Institution"):
                group = ("institution", key)
            elif scope == "total":
                group = (section, str(key))
            else:
                group = (("institution", own), section, str(key))
            sections[section].append(group)
            where = f"{name} Labbūtība {section} {key}"
            self.n_cell(where + " n", row[3], wave, group)
            for (measure, key_, type_), value in zip(measures, row[4:]):
                if type_ == "share":
                    self.share_cell(f"{where} {measure}", value, wave, group, key_, measure)
                else:
                    self.mean_cell(f"{where} {measure}", value, wave, group, key_)
        whole = "total" if scope == "total" else ("institution", own)
        for section, groups in sections.items():
            if section in ("Novadā kopā", "Municipality") or (scope != "total" and section in ("Iestāde", "Institution")):
                continue
            exact = section in ("Iestāde", "Institution")
            multi = section in ("Mācību joma", "Learning area")
            if multi:
                continue
            self.add_up(wave, groups, whole, measures, exact)
            if scope == "total" and not exact:
                # Council role = Σ over every institution of that role inside it (unknowns where no
                # workbook shows them).
                # Council role ≥ Σ of that role inside every institution that has a workbook.
                for group in groups:
                    parts = [(("institution", code), group[0], group[1]) for code in self.booked[wave]]
                    if parts:
                        self.add_up(wave, parts, group, measures, False)

    def add_up(self, wave, groups, whole, measures, exact):
        def relation(terms):
            if exact:
                self.model.equal(terms, 0)
            else:
                self.model.at_most(terms, 0)
        relation([(self.n(wave, g), 1) for g in groups] + [(self.n(wave, whole), -1)])
        for key in {m[1] for m in measures}:
            relation([(self.answered(wave, g, key), 1) for g in groups] + [(self.answered(wave, whole, key), -1)])
        for measure, key, type_ in measures:
            if type_ == "share":
                relation([(self.count(wave, g, key, measure), 1) for g in groups]
                         + [(self.count(wave, whole, key, measure), -1)])
            elif type_ == "who5-mean":
                relation([(self.total(wave, g, key), 1) for g in groups] + [(self.total(wave, whole, key), -1)])

    def institution(self, path, wave, previous, code):
        book = openpyxl.load_workbook(path, data_only=True)
        group = ("institution", code)
        summary = book[book.sheetnames[0]]
        headers, body = table(summary)
        for row in body:
            if row[0] in ("Respondenti", "Respondents"):
                self.n_cell(f"{path.name} Kopsavilkums n", row[1], wave, group)
                continue
            measure = measure_of(str(row[0]))
            if "WHO-5" in str(row[0]) or "CBI" in str(row[0]) or "Stress" in str(row[0]):
                if measure[2] == "share":
                    self.share_cell(f"{path.name} Kopsavilkums {measure[0]}", row[1], wave, group, measure[1], measure[0])
                    self.share_cell(f"{path.name} Kopsavilkums {measure[0]} (novadā)", row[2], wave, "total", measure[1],
                                    measure[0])
                else:
                    self.mean_cell(f"{path.name} Kopsavilkums {measure[0]}", row[1], wave, group, measure[1])
        priorities = book[book.sheetnames[1]]
        headers, body = table(priorities)
        column = {h: i for i, h in enumerate(headers)}
        trend = column.get("Pieaugums", column.get("Trend"))
        for row in body:
            area = row[1]
            key = ("area", area)
            where = f"{path.name} Prioritātes {area}"
            self.answered_cell(row[column["n"]], wave, group, key)
            self.share_cell(where, row[4], wave, group, key, key)
            if trend is not None:
                self.change_cell(row[trend], row[4], wave, previous, group, area)
        self.wellbeing(book[book.sheetnames[2]], path.name, wave, scope="institution", own=code)
        self.observation.institution(book, path.name, wave, code)

    def read(self, directory, wave, previous):
        directory = pathlib.Path(directory)
        self.booked[wave] = [path.stem[len(wave) + 1:] for path in sorted(directory.glob(f"{wave}-*.xlsx"))
                             if path.stem != f"{wave}-padome"]
        self.council(directory / f"{wave}-padome.xlsx", wave, previous)
        for path in sorted(directory.glob(f"{wave}-*.xlsx")):
            code = path.stem[len(wave) + 1:]
            if code != "padome":
                self.institution(path, wave, previous, code)


class Contradiction(Exception):
    """The published figures cannot all be true: a mark says less than the totals do."""


def attack(reader, first=False):
    try:
        return narrowings(reader, first)
    except Contradiction as error:
        # A `<N` on a group of N or more (issue 13.5) makes the relations contradict each other:
        # that is a false statement in a workbook, and a failure of its own.
        return 1, [f"the workbooks contradict themselves ({error}): some mark is not true"]


def narrowings(reader, first):
    """The rule of SPEC 8, as a reader could break it:

    * a `<N` head count: the reader pins it to one value;
    * a hidden share of a group that may be under N people: its count takes fewer than N values
      and the reader can rule out "none" or "all" — unless the wave's own published total is as
      narrow (none or nearly none of the whole municipality has it: that is the total's news);
    * any hidden share the reader can show is 0 % or 100 % of a group under 2 × N;
    * a hidden WHO-5 mean of a group that may be under N people: its raw sum takes fewer than N values;
    * a shown 0 % or 100 % of a group the reader can tell is under 2 × N.
    """
    model = reader.model
    model.freeze()
    failures, checked, seen = [], 0, set()
    small = reader.min
    for where, type_, index, answered in reader.hidden:
        if first and failures:
            break
        if index in seen:
            continue
        seen.add(index)
        checked += 1
        if type_ == "n-x":
            continue  # a group of N or more by the rule itself: its own size is no small number
        low, high = model.range(index)
        if type_ == "n":
            if high == low:
                failures.append(f"{where}: n is {low}…{high}")
            continue
        if high - low + 1 >= small:
            continue
        fewest = round(model.optimum([(answered, 1)], 1))
        most = round(model.optimum([(answered, 1)], -1))
        if type_ == "sum":
            if fewest < small:
                failures.append(f"{where}: WHO-5 raw sum is {low}…{high}")
            continue
        none_possible = low == 0
        all_possible = round(model.optimum([(answered, 1), (index, -1)], 1)) == 0
        always_all = round(model.optimum([(answered, 1), (index, -1)], -1)) == 0

        def parent_as_narrow(margin):
            """A published group containing this one (the wave, the institution, the council's
            group) where at most `margin` people have — or lack — the attribute: the narrowing is
            that group's own published news, not a hidden cell given away."""
            for total, total_answered in reader.parents[index]:
                if round(model.optimum([(total, 1)], -1)) <= margin:
                    return True
                if round(model.optimum([(total_answered, 1), (total, -1)], -1)) <= margin:
                    return True
            return False

        if most < 2 * small and (high == 0 or always_all):
            if not parent_as_narrow(0):
                failures.append(f"{where}: 0 % or 100 % of at most {most} people")
            continue
        if fewest < small and not (none_possible and all_possible) and not parent_as_narrow(small - 2):
            failures.append(f"{where}: share's count is {low}…{high} of {fewest}…{most} people")
    for where, answered in reader.extremes:
        if answered in seen:
            continue
        seen.add(answered)
        checked += 1
        # All or none of a group the reader can tell is under 2 × N (SPEC 8 "Extremes").
        largest = round(model.optimum([(answered, 1)], -1))
        if largest < 2 * small:
            failures.append(f"{where}: 0 % or 100 % of at most {largest} people")
    return checked, failures


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dir", required=True)
    parser.add_argument("--wave", required=True)
    parser.add_argument("--previous")
    parser.add_argument("--min-group", type=int, default=5)
    parser.add_argument("--first", action="store_true", help="stop at the first narrowed cell")
    args = parser.parse_args()
    reader = Reader(args.min_group)
    if args.previous:
        reader.read(args.dir, args.previous, None)
    reader.read(args.dir, args.wave, args.previous)
    checked, failures = attack(reader, args.first)
    for failure in failures:
        print("NARROWED", failure)
    print(f"attacker: {checked} hidden cells, {len(failures)} narrowed below the rule "
          f"({len(reader.model.lower)} unknowns, {len(reader.model.rows)} relations)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())

"""What both peers share and an analyst would write once: the command line, where each needs-v1
item sits in the export (its standard header, or the header a pipeline's `columns:` names), SPEC 8's
disclosure rule over one column, and the headline numbers printed as JSON for bench/agree.py."""
import argparse
import csv
import json
import pathlib

import numpy as np
import yaml

Z = 1.96
WEIGHTS = {"high": 0.4, "intensity": 0.2, "breadth": 0.1}
EMPTY, SMALL, HIDDEN, SHOWN = 0, 1, 2, 3
# The submission-time and e-mail columns of a Google Forms export, in English or Latvian.
TIME_HEADERS = ("Timestamp", "Laikspiedols")
EMAIL_HEADERS = ("Email address", "E-pasta adrese")


def arguments():
    parser = argparse.ArgumentParser()
    parser.add_argument("--csv", required=True)
    parser.add_argument("--register", required=True)
    parser.add_argument("--seeds", required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--columns", help="YAML mapping item id -> header, as in the pipeline's `columns:`")
    parser.add_argument("--min-group", type=int, default=5)
    parser.add_argument("--threshold", type=float, default=0.25)
    return parser.parse_args()


def seed_list(seeds, name):
    with open(seeds / f"{name}.csv", encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


class Questionnaire:
    """The headers the peers read, per item, with each scale's label -> value table."""

    def __init__(self, args):
        seeds = pathlib.Path(args.seeds)
        definition = yaml.safe_load(open(seeds / "instruments" / "needs-v1.yaml", encoding="utf-8"))
        mapping = yaml.safe_load(open(args.columns, encoding="utf-8")) if args.columns else {}
        self.scales = {name: {o["lv"]: o["value"] for o in options} for name, options in definition["scales"].items()}
        items = {item["id"]: item for item in definition["items"]}
        self.areas = seed_list(seeds, "need_areas")

        def grid(item, rows):
            return {f"{item['id']}_{row['id']}": mapping.get(f"{item['id']}_{row['id']}", f"{item['header']} [{row['lv']}]")
                    for row in rows}

        self.institution = mapping.get("institution", items["institution"]["header"])
        self.need = grid(items["need"], self.areas)  # need_<area> -> header
        self.who5 = grid(items["who5"], items["who5"]["rows"])
        self.cbi = {}  # cbi_<n> -> (header, scale, reverse)
        for item in definition["items"]:
            if item["id"] == "cbi":
                for item_id, header in grid(item, item["rows"]).items():
                    row = next(r for r in item["rows"] if f"cbi_{r['id']}" == item_id)
                    self.cbi[item_id] = (header, item["scale"], bool(row.get("reverse")))

    @staticmethod
    def meta(headers):
        """The submission-time and e-mail headers of this export."""
        return next(h for h in headers if h in TIME_HEADERS), next(h for h in headers if h in EMAIL_HEADERS)


def disclose(answered, yes, min_group, forced=None):
    """SPEC 8 over one column with a shown total: no answers, under the threshold, 0 %/100 % under
    twice it, then the smallest shown cells hidden until the hidden ones hold at least two cells and
    min_group people (for shares also min_group - 1 with and without the attribute; for head counts
    small cells must not pin each other). Returns one status per cell."""
    status = np.where(answered == 0, EMPTY, np.where(answered < min_group, SMALL, SHOWN))
    if yes is not None:
        status[(status == SHOWN) & (answered < 2 * min_group) & ((yes == 0) | (yes == answered))] = HIDDEN
    if forced is not None:
        status = np.where(forced >= 0, forced, status)

    def safe():
        hidden = ((status == SMALL) | (status == HIDDEN)) & (answered > 0)
        count = int(hidden.sum())
        if count == 0:
            return True
        people = int(answered[hidden].sum())
        if count < 2 or people < min_group:
            return False
        if yes is not None:
            with_it = int(yes[hidden].sum())
            return with_it >= min_group - 1 and people - with_it >= min_group - 1
        small = int((status[hidden] == SMALL).sum())
        return small < count or people - (small - 1) * (min_group - 1) < min_group - 1

    order = np.lexsort((np.arange(len(answered)), answered))
    while not safe():
        shown = [i for i in order if status[i] == SHOWN]
        if not shown:
            break
        status[shown[0]] = HIDDEN
    return status


def breadth(sizes, answered_by, high_by, share_by, min_group, threshold):
    """SPEC 7: per area, the fraction of institutions whose share is published (SPEC 8 with the
    rows' own suppression forced) that reach the threshold. Arrays are per register institution;
    answered_by, high_by and share_by are per area."""
    rows = disclose(sizes, None, min_group)
    forced = np.where(rows == SHOWN, -1, rows)
    result = {}
    for area, answered in answered_by.items():
        published = disclose(answered, high_by[area], min_group, forced) == SHOWN
        result[area] = float((share_by[area][published] >= threshold).mean())
    return result


def wilson(share, high, answered):
    """The 95 % Wilson interval of each share, closed at 0 and 1 when no one or everyone said so."""
    centre = (share + Z * Z / (2 * answered)) / (1 + Z * Z / answered)
    half = Z * np.sqrt(share * (1 - share) / answered + Z * Z / (4 * answered ** 2)) / (1 + Z * Z / answered)
    return np.where(high > 0, centre - half, 0.0), np.where(high < answered, centre + half, 1.0)


def score(share, intensity, breadth_):
    value = 100 * (WEIGHTS["high"] * share + WEIGHTS["intensity"] * intensity + WEIGHTS["breadth"] * breadth_) / sum(WEIGHTS.values())
    return np.floor(value * 10 + 0.5) / 10


def print_headline(priorities, who5, cbi, respondents):
    """priorities: dicts with area, rank, score, share, low, high, intensity, breadth."""
    headline = {row["area"]: {name: (int(row[name]) if name == "rank" else float(row[name]))
                              for name in ("rank", "score", "share", "low", "high", "intensity", "breadth")}
                for row in priorities}
    headline["_who5"] = float(who5)
    headline["_cbi"] = float(cbi)
    headline["_respondents"] = int(respondents)
    print(json.dumps(headline))

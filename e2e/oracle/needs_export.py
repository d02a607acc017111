"""Reads a needs-v1 Google Forms export the way SPEC 4 and 9 describe, independently of the Swift
code: labels → values from the instrument YAML, unusable rows dropped, the latest submission of
each e-mail kept. Shared by the oracles in this folder."""
import csv
import pathlib
import unicodedata

import pandas as pd
import yaml


def fold(text):
    """Case-, diacritics- and space-insensitive key (SPEC 4.2)."""
    decomposed = unicodedata.normalize("NFD", str(text))
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()
    return " ".join(plain.split())


def seed_list(seeds, name):
    with open(pathlib.Path(seeds) / f"{name}.csv", encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


ZONE_HOURS = {"EET": 2, "EEST": 3, "UTC": 0, "GMT": 0}


def utc_time(text):
    """Google's `2026/10/25 3:10:00 AM EET` in UTC, so the clock change orders submissions right."""
    local, zone = text.rsplit(" ", 1)
    moment = pd.to_datetime(local, format="%Y/%m/%d %I:%M:%S %p")
    return moment - pd.Timedelta(hours=ZONE_HOURS[zone.upper()])


class Survey:
    """Accepted, non-superseded responses as a DataFrame: one column per item id (numbers for
    scaled items, 0/1 per option for multi-selects), plus `institution` (register code)."""

    def __init__(self, csv_path, seeds, register_path):
        seeds = pathlib.Path(seeds)
        definition = yaml.safe_load(open(seeds / "instruments" / "needs-v1.yaml", encoding="utf-8"))
        self.scales = {name: {fold(o["lv"]): o["value"] for o in options} for name, options in definition["scales"].items()}
        self.register = pd.read_csv(register_path, dtype={"code": str})
        by_name = {fold(name): code for name, code in zip(self.register["name"], self.register["code"])}
        by_name.update({fold(code): code for code in self.register["code"]})
        self.need_areas = [row["id"] for row in seed_list(seeds, "need_areas")]
        self.stress_sources = [row["id"] for row in seed_list(seeds, "stress_sources")]
        self.options = {}

        columns = []  # (header, item id, kind, scale or options)
        for item in definition["items"]:
            if item["type"] == "grid":
                rows = item["rows"] if isinstance(item["rows"], list) else seed_list(seeds, item["rows"])
                for row in rows:
                    columns.append((f"{item['header']} [{row['lv']}]", f"{item['id']}_{row['id']}", "scaled", item["scale"]))
            elif item["type"] == "multi":
                options = seed_list(seeds, item["options"])
                self.options[item["id"]] = [o["id"] for o in options]
                columns.append((item["header"], item["id"], "multi", options))
            else:
                columns.append((item["header"], item["id"], item["type"], item.get("scale")))

        raw = pd.read_csv(csv_path, dtype=str, keep_default_na=False)
        records = []
        for _, row in raw.iterrows():
            record = {"_email": row["Email address"].strip().lower(),
                      "_time": utc_time(row["Timestamp"])}
            usable = True
            for header, item_id, kind, detail in columns:
                text = row[header]
                if kind == "institution":
                    code = by_name.get(fold(text))
                    usable = usable and code is not None
                    record["institution"] = code
                elif kind in ("scaled", "choice"):
                    if text.strip() == "":
                        record[item_id] = None
                    elif fold(text) in self.scales[detail]:
                        record[item_id] = self.scales[detail][fold(text)]
                    else:
                        usable = False
                elif kind == "multi":
                    chosen = self.split_choices(text, detail)
                    if chosen is None:
                        usable = False
                        continue
                    for option in detail:
                        record[f"{item_id}__{option['id']}"] = None if text.strip() == "" else int(option["id"] in chosen)
            if usable:
                records.append(record)
        frame = pd.DataFrame.from_records(records)
        # SPEC 9: of several submissions of one e-mail the latest counts.
        frame = frame.sort_values("_time", kind="stable").drop_duplicates("_email", keep="last")
        self.frame = frame.reset_index(drop=True)

    @staticmethod
    def split_choices(text, options):
        """Google Forms joins choices with ", " and labels may contain ", ": longest label first."""
        labels = sorted(((o["lv"], o["id"]) for o in options), key=lambda pair: len(pair[0]), reverse=True)
        chosen, rest = set(), text.strip()
        while rest:
            for label, option_id in labels:
                if rest.startswith(label) and (len(rest) == len(label) or rest[len(label):].startswith(", ")):
                    chosen.add(option_id)
                    rest = rest[len(label):].removeprefix(", ")
                    break
            else:
                return None
        return chosen

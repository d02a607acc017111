"""The peer an analyst would write instead of atbalsts: pandas + XlsxWriter, vectorised, reading the
same Google Forms export and writing a comparable council workbook (priorities with Wilson
intervals, intensity, breadth and score; institution heat map with the <5 rule; WHO-5 and CBI per
institution). It also prints its headline numbers as JSON so the benchmark can check agreement.

    .venv/bin/python bench/peers/pandas_peer.py --csv EXPORT.csv --register REGISTER.csv --seeds seeds --out BOOK.xlsx
"""
import argparse
import csv
import json
import math
import pathlib

import numpy as np
import pandas as pd
import yaml

Z = 1.96
WEIGHTS = {"high": 0.4, "intensity": 0.2, "breadth": 0.1}


def seed_list(seeds, name):
    with open(seeds / f"{name}.csv", encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


EMPTY, SMALL, HIDDEN, SHOWN = 0, 1, 2, 3


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


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--csv", required=True)
    parser.add_argument("--register", required=True)
    parser.add_argument("--seeds", required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--min-group", type=int, default=5)
    parser.add_argument("--threshold", type=float, default=0.25)
    args = parser.parse_args()
    seeds = pathlib.Path(args.seeds)
    definition = yaml.safe_load(open(seeds / "instruments" / "needs-v1.yaml", encoding="utf-8"))
    scales = {name: {o["lv"]: o["value"] for o in options} for name, options in definition["scales"].items()}
    items = {item["id"]: item for item in definition["items"]}
    areas = seed_list(seeds, "need_areas")
    who5_rows = items["who5"]["rows"]
    cbi_items = [i for i in definition["items"] if i["id"] == "cbi"]

    raw = pd.read_csv(args.csv, dtype=str, keep_default_na=False)
    register = pd.read_csv(args.register, dtype={"code": str})
    code_by_name = dict(zip(register["name"].str.casefold(), register["code"]))
    raw["institution"] = raw[items["institution"]["header"]].str.casefold().map(code_by_name)
    raw = raw[raw["institution"].notna()]
    raw["_time"] = pd.to_datetime(raw["Timestamp"].str.rsplit(" ", n=1).str[0], format="%Y/%m/%d %I:%M:%S %p")
    raw["_email"] = raw["Email address"].str.strip().str.lower()
    raw = raw.sort_values("_time", kind="stable").drop_duplicates("_email", keep="last")

    need_header = items["need"]["header"]
    need = pd.DataFrame({a["id"]: raw[f"{need_header} [{a['lv']}]"].map(scales["need"]) for a in areas})
    who5 = pd.DataFrame({r["id"]: raw[f"{items['who5']['header']} [{r['lv']}]"].map(scales["who5"]) for r in who5_rows})
    cbi = pd.DataFrame({r["id"]: raw[f"{item['header']} [{r['lv']}]"].map(scales[item["scale"]])
                        for item in cbi_items for r in item["rows"]})
    reverse = [r["id"] for item in cbi_items for r in item["rows"] if r.get("reverse")]
    cbi[reverse] = 100 - cbi[reverse]
    frame = pd.DataFrame({"institution": raw["institution"].values})
    frame["who5"] = (who5.sum(axis=1) * 4).where(who5.notna().all(axis=1)).values
    frame["cbi"] = cbi.mean(axis=1).where(cbi.notna().sum(axis=1) >= 4).values
    need.index = frame.index

    # Priorities
    answered = need.notna().sum()
    high = (need == 3).sum()
    share = high / answered
    intensity = need.mean() / 3
    sizes = frame.groupby("institution").size()
    by_institution = (need == 3).where(need.notna()).groupby(frame["institution"]).mean()
    # SPEC 7: breadth among institutions whose share of the area is published (SPEC 8's rules).
    codes = register["code"]
    rows = disclose(sizes.reindex(codes).fillna(0).to_numpy(dtype=int), None, args.min_group)
    forced = np.where(rows == SHOWN, -1, rows)
    answered_by = need.notna().groupby(frame["institution"]).sum().reindex(codes).fillna(0).astype(int)
    high_by = (need == 3).groupby(frame["institution"]).sum().reindex(codes).fillna(0).astype(int)
    breadth = pd.Series({
        area: float((by_institution[area].reindex(codes)[published] >= args.threshold).mean())
        for area in need.columns
        for published in [disclose(answered_by[area].to_numpy(), high_by[area].to_numpy(), args.min_group, forced) == SHOWN]
    })
    p = share
    centre = (p + Z * Z / (2 * answered)) / (1 + Z * Z / answered)
    half = Z * np.sqrt(p * (1 - p) / answered + Z * Z / (4 * answered ** 2)) / (1 + Z * Z / answered)
    low = (centre - half).where(high > 0, 0.0)
    high_ci = (centre + half).where(high < answered, 1.0)
    score = 100 * (WEIGHTS["high"] * share + WEIGHTS["intensity"] * intensity + WEIGHTS["breadth"] * breadth) / sum(WEIGHTS.values())
    score = np.floor(score * 10 + 0.5) / 10
    priorities = pd.DataFrame({"area": [a["id"] for a in areas], "name": [a["lv"] for a in areas], "score": score.values,
                               "share": share.values, "low": low.values, "high": high_ci.values,
                               "intensity": intensity.values, "breadth": breadth.values, "n": answered.values})
    priorities = priorities.sort_values(["score", "share", "area"], ascending=[False, False, True]).reset_index(drop=True)
    priorities.insert(0, "rank", range(1, len(priorities) + 1))

    # Institutions and wellbeing with the <5 rule
    heat = by_institution.reindex(register["code"])
    counts = sizes.reindex(register["code"]).fillna(0).astype(int)
    wellbeing = frame.groupby("institution").agg(who5=("who5", "mean"), cbi=("cbi", "mean")).reindex(register["code"])

    with pd.ExcelWriter(args.out, engine="xlsxwriter") as writer:
        book = writer.book
        percent = book.add_format({"num_format": "0.0%"})
        priorities.to_excel(writer, sheet_name="Prioritātes", index=False)
        sheet = writer.sheets["Prioritātes"]
        sheet.set_column(4, 8, 12, percent)
        sheet.conditional_format(1, 3, len(priorities), 3, {"type": "data_bar"})
        chart = book.add_chart({"type": "bar"})
        chart.add_series({"categories": ["Prioritātes", 1, 2, len(priorities), 2], "values": ["Prioritātes", 1, 3, len(priorities), 3]})
        sheet.insert_chart(len(priorities) + 2, 2, chart)
        sheet.freeze_panes(1, 0)

        table = pd.DataFrame({"code": register["code"], "name": register["name"], "n": counts.values})
        for area in areas:
            table[area["lv"]] = heat[area["id"]].values
        table = table.astype(object)
        table.loc[table["n"] < args.min_group, ["n"] + [a["lv"] for a in areas]] = "<5"
        table.to_excel(writer, sheet_name="Iestādes", index=False)
        writer.sheets["Iestādes"].conditional_format(1, 3, len(table), 2 + len(areas), {"type": "3_color_scale"})
        writer.sheets["Iestādes"].freeze_panes(1, 2)

        well = pd.DataFrame({"code": register["code"], "n": counts.values, "who5": wellbeing["who5"].values,
                             "cbi": wellbeing["cbi"].values}).astype(object)
        well.loc[well["n"] < args.min_group, ["n", "who5", "cbi"]] = "<5"
        well.to_excel(writer, sheet_name="Labbūtība", index=False)

    headline = {row.area: {"rank": int(row.rank), "score": float(row.score), "share": float(row.share),
                           "low": float(row.low), "high": float(row.high), "intensity": float(row.intensity),
                           "breadth": float(row.breadth)} for row in priorities.itertuples()}
    headline["_who5"] = float(frame["who5"].mean())
    headline["_cbi"] = float(frame["cbi"].mean())
    headline["_respondents"] = int(len(frame))
    print(json.dumps(headline))


if __name__ == "__main__":
    main()

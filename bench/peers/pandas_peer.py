"""The peer an analyst would write instead of atbalsts: pandas + XlsxWriter, vectorised, reading the
same Google Forms export and writing a comparable council workbook (priorities with Wilson
intervals, intensity, breadth and score; institution heat map with the <5 rule; WHO-5 and CBI per
institution). It also prints its headline numbers as JSON so the benchmark can check agreement.

    .venv/bin/python bench/peers/pandas_peer.py --csv EXPORT.csv --register REGISTER.csv --seeds seeds --out BOOK.xlsx \
        [--columns MAPPING.yaml]
"""
import numpy as np
import pandas as pd

from peer_common import Questionnaire, arguments, breadth, print_headline, score, wilson


def main():
    args = arguments()
    q = Questionnaire(args)
    areas = q.areas

    raw = pd.read_csv(args.csv, dtype=str, keep_default_na=False)
    time_header, email_header = q.meta(raw.columns)
    register = pd.read_csv(args.register, dtype={"code": str})
    code_by_name = dict(zip(register["name"].str.casefold(), register["code"]))
    raw["institution"] = raw[q.institution].str.casefold().map(code_by_name)
    raw = raw[raw["institution"].notna()]
    raw["_time"] = pd.to_datetime(raw[time_header].str.rsplit(" ", n=1).str[0], format="%Y/%m/%d %I:%M:%S %p")
    raw["_email"] = raw[email_header].str.strip().str.lower()
    raw = raw.sort_values("_time", kind="stable").drop_duplicates("_email", keep="last")

    need = pd.DataFrame({a["id"]: raw[q.need[f"need_{a['id']}"]].map(q.scales["need"]) for a in areas})
    who5 = pd.DataFrame({i: raw[h].map(q.scales["who5"]) for i, h in q.who5.items()})
    cbi = pd.DataFrame({i: raw[h].map(q.scales[scale]) for i, (h, scale, _) in q.cbi.items()})
    reverse = [i for i, (_, _, rev) in q.cbi.items() if rev]
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
    answered_by = need.notna().groupby(frame["institution"]).sum().reindex(codes).fillna(0).astype(int)
    high_by = (need == 3).groupby(frame["institution"]).sum().reindex(codes).fillna(0).astype(int)
    spread = pd.Series(breadth(
        sizes.reindex(codes).fillna(0).to_numpy(dtype=int),
        {area: answered_by[area].to_numpy() for area in need.columns},
        {area: high_by[area].to_numpy() for area in need.columns},
        {area: by_institution[area].reindex(codes).to_numpy() for area in need.columns},
        args.min_group, args.threshold))
    low, high_ci = wilson(share.to_numpy(), high.to_numpy(), answered.to_numpy())
    priorities = pd.DataFrame({"area": [a["id"] for a in areas], "name": [a["lv"] for a in areas],
                               "score": score(share, intensity, spread).values,
                               "share": share.values, "low": low, "high": high_ci,
                               "intensity": intensity.values, "breadth": spread.values, "n": answered.values})
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

    print_headline(priorities.to_dict("records"), frame["who5"].mean(), frame["cbi"].mean(), len(frame))


if __name__ == "__main__":
    main()

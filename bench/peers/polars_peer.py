"""The fastest peer an analyst would write: polars + XlsxWriter. A lazy scan of the export reads
only the columns it needs (all as text), labels become numbers through each scale's table, one
group-by gives every per-institution count, and polars' own write_excel writes a comparable council
workbook (priorities with Wilson intervals, intensity, breadth and score and a chart; institution
heat map and WHO-5 / CBI per institution with the <5 rule). Prints its headline numbers as JSON so
the benchmark can check agreement.

    .venv/bin/python bench/peers/polars_peer.py --csv EXPORT.csv --register REGISTER.csv --seeds seeds --out BOOK.xlsx \
        [--columns MAPPING.yaml]
"""
import numpy as np
import polars as pl
import xlsxwriter

from peer_common import Questionnaire, arguments, breadth, print_headline, score, wilson


def main():
    args = arguments()
    q = Questionnaire(args)
    areas = [a["id"] for a in q.areas]

    export = pl.scan_csv(args.csv, infer_schema=False)
    time_header, email_header = q.meta(export.collect_schema().names())
    register = pl.read_csv(args.register, schema_overrides={"code": pl.String, "teachers": pl.Int64})
    code_by_name = dict(zip(register["name"].str.to_lowercase(), register["code"]))

    def scaled(header, scale):
        return pl.col(header).replace_strict(q.scales[scale], default=None, return_dtype=pl.Float64)

    cbi = [(100 - scaled(h, scale)) if reverse else scaled(h, scale) for h, scale, reverse in q.cbi.values()]
    who5 = [scaled(h, "who5") for h in q.who5.values()]
    frame = (
        export
        .with_columns(institution=pl.col(q.institution).str.to_lowercase().replace_strict(code_by_name, default=None),
                      _time=pl.col(time_header).str.replace(r" \S+$", "").str.strptime(pl.Datetime, "%Y/%m/%d %I:%M:%S %p"),
                      _email=pl.col(email_header).str.strip_chars().str.to_lowercase())
        .filter(pl.col("institution").is_not_null())
        .sort("_time", maintain_order=True)
        .unique("_email", keep="last", maintain_order=True)
        .select("institution",
                *[scaled(q.need[f"need_{a}"], "need").alias(a) for a in areas],
                who5=pl.when(pl.all_horizontal(w.is_not_null() for w in who5)).then(pl.sum_horizontal(who5) * 4),
                cbi=pl.when(pl.sum_horizontal(c.is_not_null() for c in cbi) >= 4).then(pl.mean_horizontal(cbi)))
        .collect()
    )

    # Priorities
    overall = frame.select(
        *[pl.col(a).count().alias(f"n_{a}") for a in areas],
        *[(pl.col(a) == 3).sum().alias(f"high_{a}") for a in areas],
        *[(pl.col(a).mean() / 3).alias(f"intensity_{a}") for a in areas],
        who5=pl.col("who5").mean(), cbi=pl.col("cbi").mean(), respondents=pl.len(),
    ).row(0, named=True)
    by = (
        register.select("code", "name")
        .join(frame.group_by("institution").agg(
            pl.len().alias("n"), pl.col("who5").mean(), pl.col("cbi").mean(),
            *[pl.col(a).count().alias(f"n_{a}") for a in areas],
            *[(pl.col(a) == 3).sum().alias(f"high_{a}") for a in areas],
        ), left_on="code", right_on="institution", how="left", maintain_order="left")
        .with_columns(pl.col("^(n|n_.*|high_.*)$").fill_null(0))
        .with_columns(*[(pl.col(f"high_{a}") / pl.col(f"n_{a}")).alias(a) for a in areas])
    )
    answered = np.array([overall[f"n_{a}"] for a in areas], dtype=float)
    high = np.array([overall[f"high_{a}"] for a in areas], dtype=float)
    share = high / answered
    intensity = np.array([overall[f"intensity_{a}"] for a in areas])
    # SPEC 7: breadth among institutions whose share of the area is published (SPEC 8's rules).
    spread = breadth(by["n"].to_numpy(), {a: by[f"n_{a}"].to_numpy() for a in areas},
                     {a: by[f"high_{a}"].to_numpy() for a in areas},
                     {a: by[a].fill_nan(None).to_numpy() for a in areas}, args.min_group, args.threshold)
    spread = np.array([spread[a] for a in areas])
    low, high_ci = wilson(share, high, answered)
    priorities = (
        pl.DataFrame({"area": areas, "name": [a["lv"] for a in q.areas], "score": score(share, intensity, spread),
                      "share": share, "low": low, "high": high_ci, "intensity": intensity, "breadth": spread,
                      "n": answered.astype(int)})
        .sort(["score", "share", "area"], descending=[True, True, False], maintain_order=True)
        .with_row_index("rank", offset=1)
    )

    # Institutions and wellbeing with the <5 rule: numbers written by polars, "<5" over the small ones.
    small = (by["n"] < args.min_group).to_numpy().nonzero()[0]
    heat = by.select("code", "name", "n", *[pl.col(a).alias(name) for a, name in zip(areas, (a["lv"] for a in q.areas))])
    well = by.select("code", "n", "who5", "cbi")
    with xlsxwriter.Workbook(args.out) as book:
        percent = {c: "0.0%" for c in ("share", "low", "high", "intensity", "breadth")}
        priorities.write_excel(book, "Prioritātes", column_formats=percent, autofit=False,
                               conditional_formats={"score": "data_bar"}, freeze_panes=(1, 0))
        chart = book.add_chart({"type": "bar"})
        count = priorities.height
        chart.add_series({"categories": ["Prioritātes", 1, 2, count, 2], "values": ["Prioritātes", 1, 3, count, 3]})
        book.get_worksheet_by_name("Prioritātes").insert_chart(count + 2, 2, chart)
        for name, table, first in (("Iestādes", heat, 2), ("Labbūtība", well, 1)):
            table.write_excel(book, name, autofit=False, freeze_panes=(1, first))
            sheet = book.get_worksheet_by_name(name)
            for row in small:
                for column in range(first, table.width):
                    sheet.write(row + 1, column, "<5")
        book.get_worksheet_by_name("Iestādes").conditional_format(1, 3, heat.height, 2 + len(areas), {"type": "3_color_scale"})

    print_headline(priorities.to_dicts(), overall["who5"], overall["cbi"], overall["respondents"])


if __name__ == "__main__":
    main()

"""Writes the variant questionnaires of small-google-forms.csv (issue 12): the same answers as
the standard export, worded the way other municipalities' forms word them. Each variant is mapped
back onto needs-v1 by pipeline keys alone in VariantQuestionnaireTests.swift.

Run from this folder: python3 make_variants.py (standard library only; the output is committed).
"""
import csv
import io

SOURCE = "../small-google-forms.csv"
NEED = "Cik liela ir Jūsu vajadzība pēc profesionālās pilnveides šajās jomās? "


def load():
    with open(SOURCE, encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))


def save(name, rows, delimiter=","):
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    writer.writerows(rows)
    with open(name, "w", encoding="utf-8", newline="") as handle:
        handle.write(out.getvalue())


def full(rows):
    header = rows[0]
    return [row for row in rows[1:] if len(row) == len(header)]


def reworded_headers(rows):
    """Two need questions worded differently; the whole grid's question shortened."""
    header = list(rows[0])
    header[9] = "Digitālās kompetences (vajadzība)"
    header[10] = "Iekļaujošā izglītība — cik liela vajadzība?"
    save("reworded-headers.csv", [header] + rows[1:])


FIVE_POINT = {"Nav vajadzības": "1 – nav vajadzības", "Zema": "2 – neliela", "Vidēja": "3 – vidēja", "Augsta": "4 – liela"}


def five_point(rows):
    """A 5-point need scale worded as numbers and words; 5 – ļoti liela is used nowhere here."""
    out = [rows[0]]
    for row in rows[1:]:
        row = list(row)
        if len(row) == len(rows[0]):
            for column in range(6, 20):
                row[column] = FIVE_POINT.get(row[column], row[column])
        out.append(row)
    save("five-point-need.csv", out)


def renamed_options(rows):
    """Support forms and barriers worded differently, and one Google Forms "Cits:" answer."""
    out = [rows[0]]
    for index, row in enumerate(rows[1:]):
        row = list(row)
        if len(row) == len(rows[0]):
            row[20] = row[20].replace("Kursi", "Kursi (A vai B programma)")
            row[21] = row[21].replace("Laika trūkums, neērts grafiks", "Nav laika")
            if index == 1:
                row[21] = row[21] + ", Cits: vasarā nav piedāvājuma"
        out.append(row)
    save("renamed-options.csv", out)


SPELLINGS = ["Testa vsk.", "TESTA VIDUSSKOLA", "Testa vidussk."]


def institution_spellings(rows):
    """Testa vidusskola typed three ways (one of them a register alias), Mazā skola as "MS"."""
    out = [rows[0]]
    seen = 0
    for row in rows[1:]:
        row = list(row)
        if len(row) > 2 and row[2] == "Testa vidusskola":
            row[2] = SPELLINGS[seen % 3]
            seen += 1
        elif len(row) > 2 and row[2] == "Mazā skola":
            row[2] = "MS"
        out.append(row)
    save("institution-spellings.csv", out)


def no_wellbeing(rows):
    """No WHO-5 and no burnout questions: columns 22–33 left out."""
    keep = [column for column in range(len(rows[0])) if not 22 <= column <= 33]
    out = [[row[column] for column in keep] if len(row) == len(rows[0]) else row for row in rows]
    save("no-wellbeing.csv", out)


RELABELLED = {"Zema": "Zema vajadzība", "Vidēja": "Vidēja vajadzība", "Augsta": "Augsta vajadzība", "Ļoti augsta": "Ļoti augsta vajadzība"}


def fix_loop(rows):
    """What a specialist's own form might export: a reworded header, need labels with a word
    added, shortened barriers, institutions abbreviated. `check --suggest` maps all of it; the
    row of an institution no register holds is left out (no suggestion could name it)."""
    header = list(rows[0])
    header[9] = "Digitālās prasmes (vajadzība)"
    out = [header]
    for row in rows[1:]:
        row = list(row)
        if len(row) > 2 and row[2] == "Nezināma skola":
            continue
        if len(row) == len(rows[0]):
            for column in range(6, 20):
                row[column] = RELABELLED.get(row[column], row[column])
            row[21] = row[21].replace("Laika trūkums, neērts grafiks", "Laika trūkums")
        if len(row) > 2:
            row[2] = {"Testa vidusskola": "Testa vsk.", "Mazā skola": "MS"}.get(row[2], row[2])
        out.append(row)
    save("fix-loop.csv", out)


if __name__ == "__main__":
    rows = load()
    reworded_headers(rows)
    five_point(rows)
    renamed_options(rows)
    institution_spellings(rows)
    no_wellbeing(rows)
    fix_loop(rows)

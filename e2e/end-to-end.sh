#!/usr/bin/env bash
# End to end: the real binary runs the sample through a fresh workspace, a real spreadsheet
# program (LibreOffice headless) opens the workbook, and an independent pandas implementation
# checks every priority number.
set -euo pipefail
cd "$(dirname "$0")/.."
repo="$(pwd)"
bin="$(swift build --show-bin-path)/atbalsts"
# The oracles run in the pinned virtual environment that scripts/setup.sh makes (test.sh sources it).
python="${PYTHON:-$repo/.venv/bin/python}"
[ -x "$python" ] || { echo "end-to-end: no $python; run ATBALSTS_WITH_TEST_TOOLS=1 bash -c 'source scripts/setup.sh' first" >&2; exit 2; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

"$bin" init "$work" --key-only >/dev/null
# Lesson observations of the same term, from the seeded generator (SPEC 12.2).
"$python" scripts/generate_observations.py --wave-term autumn --out "$work/observations.csv" >/dev/null
cat > "$work/pipeline.yaml" <<YAML
wave: 2026-27-autumn
seeds: $repo/seeds
sources:
  - file: $repo/samples/google-forms-needs.csv
    kind: needs
  - file: $work/observations.csv
    kind: observation
outputs:
  directory: out
YAML
"$bin" run "$work/pipeline.yaml" --quiet
book="$work/out/2026-27-autumn-padome.xlsx"

"$python" -W ignore e2e/oracle/priorities.py --csv samples/google-forms-needs.csv --seeds seeds \
  --register seeds/institutions.csv --workbook "$book"
"$python" -W ignore e2e/oracle/wellbeing.py --csv samples/google-forms-needs.csv --seeds seeds \
  --register seeds/institutions.csv --workbook "$book"
"$python" -W ignore e2e/oracle/observation.py --csv "$work/observations.csv" --seeds seeds \
  --register seeds/institutions.csv --workbook "$book" --term 2026-27-autumn="$work/observations.csv" \
  --institution-workbooks 2026-27-autumn="$work/out"

# LibreOffice writes every sheet as <book>-<sheet>.csv (UTF-8, raw values).
mkdir -p "$work/csv"
soffice --headless --convert-to \
  'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1' \
  --outdir "$work/csv" "$book" >/dev/null 2>&1
"$python" -W ignore e2e/oracle/libreoffice_check.py --workbook "$book" --csv-dir "$work/csv"

# MA plāni (SPEC 12.1): each learning area's draft against the oracle's own ranking of its needs.
"$python" -W ignore e2e/oracle/association_plans.py draft --csv samples/google-forms-needs.csv --seeds seeds \
  --register seeds/institutions.csv --workbook "$book"
# Disclosure on learning areas: with a threshold of 90 some learning areas are too small for a
# plan of their own, and the sheet must not name them.
sed 's/^outputs:/settings:\n  min_group_size: 90\noutputs:/; s/directory: out/directory: out-90/' \
  "$work/pipeline.yaml" > "$work/pipeline-90.yaml"
"$bin" run "$work/pipeline-90.yaml" --quiet
"$python" -W ignore e2e/oracle/association_plans.py draft --csv samples/google-forms-needs.csv --seeds seeds \
  --register seeds/institutions.csv --workbook "$work/out-90/2026-27-autumn-padome.xlsx" --min-group 90
# The autumn MA plāni edited with openpyxl (statuses, a row deleted, a row added, columns
# reordered), read back by the spring run; Īstenošana's association block against both exports.
# The spring term's lesson observations go into the same run: coverage over both terms (SPEC 12.2).
"$python" -W ignore e2e/oracle/association_plans.py edit --workbook "$book" --out "$work/edited-plan.xlsx"
"$python" scripts/generate_observations.py --wave-term spring --seed 19 --out "$work/observations-spring.csv" >/dev/null
cat > "$work/spring.yaml" <<YAML
wave: 2026-27-spring
seeds: $repo/seeds
sources:
  - file: $repo/samples/google-forms-needs-spring.csv
    kind: needs
  - file: $work/edited-plan.xlsx
    kind: plan
  - file: $work/observations-spring.csv
    kind: observation
outputs:
  directory: out
YAML
"$bin" run "$work/spring.yaml" --quiet
"$python" -W ignore e2e/oracle/association_plans.py followup --before samples/google-forms-needs.csv \
  --now samples/google-forms-needs-spring.csv --seeds seeds --register seeds/institutions.csv \
  --plan "$work/edited-plan.xlsx" --workbook "$work/out/2026-27-spring-padome.xlsx"
"$python" -W ignore e2e/oracle/observation.py --csv "$work/observations-spring.csv" --seeds seeds \
  --register seeds/institutions.csv --workbook "$work/out/2026-27-spring-padome.xlsx" \
  --term 2026-27-autumn="$work/observations.csv" --term 2026-27-spring="$work/observations-spring.csv" \
  --institution-workbooks 2026-27-spring="$work/out"

# Printed by LibreOffice: every page with rows of a table shows that table's header (issue 15),
# in both languages, the council's workbooks and institutions' (the spring run again, in English).
sed 's/directory: out/directory: out-en\n  language: en\n  institution_workbooks: true/' "$work/spring.yaml" \
  > "$work/spring-en.yaml"
"$bin" run "$work/spring-en.yaml" --quiet
institutions=("$work"/out-en/2026-27-spring-EZ0[1-3].xlsx)
[ ${#institutions[@]} -eq 3 ] && [ -f "${institutions[0]}" ] || { echo "end-to-end: no institution workbooks" >&2; exit 1; }
"$python" -W ignore e2e/printed_pages.py "$book" "$work/out/2026-27-spring-padome.xlsx" \
  "$work/out-en/2026-27-spring-padome.xlsx" "${institutions[@]}"

#!/usr/bin/env bash
# atbalsts against the pandas + XlsxWriter peer on a national-scale export, side by side.
#   bench/run.sh [--respondents N] [--institutions M] [--runs R] [--full] [--waves W] [--stress S]
# Each tool runs R times from the CSV to the closed workbook into a fresh database; the table shows
# median wall time and median peak memory (/usr/bin/time -v) and the ratios, then checks that both
# computed the same headline numbers. --full also times atbalsts writing every institution workbook;
# --waves W stores W waves of the export in one database and times `atbalsts report` on the last;
# --stress S runs atbalsts once on an export of S respondents (300000: the 1 GiB target).
set -euo pipefail
cd "$(dirname "$0")/.."
respondents=30000 institutions=800 runs=5 full=0 waves=0 stress=0
while [ $# -gt 0 ]; do
  case "$1" in
    --respondents) respondents=$2; shift 2 ;;
    --institutions) institutions=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    --full) full=1; shift ;;
    --waves) waves=$2; shift 2 ;;
    --stress) stress=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
command -v /usr/bin/time >/dev/null || { echo "bench: needs GNU time (apt-get install time)" >&2; exit 2; }
# The peer and the checks run in the pinned virtual environment (.venv/, from requirements.txt).
ATBALSTS_WITH_PYTHON=1 source scripts/setup.sh
work=.build/bench
mkdir -p "$work"
input="$work/national-$respondents-$institutions.csv" register="$work/register-$respondents-$institutions.csv"
if [ ! -f "$input" ]; then
  "$PYTHON" scripts/generate_samples.py --respondents "$respondents" --institutions "$institutions" \
    --extra-columns 60 --out "$input" --register-out "$register" >&2
fi
swift build -c release --product atbalsts >&2
bin="$(swift build -c release --show-bin-path)/atbalsts"
echo "input: $(wc -l < "$input") lines, $(head -1 "$input" | tr ',' '\n' | wc -l) columns, $(du -m "$input" | cut -f1) MB; $runs runs each" >&2

measure() {  # measure LABEL COMMAND… → appends "seconds kilobytes" to $work/LABEL.times
  local label=$1; shift
  /usr/bin/time -f "%e %M" -o "$work/$label.last" "$@" > "$work/$label.out" 2> "$work/$label.err" \
    || { echo "bench: $label failed, see $work/$label.err" >&2; exit 1; }
  cat "$work/$label.last" >> "$work/$label.times"
}

fresh_workspace() {  # fresh_workspace DIR EXPORT REGISTER INSTITUTION_WORKBOOKS: a new key, database, pipeline
  local ws=$1
  rm -rf "$ws" && mkdir -p "$ws"
  "$bin" init "$ws" --key-only > /dev/null
  cat > "$ws/pipeline.yaml" <<YAML
wave: 2026-27-autumn
seeds: $(pwd)/seeds
sources:
  - file: $(pwd)/$2
    kind: needs
  - file: $(pwd)/$3
    kind: institutions
outputs:
  directory: out
  institution_workbooks: $4
YAML
}

rm -f "$work"/*.times
for run in $(seq "$runs"); do
  for mode in council full; do
    [ "$mode" = full ] && [ "$full" = 0 ] && continue
    ws="$work/ws-$mode"
    fresh_workspace "$ws" "$input" "$register" "$([ "$mode" = full ] && echo true || echo false)"
    measure "atbalsts-$mode" "$bin" run "$ws/pipeline.yaml" --quiet
  done
  measure pandas "$PYTHON" bench/peers/pandas_peer.py --csv "$input" --register "$register" --seeds seeds \
    --out "$work/peer.xlsx"
done

median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
row() {  # row LABEL → "seconds megabytes"
  local seconds kb
  seconds=$(cut -d' ' -f1 "$work/$1.times" | median)
  kb=$(cut -d' ' -f2 "$work/$1.times" | median)
  echo "$seconds $(awk -v k="$kb" 'BEGIN { printf "%.0f", k / 1024 }')"
}
read -r ps pm <<< "$(row pandas)"
read -r as am <<< "$(row atbalsts-council)"
printf '\n| tool | median wall time | median peak memory |\n|---|---|---|\n'
printf '| pandas + XlsxWriter peer | %.2f s | %s MiB |\n' "$ps" "$pm"
printf '| atbalsts (council workbook) | %.2f s | %s MiB |\n' "$as" "$am"
if [ "$full" = 1 ]; then
  read -r fs fm <<< "$(row atbalsts-full)"
  printf '| atbalsts (council + %s institution workbooks) | %.2f s | %s MiB |\n' "$institutions" "$fs" "$fm"
fi
awk -v p="$ps" -v a="$as" -v pm="$pm" -v am="$am" \
  'BEGIN { printf "\nspeed-up: %.2fx faster than the peer; memory: %.2f of the peer'"'"'s peak\n", p / a, am / pm }'
"$PYTHON" -W ignore bench/agree.py "$work/ws-council/out/2026-27-autumn-padome.xlsx" "$work/pandas.out"

if [ "$waves" -gt 0 ]; then
  ws="$work/ws-waves"
  rm -rf "$ws" && mkdir -p "$ws"
  "$bin" init "$ws" --key-only > /dev/null
  year=2026
  for index in $(seq "$waves"); do
    term=$([ $((index % 2)) = 1 ] && echo autumn || echo spring)
    wave="$year-$(printf %02d $(( (year + 1) % 100 )))-$term"
    [ "$term" = spring ] && year=$((year + 1))
    # A file's SHA-256 is imported once: each wave gets the export with its own trailing blank lines.
    { cat "$input"; for _ in $(seq "$index"); do printf '\r\n'; done; } > "$ws/wave-$index.csv"
    cat > "$ws/pipeline.yaml" <<YAML
wave: $wave
seeds: $(pwd)/seeds
sources:
  - file: wave-$index.csv
    kind: needs
  - file: $(pwd)/$register
    kind: institutions
outputs:
  directory: out
  institution_workbooks: false
settings:
  wave_dates: off  # one export stands in for every wave: its dates are autumn 2026's
YAML
    "$bin" run "$ws/pipeline.yaml" --quiet
    rm "$ws/wave-$index.csv"
  done
  rm -f "$work/report.times"
  for run in $(seq "$runs"); do measure report "$bin" report "$ws/pipeline.yaml"; done
  read -r rs rm_ <<< "$(row report)"
  printf '\n%s waves of %s respondents in one database (%s MB): atbalsts report takes %.2f s, %s MiB\n' \
    "$waves" "$respondents" "$(du -m "$ws/atbalsts.sqlite" | cut -f1)" "$rs" "$rm_"
fi

if [ "$stress" -gt 0 ]; then
  big="$work/national-$stress-$institutions.csv" big_register="$work/register-$stress-$institutions.csv"
  if [ ! -f "$big" ]; then
    "$PYTHON" scripts/generate_samples.py --respondents "$stress" --institutions "$institutions" \
      --extra-columns 60 --out "$big" --register-out "$big_register" >&2
  fi
  ws="$work/ws-stress"
  fresh_workspace "$ws" "$big" "$big_register" false
  rm -f "$work/stress.times"
  measure stress "$bin" run "$ws/pipeline.yaml" --quiet
  read -r ss sm <<< "$(row stress)"
  printf '\nstress: %s respondents (%s MB export), atbalsts run takes %.2f s, peak %s MiB (target: under 1024)\n' \
    "$stress" "$(du -m "$big" | cut -f1)" "$ss" "$sm"
fi

#!/usr/bin/env bash
# atbalsts against two peers an analyst would write instead — pandas + XlsxWriter and polars +
# XlsxWriter — on national-scale exports, side by side.
#   bench/run.sh [--respondents N] [--institutions M] [--runs R] [--shape S] [--full] [--waves W] [--stress [S]]
# Two export shapes (--shape google-forms|municipal|both, default both): the Google Forms export of
# needs-v1 with 60 unmapped columns, and a municipality's own form (fewer columns, its own header
# texts) that the pipeline, and both peers, map through `columns:`. Per shape, R interleaved rounds
# run atbalsts (CSV to the closed council workbook, a fresh database, durable commit included), the
# pandas peer and the polars peer; the table shows median wall time and median peak memory
# (/usr/bin/time), then both ratios, and checks that each peer computed the same headline numbers.
# --full also times atbalsts writing every institution workbook; --waves W stores W waves of the
# export in one database and times `atbalsts report` on the last; --stress [S] repeats the whole
# comparison at S respondents (default 300000).
set -euo pipefail
cd "$(dirname "$0")/.."
respondents=30000 institutions=800 runs=5 full=0 waves=0 stress=0 shapes="google-forms municipal"
while [ $# -gt 0 ]; do
  case "$1" in
    --respondents) respondents=$2; shift 2 ;;
    --institutions) institutions=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    --shape) shapes=$([ "$2" = both ] && echo "google-forms municipal" || echo "$2"); shift 2 ;;
    --full) full=1; shift ;;
    --waves) waves=$2; shift 2 ;;
    --stress)
      if [[ "${2:-}" =~ ^[0-9]+$ ]]; then stress=$2; shift 2; else stress=300000; shift; fi ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
command -v /usr/bin/time >/dev/null || { echo "bench: needs GNU time (apt-get install time)" >&2; exit 2; }
# The peers and the checks run in the pinned virtual environment (.venv/, from requirements.txt).
ATBALSTS_WITH_PYTHON=1 source scripts/setup.sh
work=.build/bench
mkdir -p "$work"
swift build -c release --product atbalsts >&2
bin="$(swift build -c release --show-bin-path)/atbalsts"

export_for() {  # export_for SHAPE RESPONDENTS → sets input, register, mapping (generated once)
  local base="$work/$1-$2-$institutions"
  input="$base.csv" register="$work/register-$2-$institutions.csv" mapping=""
  [ "$1" = municipal ] && mapping="$base-columns.yaml"
  if [ ! -f "$input" ]; then
    if [ "$1" = municipal ]; then
      "$PYTHON" scripts/generate_samples.py --respondents "$2" --institutions "$institutions" --shape municipal \
        --out "$input" --register-out "$register" --mapping-out "$mapping" >&2
    else
      "$PYTHON" scripts/generate_samples.py --respondents "$2" --institutions "$institutions" \
        --extra-columns 60 --out "$input" --register-out "$register" >&2
    fi
  fi
}

measure() {  # measure LABEL COMMAND… → appends "seconds kilobytes" to $work/LABEL.times
  local label=$1; shift
  /usr/bin/time -f "%e %M" -o "$work/$label.last" "$@" > "$work/$label.out" 2> "$work/$label.err" \
    || { echo "bench: $label failed, see $work/$label.err" >&2; exit 1; }
  cat "$work/$label.last" >> "$work/$label.times"
}

fresh_workspace() {  # fresh_workspace DIR EXPORT REGISTER INSTITUTION_WORKBOOKS [MAPPING]: a new key, database, pipeline
  local ws=$1
  rm -rf "$ws" && mkdir -p "$ws"
  "$bin" init "$ws" --key-only > /dev/null
  {
    printf 'wave: 2026-27-autumn\nseeds: %s/seeds\nsources:\n  - file: %s/%s\n    kind: needs\n' "$(pwd)" "$(pwd)" "$2"
    if [ -n "${5:-}" ]; then printf '    columns:\n'; sed 's/^/      /' "$5"; fi
    printf '  - file: %s/%s\n    kind: institutions\n' "$(pwd)" "$3"
    printf 'outputs:\n  directory: out\n  institution_workbooks: %s\n' "$4"
  } > "$ws/pipeline.yaml"
}

median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
row() {  # row LABEL → "seconds megabytes"
  local seconds kb
  seconds=$(cut -d' ' -f1 "$work/$1.times" | median)
  kb=$(cut -d' ' -f2 "$work/$1.times" | median)
  echo "$seconds $(awk -v k="$kb" 'BEGIN { printf "%.0f", k / 1024 }')"
}
paired() {  # paired PEER → median over the rounds of (peer seconds / atbalsts seconds)
  paste -d' ' "$work/$1.times" "$work/atbalsts-council.times" | awk '{ print $1 / $3 }' | median
}

compare() {  # compare SHAPE RESPONDENTS
  local shape=$1 size=$2 ws="$work/ws-council" peer_columns=()
  export_for "$shape" "$size"
  [ -n "$mapping" ] && peer_columns=(--columns "$mapping")
  printf '\n## %s export, %s respondents: %s lines, %s columns, %s MB; %s interleaved rounds\n' "$shape" "$size" \
    "$(wc -l < "$input")" \
    "$("$PYTHON" -c 'import csv, sys; print(len(next(csv.reader(open(sys.argv[1], encoding="utf-8")))))' "$input")" "$(du -m "$input" | cut -f1)" "$runs"
  rm -f "$work"/*.times
  for _ in $(seq "$runs"); do
    for mode in council full; do
      [ "$mode" = full ] && [ "$full" = 0 ] && continue
      fresh_workspace "$work/ws-$mode" "$input" "$register" "$([ "$mode" = full ] && echo true || echo false)" "$mapping"
      measure "atbalsts-$mode" "$bin" run "$work/ws-$mode/pipeline.yaml" --quiet
    done
    for peer in pandas polars; do
      measure "$peer" "$PYTHON" "bench/peers/${peer}_peer.py" --csv "$input" --register "$register" --seeds seeds \
        --out "$work/$peer.xlsx" "${peer_columns[@]}"
    done
  done
  local ps pm ls lm as am
  read -r ps pm <<< "$(row pandas)"
  read -r ls lm <<< "$(row polars)"
  read -r as am <<< "$(row atbalsts-council)"
  printf '\n| tool | median wall time | median peak memory |\n|---|---|---|\n'
  printf '| pandas + XlsxWriter peer | %.2f s | %s MiB |\n' "$ps" "$pm"
  printf '| polars + XlsxWriter peer | %.2f s | %s MiB |\n' "$ls" "$lm"
  printf '| atbalsts (council workbook) | %.2f s | %s MiB |\n' "$as" "$am"
  if [ "$full" = 1 ]; then
    read -r fs fm <<< "$(row atbalsts-full)"
    printf '| atbalsts (council + %s institution workbooks) | %.2f s | %s MiB |\n' "$institutions" "$fs" "$fm"
  fi
  for peer in pandas polars; do
    read -r s m <<< "$(row "$peer")"
    awk -v p="$s" -v a="$as" -v pm="$m" -v am="$am" -v r="$(paired "$peer")" -v name="$peer" \
      'BEGIN { printf "vs %s: %.2fx its speed (median of paired rounds %.2fx); memory %.2f of its peak\n", name, p / a, r, am / pm }'
  done
  for peer in pandas polars; do
    printf '%s ' "$peer"
    "$PYTHON" -W ignore bench/agree.py "$ws/out/2026-27-autumn-padome.xlsx" "$work/$peer.out"
  done
}

for shape in $shapes; do
  compare "$shape" "$respondents"
  [ "$stress" -gt 0 ] && compare "$shape" "$stress"
done

if [ "$waves" -gt 0 ]; then
  export_for google-forms "$respondents"
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
  for _ in $(seq "$runs"); do measure report "$bin" report "$ws/pipeline.yaml"; done
  read -r rs rm_ <<< "$(row report)"
  printf '\n%s waves of %s respondents in one database (%s MB): atbalsts report takes %.2f s, %s MiB\n' \
    "$waves" "$respondents" "$(du -m "$ws/atbalsts.sqlite" | cut -f1)" "$rs" "$rm_"
fi

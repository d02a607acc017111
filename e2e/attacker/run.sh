#!/usr/bin/env bash
# The attacker of issue 13 against the built binary: each case runs through a fresh workspace, and
# attack.py must find no hidden count narrowed below SPEC 8's rule in any workbook published for the
# wave and the wave before it. Then a seeded property test over random registers and exports.
#
#   PYTHON=/path/to/venv/bin/python e2e/attacker/run.sh     # needs scipy, openpyxl, pyyaml
#   ATBALSTS_ATTACKER_CASES=10 e2e/attacker/run.sh          # more random cases (default 3)
set -euo pipefail
cd "$(dirname "$0")/../.."
repo="$(pwd)"
python="${PYTHON:-python3}"
bin="${ATBALSTS_BIN:-$(swift build --show-bin-path)/atbalsts}"
[ -x "$bin" ] || { echo "e2e/attacker: $bin is missing; run swift build first" >&2; exit 1; }
fixtures="$repo/e2e/attacker/fixtures"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# run CASE WAVE EXPORT [REGISTER] [MIN] [OBSERVATIONS]: one wave into the case's workspace.
run() {
  local case="$1" wave="$2" export="$3" register="${4:-}" min="${5:-5}" observations="${6:-}"
  mkdir -p "$work/$case"
  [ -f "$work/$case/atbalsts.key" ] || "$bin" init "$work/$case" --key-only >/dev/null
  {
    echo "wave: $wave"
    echo "seeds: $repo/seeds"
    echo "sources:"
    echo "  - file: $export"
    echo "    kind: needs"
    if [ -n "$register" ]; then
      echo "  - file: $register"
      echo "    kind: institutions"
    fi
    if [ -n "$observations" ]; then
      echo "  - file: $observations"
      echo "    kind: observation"
    fi
    echo "outputs:"
    echo "  directory: out"
    echo "  institution_workbooks: true"
    echo "settings:"
    echo "  min_group_size: $min"
  } > "$work/$case/$wave.yaml"
  "$bin" run "$work/$case/$wave.yaml" --quiet
}

attack() {
  local case="$1"; shift
  echo "attacker: $case"
  "$python" -W ignore e2e/attacker/attack.py --dir "$work/$case/out" "$@"
}

# Issue 13.1, 13.2, 13.4, 13.5: EZ01 = 4, EZ03 = 6, EZ02 = 20 of 24 institutions; EZ01 = 6 in spring.
run seed-register 2026-27-autumn "$fixtures/seed-register-autumn.csv"
run seed-register 2026-27-spring "$fixtures/seed-register-spring.csv"
attack seed-register --wave 2026-27-spring --previous 2026-27-autumn
# Issue 13.3: a register of 3 institutions, most respondents "Pedagogs".
run three 2026-27-autumn "$fixtures/three-institutions-autumn.csv" "$fixtures/three-institutions.csv"
attack three --wave 2026-27-autumn
# Issue 13.6: an institution of 5 where one skipped an area.
run skipped 2026-27-autumn "$fixtures/skipped-area-autumn.csv" "$fixtures/four-institutions.csv"
attack skipped --wave 2026-27-autumn
# Issue 13.7: the marks follow min_group_size.
run threshold-10 2026-27-autumn "$fixtures/seed-register-autumn.csv" "" 10
attack threshold-10 --wave 2026-27-autumn --min-group 10

# Issue 18: lesson observations of both terms beside the seed register's surveys — Stundu vērošana
# of the council and every institution workbook, coverage by term, observers by role.
gen="$repo/scripts/generate_observations.py"
"$python" "$gen" --wave-term autumn --out "$work/observations-autumn.csv" >/dev/null
"$python" "$gen" --wave-term spring --seed 19 --out "$work/observations-spring.csv" >/dev/null
run observation 2026-27-autumn "$repo/samples/google-forms-needs.csv" "" 5 "$work/observations-autumn.csv"
run observation 2026-27-spring "$repo/samples/google-forms-needs-spring.csv" "" 5 "$work/observations-spring.csv"
attack observation --wave 2026-27-spring --previous 2026-27-autumn
# A thin term: a tenth of the teachers observed, so most institutions hide their counts.
"$python" "$gen" --wave-term autumn --share 0.1 --seed 7 --out "$work/observations-thin.csv" >/dev/null
run observation-thin 2026-27-autumn "$repo/samples/google-forms-needs.csv" "" 5 "$work/observations-thin.csv"
attack observation-thin --wave 2026-27-autumn

# Property test: random registers and exports, seeded; the attacker never narrows a hidden cell.
for seed in $(seq 1 "${ATBALSTS_ATTACKER_CASES:-3}"); do
  "$python" e2e/attacker/make_exports.py random "$seed" "$work/random-$seed/in"
  run "random-$seed" 2026-27-autumn "$work/random-$seed/in/autumn.csv" "$work/random-$seed/in/register.csv"
  run "random-$seed" 2026-27-spring "$work/random-$seed/in/spring.csv" "$work/random-$seed/in/register.csv"
  attack "random-$seed" --wave 2026-27-spring --previous 2026-27-autumn
done

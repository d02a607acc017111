#!/usr/bin/env bash
# A bounded libFuzzer run over the CSV reader, seeded with the test fixtures (issue 3).
#   fuzz/run.sh [SECONDS]     default 60
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-60}"
out=.build/fuzz
mkdir -p "$out/corpus"
# The reader reads `InputBytes`, which may be a mapped file (`Sources/CFileMap`, C, built apart).
clang -c -O1 -fsanitize=fuzzer-no-link,address -I Sources/CFileMap/include Sources/CFileMap/CFileMap.c -o "$out/cfilemap.o"
swiftc -O -sanitize=fuzzer,address -parse-as-library -module-name CSVFuzz -I Sources/CByteScan/include \
  -I Sources/CFileMap/include "$out/cfilemap.o" \
  Sources/Ingest/CSVReader.swift Sources/Ingest/InputBytes.swift Sources/Ingest/TextDecoding.swift \
  Sources/AtbalstsCore/Messages.swift Sources/AtbalstsCore/Instrument.swift Sources/AtbalstsCore/ItemID.swift fuzz/CSVFuzz.swift -o "$out/csv-fuzz"
find Tests -path '*Fixtures*' -type f \( -name '*.csv' -o -name '*.txt' \) -size -200k -exec cp {} "$out/corpus/" \;
"$out/csv-fuzz" -max_total_time="$seconds" -max_len=4096 -timeout=10 -print_final_stats=1 -artifact_prefix="$out/" \
  "$out/corpus" 2>&1 | tail -n 12
echo "fuzz: 1 passed, 0 failed (no crash in ${seconds}s)"

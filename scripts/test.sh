#!/usr/bin/env bash
# The whole test suite: Swift unit and integration tests, then the end-to-end check of the demo
# workbook with LibreOffice and the independent pandas oracle.
set -euo pipefail
cd "$(dirname "$0")/.."
ATBALSTS_WITH_TEST_TOOLS=1 source scripts/setup.sh
swift build --build-tests
swift test --skip-build 2>&1 | tee .build/swift-test.log
bash e2e/end-to-end.sh
# The automated attacker: every hidden count's tightest range from the published workbooks (SPEC 8).
bash e2e/attacker/run.sh
# A bounded libFuzzer run over the CSV reader (about a minute).
fuzz/run.sh "${ATBALSTS_FUZZ_SECONDS:-60}"

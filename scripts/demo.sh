#!/usr/bin/env bash
# Builds atbalsts and runs the demo pipeline on samples/: the workbooks land in out/.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh
swift build -c release --product atbalsts
bin="$(swift build -c release --show-bin-path)/atbalsts"
mkdir -p out
"$bin" init out --key-only >/dev/null
"$bin" run pipelines/demo-autumn.yaml
"$bin" run pipelines/demo.yaml
# The spring draft plan (Pilnveides plāns, MA plāni) on its own, for the specialist to edit.
"$bin" plan pipelines/demo.yaml

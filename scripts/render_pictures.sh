#!/usr/bin/env bash
# Renders the demo's council workbook to PNG pictures for the README, with LibreOffice headless
# (xlsx → PDF) and pdftoppm (PDF → PNG), so the pictures always show the real workbook.
#   scripts/render_pictures.sh        (run scripts/demo.sh first)
set -euo pipefail
cd "$(dirname "$0")/.."
book=out/2026-27-spring-padome.xlsx
[ -f "$book" ] || { echo "render: $book not found; run scripts/demo.sh first" >&2; exit 1; }
need=()
command -v soffice >/dev/null || need+=(libreoffice-calc-nogui)
command -v pdftoppm >/dev/null || need+=(poppler-utils)
# Carlito has Calibri's metrics: without it LibreOffice sets the text in a wider font, and rows
# sized for Calibri (as Excel shows them) cut their last line off in the pictures.
fc-match Calibri 2>/dev/null | grep -q Carlito || need+=(fonts-crosextra-carlito)
if [ ${#need[@]} -gt 0 ]; then
  sudo_cmd=""; [ "$(id -u)" -ne 0 ] && sudo_cmd=sudo
  $sudo_cmd apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
soffice --headless --convert-to pdf --outdir "$work" "$book" >/dev/null 2>&1
mkdir -p docs/pictures
rm -f docs/pictures/padome-*.png
pdftoppm -r 70 -png "$work/$(basename "$book" .xlsx).pdf" docs/pictures/padome
ls docs/pictures

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
if [ ${#need[@]} -gt 0 ]; then
  sudo_cmd=""; [ "$(id -u)" -ne 0 ] && sudo_cmd=sudo
  $sudo_cmd apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
soffice --headless --convert-to pdf --outdir "$work" "$book" >/dev/null 2>&1
mkdir -p docs/pictures
rm -f docs/pictures/padome-*.png
pdf="$work/$(basename "$book" .xlsx).pdf"
pdftoppm -r 70 -png "$pdf" docs/pictures/padome
# The sheets README shows by name, wherever their page falls: the first page with the title.
pages=(docs/pictures/padome-*.png)
for named in "Iepriekšējā plāna īstenošana:istenosana" "Metodisko apvienību darba plānu projekti:ma-plani"; do
  title="${named%%:*}"
  for index in "${!pages[@]}"; do
    # Read whole first: `grep -q` stopping early would fail the pipe under pipefail.
    text="$(pdftotext -f $((index + 1)) -l $((index + 1)) "$pdf" -)"
    if grep -qF "$title" <<<"$text"; then
      cp "${pages[$index]}" "docs/pictures/${named##*:}.png"
      break
    fi
  done
done
ls docs/pictures

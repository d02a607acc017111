#!/usr/bin/env bash
# Installs what atbalsts and its tests need on Debian, when missing. Sourced by demo.sh and test.sh.
set -euo pipefail

need_apt=()
dpkg -s libxlsxwriter-dev >/dev/null 2>&1 || need_apt+=(libxlsxwriter-dev)
dpkg -s libsqlite3-dev >/dev/null 2>&1 || need_apt+=(libsqlite3-dev)
dpkg -s libssl-dev >/dev/null 2>&1 || need_apt+=(libssl-dev)
dpkg -s pkg-config >/dev/null 2>&1 || need_apt+=(pkg-config)
if [ "${ATBALSTS_WITH_TEST_TOOLS:-0}" = 1 ]; then
  command -v soffice >/dev/null 2>&1 || need_apt+=(libreoffice-calc-nogui)
  command -v unzip >/dev/null 2>&1 || need_apt+=(unzip)
fi
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "setup: installing ${need_apt[*]}" >&2
  sudo_cmd=""
  [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null
fi
if [ "${ATBALSTS_WITH_TEST_TOOLS:-0}" = 1 ]; then
  python3 -c "import pandas, openpyxl, yaml, statsmodels, pingouin" 2>/dev/null \
    || python3 -m pip install -q pandas openpyxl pyyaml statsmodels pingouin
fi

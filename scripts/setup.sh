#!/usr/bin/env bash
# Installs what atbalsts and its tests need on Debian, when missing. Sourced by demo.sh, test.sh and
# bench/run.sh. With ATBALSTS_WITH_TEST_TOOLS=1 (tests) or ATBALSTS_WITH_PYTHON=1 (benchmark) it also
# makes .venv/, a virtual environment with the pinned requirements.txt, and exports PYTHON as its
# interpreter: a fresh Debian's own Python refuses packages installed into it ("externally-managed-environment").
set -euo pipefail

with_python=0
[ "${ATBALSTS_WITH_TEST_TOOLS:-0}" = 1 ] && with_python=1
[ "${ATBALSTS_WITH_PYTHON:-0}" = 1 ] && with_python=1

need_apt=()
dpkg -s libxlsxwriter-dev >/dev/null 2>&1 || need_apt+=(libxlsxwriter-dev)
dpkg -s libsqlite3-dev >/dev/null 2>&1 || need_apt+=(libsqlite3-dev)
dpkg -s libssl-dev >/dev/null 2>&1 || need_apt+=(libssl-dev)
dpkg -s pkg-config >/dev/null 2>&1 || need_apt+=(pkg-config)
if [ "${ATBALSTS_WITH_TEST_TOOLS:-0}" = 1 ]; then
  command -v soffice >/dev/null 2>&1 || need_apt+=(libreoffice-calc-nogui)
  command -v unzip >/dev/null 2>&1 || need_apt+=(unzip)
fi
if [ "$with_python" = 1 ]; then
  dpkg -s python3-venv >/dev/null 2>&1 || need_apt+=(python3-venv)
fi
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "setup: installing ${need_apt[*]}" >&2
  sudo_cmd=""
  [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null
fi
if [ "$with_python" = 1 ]; then
  repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
  venv="$repo/.venv"
  # Made by Debian's own Python (/usr/bin/python3), whatever else is first on PATH; rebuilt when
  # requirements.txt changes, so every machine runs the pinned versions.
  if ! cmp -s "$repo/requirements.txt" "$venv/requirements.installed"; then
    echo "setup: installing requirements.txt into .venv/" >&2
    rm -rf "$venv"
    /usr/bin/python3 -m venv "$venv"
    "$venv/bin/python" -m pip install -q --disable-pip-version-check -r "$repo/requirements.txt"
    cp "$repo/requirements.txt" "$venv/requirements.installed"
  fi
  export PYTHON="$venv/bin/python"
fi

#!/usr/bin/env bash
# Installs everything Tongban needs on a Debian machine (system packages, a .venv, the Python
# dependencies), idempotently: a second run only checks and returns within seconds.
set -euo pipefail
cd "$(dirname "$0")/.."

# Debian packages: zbar for pyzbar, a CJK font so Qt and receipts render Chinese, the libraries
# the Qt offscreen/xcb platforms load, python3-venv where the system Python lacks it, and for the
# kiosk's tests under a real X server (tests/kiosk/test_kiosk_x11.py) Xvfb, openbox, xdotool and
# x11-utils (xprop, xwininfo).
SYSTEM_PACKAGES=(libzbar0 fonts-noto-cjk fontconfig libegl1 libgl1 libxkbcommon0 libxkbcommon-x11-0
                 libfontconfig1 libdbus-1-3 libglib2.0-0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1
                 libxcb-shape0 libxcb-xinerama0 libxcb-randr0 libxcb-render-util0 libxcb-image0
                 xvfb openbox xdotool x11-utils)
missing=()
for p in "${SYSTEM_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' || missing+=("$p")
done
if ! python3 -c 'import venv, ensurepip' 2>/dev/null; then missing+=(python3-venv python3-pip); fi
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "tongban setup: missing Debian packages: ${missing[*]} (run as root, or install them)" >&2
    exit 1
  fi
  echo "tongban setup: installing Debian packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# The virtual environment, rebuilt only when pyproject.toml changed since the last install.
stamp=.venv/.tongban-installed
want=$(sha256sum pyproject.toml | cut -d' ' -f1)
if [ -x .venv/bin/python ] && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
  exit 0
fi
[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip >/dev/null
# PySide6 6.12 split QtPdf and QtWebEngine into packages of their own; after a pin back to 6.11 they
# would stay behind and shadow the 6.11 modules, so a venv made for 6.12 drops them first.
.venv/bin/python -m pip uninstall -y -q PySide6_Pdf PySide6_WebEngine >/dev/null 2>&1 || true
.venv/bin/python -m pip install -q -e '.[dev]'
echo "$want" > "$stamp"
echo "tongban setup: .venv ready"

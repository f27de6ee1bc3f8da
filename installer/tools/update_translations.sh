#!/usr/bin/env bash
# Refresh assets/translations/tongban_en.ts from the GUI sources (pyside6-lupdate), then compile it
# to tongban_en.qm (pyside6-lrelease). Source strings are Simplified Chinese; translate the new
# entries in Qt Linguist (.venv/bin/pyside6-linguist assets/translations/tongban_en.ts) or an
# editor, run this again, and commit both files.
set -euo pipefail

cd "$(dirname "$0")/../.."
BIN="${TONGBAN_VENV:-.venv}/bin"
TS=assets/translations/tongban_en.ts
QM=assets/translations/tongban_en.qm

mapfile -t sources < <(find qtkit window_client kiosk -name '*.py' -not -path '*/__pycache__/*' | sort)
"$BIN/pyside6-lupdate" -no-obsolete -locations relative -source-language zh_CN -target-language en \
    "${sources[@]}" -ts "$TS"
"$BIN/pyside6-lrelease" "$TS" -qm "$QM"

unfinished=$(grep -c 'type="unfinished"' "$TS" || true)
if [ "$unfinished" -gt 0 ]; then
    echo "note: $unfinished string(s) in $TS still need an English translation" >&2
fi

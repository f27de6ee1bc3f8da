#!/usr/bin/env bash
# installer/package/maintainer-scripts.sh VERSION OUTDIR: the package's preinst, postinst, prerm and
# postrm (from installer/package/debian/), as build-deb.sh puts them in DEBIAN/.
#
# @VERSION@ becomes VERSION; a line "@UNSENT_PY@" becomes core/store/unsent.py itself: the count of
# every outbox that `tongban doctor` uses, run by postrm's purge with Debian's python3.11 after
# the program is gone (tests/installer/test_maintainer_scripts.py runs the result).
set -euo pipefail
cd "$(dirname "$0")/../.."
[ $# = 2 ] || { echo "usage: $0 VERSION OUTDIR" >&2; exit 2; }
VERSION=$1
OUT=$2
mkdir -p "$OUT"
for script in preinst postinst prerm postrm; do
    awk -v version="$VERSION" -v unsent=core/store/unsent.py '
        $0 == "@UNSENT_PY@" { while ((getline line < unsent) > 0) print line; close(unsent); next }
        { gsub(/@VERSION@/, version); print }
    ' "installer/package/debian/$script" > "$OUT/$script"
    chmod 0755 "$OUT/$script"
done

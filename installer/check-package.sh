#!/usr/bin/env bash
# installer/check-package.sh: the package as a hall's IT would meet it, in a clean Debian root.
#
# Builds dist/tongban_<version>_<arch>.deb if it is missing (make package), makes a clean Debian 12
# root with debootstrap (minbase; cached as build/check/bookworm-minbase.tar after the first run),
# and inside it, through chroot:
#   1. installs the "previous version" (this build relabelled <version>~prev: there is no older
#      release of the package yet) with apt, which brings the Debian dependencies;
#   2. runs tongban --version, tongban doctor --json, tongban demo --text, and the kiosk's
#      scripted walk-through offscreen; takes in a case as the tongban account;
#   3. upgrades to this version: the case survives, preinst's database copy exists, every folder
#      under /var/lib/tongban is 0700 and every file 0600, numbering is not held;
#   4. an upgrade whose migration fails (the database says a newer Tongban wrote it): dpkg reports
#      the failure, the database is put back, the old release stays current and works;
#   5. dpkg -r keeps data and keys; dpkg -P refuses while a record is unsent; forced, it purges;
# then prints package_ok=1 and the package's size. Needs root and the Debian mirror (apt).
# Not part of `make test`: it takes minutes.
set -euo pipefail
cd "$(dirname "$0")/.."
[ "$(id -u)" = 0 ] || { echo "check-package: run as root (chroot, mount)" >&2; exit 1; }
VERSION=$(python3 -c 'import tomllib; print(tomllib.load(open("pyproject.toml", "rb"))["project"]["version"])')
ARCH=$(dpkg --print-architecture)
NEW=dist/tongban_${VERSION}_${ARCH}.deb
WORK=build/check
MIRROR=${TONGBAN_DEBIAN_MIRROR:-http://deb.debian.org/debian}
step() { echo "check-package: $*"; }
fail() { echo "check-package: FAILED: $*" >&2; exit 1; }

[ -f "$NEW" ] || make package
mkdir -p "$WORK"

step "the previous version: $NEW relabelled ${VERSION}~prev"
PREV=$WORK/tongban_${VERSION}~prev_${ARCH}.deb
rm -rf "$WORK/prev" "$PREV"
dpkg-deb -R "$NEW" "$WORK/prev"
mv "$WORK/prev/opt/tongban/dist/$VERSION" "$WORK/prev/opt/tongban/dist/${VERSION}~prev"
echo "${VERSION}~prev" > "$WORK/prev/opt/tongban/dist/${VERSION}~prev/VERSION"
sed -i "s/^Version: .*/Version: ${VERSION}~prev/" "$WORK/prev/DEBIAN/control"
sed -i "s/^VERSION=$VERSION\$/VERSION=${VERSION}~prev/; s/before-$VERSION\\./before-${VERSION}~prev./" \
    "$WORK/prev/DEBIAN/postinst" "$WORK/prev/DEBIAN/preinst"
dpkg-deb --root-owner-group -Znone --build "$WORK/prev" "$PREV" >/dev/null
rm -rf "$WORK/prev"

if [ ! -f "$WORK/bookworm-minbase.tar" ]; then
    command -v debootstrap >/dev/null || { apt-get update -qq; apt-get install -y -qq debootstrap >/dev/null; }
    step "debootstrap --variant=minbase bookworm (once; cached in $WORK)"
    rm -rf "$WORK/base"
    debootstrap --variant=minbase bookworm "$WORK/base" "$MIRROR" >"$WORK/debootstrap.log" 2>&1 \
        || fail "debootstrap (see $WORK/debootstrap.log)"
    tar -C "$WORK/base" -cf "$WORK/bookworm-minbase.tar" .
    rm -rf "$WORK/base"
fi

R=$(mktemp -d /tmp/tongban-check-root.XXXXXX)
cleanup() {
    for m in dev/pts dev sys proc; do umount -l "$R/$m" 2>/dev/null || true; done
    rm -rf --one-file-system "$R"
}
trap cleanup EXIT
step "a clean root in $R"
tar -C "$R" -xf "$WORK/bookworm-minbase.tar"
mount -t proc proc "$R/proc"
mount -t sysfs sys "$R/sys"
mount --bind /dev "$R/dev"
mount --bind /dev/pts "$R/dev/pts"
cp /etc/resolv.conf "$R/etc/resolv.conf"
echo "deb $MIRROR bookworm main" > "$R/etc/apt/sources.list"
cp "$PREV" "$R/tmp/prev.deb"
cp "$NEW" "$R/tmp/new.deb"
in_root() { chroot "$R" env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 DEBIAN_FRONTEND=noninteractive "$@"; }
as_tongban() { in_root runuser -u tongban -- env TONGBAN_DATA_DIR=/var/lib/tongban "$@"; }
db_sql() { in_root python3.11 -c "import sqlite3,sys; c=sqlite3.connect('/var/lib/tongban/tongban.db'); c.execute(sys.argv[1]); c.commit()" "$1"; }

step "apt install the previous version (and its Debian dependencies)"
in_root apt-get update -qq
in_root apt-get install -y -qq --no-install-recommends /tmp/prev.deb >"$WORK/apt.log" 2>&1 || { tail -30 "$WORK/apt.log"; fail "apt install"; }
[ "$(in_root stat -c "%a %U" /var/lib/tongban)" = "700 tongban" ] || fail "/var/lib/tongban is not 0700 tongban"
in_root id tongban

step "tongban --version"
in_root tongban --version
step "tongban doctor --json (no display and no store yet in a fresh root: warnings, exit 1)"
set +e; in_root tongban doctor --json >"$WORK/doctor.json"; code=$?; set -e
python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); print("  status", r["status"], "-", ", ".join(c["check"]+"="+c["severity"] for c in r["checks"]))' "$WORK/doctor.json"
[ "$code" -le 1 ] || fail "doctor exit code $code"

step "tongban demo --text"
in_root tongban demo --text >"$WORK/demo.txt" 2>&1 || { tail -20 "$WORK/demo.txt"; fail "demo --text"; }
grep -q "受理回执" "$WORK/demo.txt" || fail "demo --text printed no receipt"

step "the kiosk's walk-through, offscreen"
in_root env QT_QPA_PLATFORM=offscreen tongban kiosk --offscreen --screenshots /tmp/kiosk-shots >"$WORK/kiosk.txt" 2>&1 \
    || { tail -30 "$WORK/kiosk.txt"; fail "kiosk walk-through"; }
shots=$(find "$R/tmp/kiosk-shots" -name '*.png' | wc -l)
[ "$shots" -ge 5 ] || fail "kiosk walk-through saved $shots screenshots"
echo "  $shots screenshots (copied to $WORK/kiosk-shots)"
rm -rf "$WORK/kiosk-shots"; cp -r "$R/tmp/kiosk-shots" "$WORK/kiosk-shots"

step "a case in the store, taken as the tongban account"
as_tongban sh -c 'printf "region_code = \"320115\"\ndevice_no = 1\noperator = \"window01\"\n" > /var/lib/tongban/tongban.toml'
EXAMPLE=/opt/tongban/current/venv/lib/python3.11/site-packages/assets/examples/newborn-case.json
NUMBER=$(as_tongban tongban cases add --json "$EXAMPLE" | head -1)
echo "  case $NUMBER"
as_tongban tongban cases show "$NUMBER" >/dev/null
OLD=$(readlink "$R/opt/tongban/current")

step "upgrade ${VERSION}~prev -> $VERSION"
in_root dpkg -i /tmp/new.deb >"$WORK/upgrade.log" 2>&1 || { cat "$WORK/upgrade.log"; fail "upgrade"; }
NEWREL=$(readlink "$R/opt/tongban/current")
[ "$NEWREL" != "$OLD" ] || fail "current did not move to the new release"
as_tongban tongban cases show "$NUMBER" | head -3
ls "$R/var/lib/tongban/tongban-upgrade-backups/" | grep -q "before-$VERSION" || fail "no database copy from preinst"
[ "$(in_root dpkg-query -W -f='${Version}' tongban)" = "$VERSION" ] || fail "version after upgrade"

step "every folder under /var/lib/tongban is 0700 and every file 0600 (tongban.toml is the operator's)"
open=$(in_root find /var/lib/tongban -mindepth 1 \( -type d ! -perm 700 -print \) -o \( -type f ! -perm 600 ! -name tongban.toml -print \))
[ -z "$open" ] || fail "open to other accounts: $open"
as_tongban tongban numbering >/dev/null || fail "numbering held on a device that was never restored"

step "an upgrade whose migration fails leaves the installed release working"
db_sql "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) VALUES ('tongban', 'm999_from_the_future', '')"
if in_root dpkg -i /tmp/new.deb >"$WORK/failed-upgrade.log" 2>&1; then fail "an upgrade over a newer database succeeded"; fi
grep -q "仍使用原版本" "$WORK/failed-upgrade.log" || { cat "$WORK/failed-upgrade.log"; fail "no explanation"; }
[ "$(readlink "$R/opt/tongban/current")" = "$NEWREL" ] || fail "current moved after a failed migration"
in_root tongban --version
db_sql "DELETE FROM _sqlite_migrations WHERE name = 'm999_from_the_future'"
in_root dpkg --configure -a >/dev/null
as_tongban tongban cases show "$NUMBER" >/dev/null || fail "the case is gone"

step "dpkg -r keeps data and keys"
in_root dpkg -r tongban >/dev/null
[ ! -e "$R/usr/bin/tongban" ] || fail "/usr/bin/tongban still there"
[ -s "$R/var/lib/tongban/tongban.db" ] && [ -s "$R/var/lib/tongban/keys/device.key" ] || fail "data or key removed"

step "dpkg -P refuses while a record is unsent, then purges when forced"
if in_root dpkg -P tongban >"$WORK/purge.log" 2>&1; then fail "purge with unsent records succeeded"; fi
grep -q "TONGBAN_PURGE_FORCE" "$WORK/purge.log" || { cat "$WORK/purge.log"; fail "no explanation"; }
[ -s "$R/var/lib/tongban/tongban.db" ] || fail "data removed by a refused purge"
in_root env TONGBAN_PURGE_FORCE=1 dpkg -P tongban >/dev/null
[ ! -e "$R/var/lib/tongban" ] || fail "data still there after a forced purge"

echo "package_ok=1"
echo "package_size=$(stat -c %s "$NEW") ($(du -h "$NEW" | cut -f1), $NEW)"

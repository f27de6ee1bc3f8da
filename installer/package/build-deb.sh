#!/usr/bin/env bash
# make package: dist/tongban_<version>_<arch>.deb, with its own Python environment.
#
# Why a virtual environment on Debian's own python3.11, not a frozen build or python-build-standalone:
# - python-build-standalone cannot be fetched here (only package registries are reachable), and a
#   frozen build (PyInstaller) would need re-validating every Qt plugin and data path we load;
# - Debian, UOS and Kylin all ship python3.11 as a package the .deb can depend on, and the wheels
#   we install (PySide6, OpenCV, cryptography...) are manylinux/abi3 builds made for exactly that;
# - the environment has no absolute path inside it but pyvenv.cfg's "home = /usr/bin": it is run
#   as /opt/tongban/current/venv/bin/python -m core.cli.main (no console-script shebangs), so the
#   same files work from any release folder, which is what lets postinst keep the old release
#   until the new one has migrated the database.
# Only PySide6_Essentials goes in (not the Addons: QtTextToSpeech is optional, qtkit/speech.py
# falls back to espeak-ng, a dependency), pinned to the versions the test suite ran against.
set -euo pipefail
cd "$(dirname "$0")/../.."
PY=/usr/bin/python3
VERSION=${TONGBAN_DEB_VERSION:-$($PY -c 'import tomllib; print(tomllib.load(open("pyproject.toml", "rb"))["project"]["version"])')}
ARCH=$(dpkg --print-architecture)
OUT=dist/tongban_${VERSION}_${ARCH}.deb
WORK=build/package
ROOT=$WORK/root
DIST=$ROOT/opt/tongban/dist/$VERSION
say() { echo "package: $*"; }

$PY -c 'import sys; assert sys.version_info[:2] == (3, 11), sys.version' \
    || { echo "package: needs Debian's python3.11 at $PY" >&2; exit 1; }
$PY -c 'import venv, ensurepip' 2>/dev/null || { echo "package: apt install python3-venv" >&2; exit 1; }
[ -x .venv/bin/python ] || installer/dev-setup.sh

rm -rf "$WORK"
mkdir -p "$WORK/wheel" "$DIST" dist
say "building the wheel"
had_egg_info=$([ -e tongban.egg-info ] && echo 1 || true)
.venv/bin/python -m pip wheel -q --no-deps -w "$WORK/wheel" . >/dev/null
# setuptools leaves tongban.egg-info in the source tree; run from the tree, Python would find its
# entry points (frozen at this build) before the installed ones: new subcommands would vanish.
[ -n "$had_egg_info" ] || rm -rf tongban.egg-info

say "building the Python environment (Debian python3.11)"
$PY -m venv "$DIST/venv"
sed -i "/^command = /d" "$DIST/venv/pyvenv.cfg"
# python3.11 itself, not /usr/bin/python3 (package python3, which the .deb does not need)
ln -sfn /usr/bin/python3.11 "$DIST/venv/bin/python3.11"
ln -sfn python3.11 "$DIST/venv/bin/python3"
ln -sfn python3.11 "$DIST/venv/bin/python"
# The versions the tests ran against, without the editable tongban itself.
.venv/bin/python -m pip freeze --exclude-editable | grep -v '^tongban' > "$WORK/constraints.txt"
deps=$($PY - <<'PY'
import re, tomllib
deps = tomllib.load(open("pyproject.toml", "rb"))["project"]["dependencies"]
print(" ".join(re.sub(r"^PySide6(?=[<>=! ]|$)", "PySide6_Essentials", d) for d in deps))
PY
)
# shellcheck disable=SC2086  # one argument per requirement
"$DIST/venv/bin/python" -m pip install -q --no-compile --disable-pip-version-check -c "$WORK/constraints.txt" $deps
"$DIST/venv/bin/python" -m pip install -q --no-compile --no-deps --disable-pip-version-check "$WORK"/wheel/tongban-*.whl
"$DIST/venv/bin/python" -m pip uninstall -q -y pip setuptools
SITE=$(echo "$DIST"/venv/lib/python3.11/site-packages)
# Data beside the packages (core/assets.py: assets/ next to core/), and the kiosk session files.
cp -r assets "$SITE/assets"
rm -rf "$SITE/assets/screenshots"
mkdir -p "$DIST/installer/kiosk"
cp installer/kiosk/tongban-kiosk-session installer/kiosk/openbox-rc.xml "$DIST/installer/kiosk/"
# Qt's developer tools are not needed to run.
rm -rf "$SITE"/PySide6/scripts "$SITE"/PySide6/{designer,linguist,assistant,lupdate,lrelease,uic,rcc,qmlls,qmllint,qmlformat,qmlcache} \
       "$SITE"/PySide6/Qt/libexec/{uic,rcc,qmlcachegen} 2>/dev/null || true
find "$DIST/venv" -name '__pycache__' -prune -exec rm -rf {} +
# Every console script's shebang names the build folder: they are not used (see above).
find "$DIST/venv/bin" -type f ! -name 'python*' -delete
say "compiling"
$PY -m compileall -q -j 2 -s "$ROOT/opt/tongban/dist/$VERSION" -p /opt/tongban/current "$DIST/venv/lib" >/dev/null
echo "$VERSION" > "$DIST/VERSION"

say "system files"
install -D -m 0755 installer/package/tongban "$ROOT/usr/bin/tongban"
install -D -m 0644 installer/systemd/tongban-sync.service "$ROOT/lib/systemd/system/tongban-sync.service"
install -D -m 0644 installer/systemd/tongban-hall.service "$ROOT/lib/systemd/system/tongban-hall.service"
install -d "$ROOT/usr/lib/systemd/user"
sed 's|^ExecStart=/opt/tongban/.venv/bin/tongban |ExecStart=/usr/bin/tongban |; s|file:///opt/tongban/installer/kiosk/README.md|file:///usr/share/doc/tongban/kiosk/README.md|' \
    installer/kiosk/tongban-kiosk.service > "$ROOT/usr/lib/systemd/user/tongban-kiosk.service"
install -d "$ROOT/usr/share/xsessions" "$ROOT/usr/share/wayland-sessions" "$ROOT/usr/share/applications"
sed 's|/opt/tongban/installer/kiosk/|/opt/tongban/current/installer/kiosk/|g' installer/kiosk/tongban-kiosk.desktop \
    > "$ROOT/usr/share/xsessions/tongban-kiosk.desktop"
sed 's|/opt/tongban/installer/kiosk/|/opt/tongban/current/installer/kiosk/|g' installer/kiosk/tongban-kiosk-cage.desktop \
    > "$ROOT/usr/share/wayland-sessions/tongban-kiosk-cage.desktop"
install -m 0644 installer/package/tongban-window.desktop "$ROOT/usr/share/applications/"
install -D -m 0644 installer/package/70-tongban.rules "$ROOT/lib/udev/rules.d/70-tongban.rules"
install -D -m 0644 installer/package/tongban.env "$ROOT/etc/tongban/tongban.env"
install -D -m 0644 installer/package/hall.env "$ROOT/etc/tongban/hall.env"
sed 's|^TONGBAN_DATA_DIR=/var/lib/tongban-kiosk|TONGBAN_DATA_DIR=/var/lib/tongban|; s|/var/lib/tongban-kiosk|/var/lib/tongban|g; s|root:tongban-kiosk|root:tongban|g; s|tongban-kiosk -m|tongban -m|g' \
    installer/kiosk/kiosk.env.example > "$ROOT/etc/tongban/kiosk.env"
chmod 0640 "$ROOT/etc/tongban/kiosk.env"
DOC=$ROOT/usr/share/doc/tongban
install -d "$DOC/kiosk"
install -m 0644 installer/package/README.package.md "$DOC/"
install -m 0644 installer/kiosk/README.md installer/kiosk/50-tongban-kiosk-lightdm.conf \
    installer/kiosk/90-tongban-kiosk.conf "$DOC/kiosk/"
printf 'Tongban (通办)\nSee the project repository for licensing.\nThe Python environment under /opt/tongban holds third-party wheels under their own licences;\ntheir licence files are in each *.dist-info folder.\n' > "$DOC/copyright"

say "control files"
install -d "$ROOT/DEBIAN"
SIZE=$(du -sk --exclude=DEBIAN "$ROOT" | cut -f1)
sed "s/@VERSION@/$VERSION/; s/@ARCH@/$ARCH/; s/@SIZE@/$SIZE/" installer/package/debian/control.in > "$ROOT/DEBIAN/control"
installer/package/maintainer-scripts.sh "$VERSION" "$ROOT/DEBIAN"
printf '/etc/tongban/tongban.env\n/etc/tongban/hall.env\n/etc/tongban/kiosk.env\n' > "$ROOT/DEBIAN/conffiles"

# xz -6: about a quarter of the installed size; TONGBAN_DEB_COMPRESS="-Zgzip -z1" for a quick local build
say "dpkg-deb ${TONGBAN_DEB_COMPRESS:--Zxz -z6}"
rm -f "$OUT"
# shellcheck disable=SC2086
dpkg-deb --root-owner-group ${TONGBAN_DEB_COMPRESS:--Zxz -z6} --build "$ROOT" "$OUT" >/dev/null
say "$OUT $(du -h "$OUT" | cut -f1) (installed $((SIZE / 1024)) MiB)"

"""What the Windows window-client bundle holds, as plain data: read by tongban.spec and by the tests.

Kept apart from the spec so that tests/installer/test_windows_bundle.py can check it on Linux
without PyInstaller: every data path named here exists in the repository, every package of ours
that an entry point or a lazily imported command names is collected, and the launcher exists.
"""

from __future__ import annotations

from pathlib import Path
from typing import Final

REPO: Final = Path(__file__).resolve().parents[2]
LAUNCHER: Final = "installer/windows/tongban_launcher.py"

# Every package of ours. Commands are found through entry points (pyproject.toml:
# tongban.commands, tongban.demos, tongban.doctor) and their modules imported by name when used
# (core/cli/commands.py), which PyInstaller's import analysis cannot see: all are collected whole.
# The kiosk comes along because its commands are registered through the same entry points.
OUR_PACKAGES: Final = ("core", "devices", "sync", "services", "qtkit", "window_client", "kiosk")

# Third-party packages imported by name at run time, or only inside functions the analysis may
# miss: the embedded demo platform's server (uvicorn picks its loop and protocol modules by
# name), the optional QR decoders (devices/qr/decoders.py), and pyserial's URL handlers.
HIDDEN_PACKAGES: Final = ("uvicorn", "starlette", "zxingcpp", "pyzbar", "serial.urlhandler")
# Optional: USB receipt printers (usb:VID:PID) need pyusb and a libusb-1.0.dll; collected when
# the build environment has pyusb (pip install pyusb), left out otherwise (tcp: and serial: work).
OPTIONAL_PACKAGES: Final = ("usb",)

# Distributions whose metadata (dist-info) must be in the bundle: tongban's entry points and
# version (importlib.metadata, core/cli/main.py), and packages that read their own version.
METADATA: Final = ("tongban", "jsonschema")

# (repository path, folder inside the bundle). core/assets.py finds assets/ beside the packages
# (_internal/assets in a PyInstaller 6 one-folder bundle). Screenshots are documentation only.
DATA: Final = (
    ("assets/catalog", "assets/catalog"),  # the bundled service catalog (事项目录)
    ("assets/calendar", "assets/calendar"),  # the official holiday calendar
    ("assets/regions", "assets/regions"),  # GB/T 2260 region codes
    ("assets/rules", "assets/rules"),  # retirement ages, bad-rating reasons
    ("assets/examples", "assets/examples"),  # the demo's example case and scan
    ("assets/devices", "assets/devices"),  # the demo's simulated ID cards
    ("assets/translations/tongban_en.qm", "assets/translations"),  # the English interface (qtkit/i18n.py)
)

# Data files of third-party packages (PyInstaller's own hooks cover PySide6, cv2, certifi, PIL).
PACKAGE_DATA: Final = ("escpos", "barcode", "jsonschema_specifications", "pypinyin")

# Shared libraries shipped inside wheels: pyzbar's Windows wheel carries libzbar-64.dll and
# libiconv.dll in the package folder (pyzbar README: "The zbar DLLs are included with the Windows
# Python wheels"); ctypes loads them from there, so they must stay in pyzbar/.
PACKAGE_LIBS: Final = ("pyzbar",)

# Not needed to run the window client: keeps the bundle smaller.
EXCLUDES: Final = ("tkinter", "pytest", "hypothesis", "mypy", "ruff", "importlinter", "PySide6.scripts")


def data_sources() -> list[Path]:
    """Every repository path DATA names, as an absolute path."""
    return [REPO / source for source, _ in DATA]

"""What this process's display can do: whether there is one at all (both GUIs refuse to start
without, both ``demo``s fall back to the offscreen walk-through), and the X11 hint that keeps the
kiosk's window on every virtual desktop.

No Qt here: ``require_display`` must run before a QApplication exists, because Qt aborts the
process (SIGABRT, exit 134) when its platform plugin cannot reach a display.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import functools
import logging
import os
import sys
from collections.abc import Mapping
from typing import Final

from core.errors import TongbanError

logger = logging.getLogger(__name__)

# Qt platforms that need a window system (and its address in DISPLAY / WAYLAND_DISPLAY); others,
# such as offscreen, minimal, eglfs, linuxfb and vnc, draw without one.
_WINDOW_SYSTEMS: Final = ("xcb", "wayland", "wayland-egl", "wayland-brcm")


class NoDisplayError(TongbanError):
    """A GUI was asked for where no display can be reached (the environment's fault: exit 1)."""

    exit_code = 1

    def __init__(self) -> None:
        super().__init__(
            "没有可用的显示（未设置 DISPLAY 或 WAYLAND_DISPLAY），无法打开窗口。"
            "请在图形桌面中运行；没有显示器时可加 --offscreen 运行离屏演示，或运行 tongban demo。",
            "no display (DISPLAY and WAYLAND_DISPLAY are unset), so no window can open: run it on a "
            "graphical desktop, or add --offscreen for the offscreen walk-through, or run `tongban demo`",
        )


def has_display(environ: Mapping[str, str] | None = None) -> bool:
    """Whether a window would be seen: a window system to draw on, and not the offscreen platform."""
    env = os.environ if environ is None else environ
    if env.get("QT_QPA_PLATFORM", "") in ("offscreen", "minimal"):
        return False
    return bool(env.get("DISPLAY") or env.get("WAYLAND_DISPLAY")) or sys.platform in ("win32", "darwin")


def require_display(environ: Mapping[str, str] | None = None) -> None:
    """Raise NoDisplayError when Qt's platform would need a window system that is not there.

    An explicit QT_QPA_PLATFORM that draws without one (offscreen, eglfs, vnc…) is the caller's choice.
    """
    env = os.environ if environ is None else environ
    if sys.platform in ("win32", "darwin") or env.get("DISPLAY") or env.get("WAYLAND_DISPLAY"):
        return
    # "wayland;xcb" is a list of fallbacks; "vnc:size=800x600" carries options after the colon.
    chosen = [name.split(":")[0].strip() for name in env.get("QT_QPA_PLATFORM", "").split(";")]
    chosen = [name for name in chosen if name]
    if chosen and not all(name in _WINDOW_SYSTEMS for name in chosen):
        return
    raise NoDisplayError()


# -- X11: a window on every virtual desktop (EWMH, freedesktop.org "Extended Window Manager Hints") --

_ALL_DESKTOPS: Final = 0xFFFFFFFF  # _NET_WM_DESKTOP: "the window should appear on all desktops"
_SOURCE_APPLICATION: Final = 1  # the source indication of a request from a normal application
_NET_WM_STATE_ADD: Final = 1
_XA_CARDINAL: Final = 6
_PROP_MODE_REPLACE: Final = 0
_SUBSTRUCTURE_NOTIFY: Final = 1 << 19
_SUBSTRUCTURE_REDIRECT: Final = 1 << 20
_CLIENT_MESSAGE: Final = 33


class _ClientMessage(ctypes.Structure):
    """Xlib's XClientMessageEvent (X11/Xlib.h), format 32."""

    _fields_ = [
        ("type", ctypes.c_int),
        ("serial", ctypes.c_ulong),
        ("send_event", ctypes.c_int),
        ("display", ctypes.c_void_p),
        ("window", ctypes.c_ulong),
        ("message_type", ctypes.c_ulong),
        ("format", ctypes.c_int),
        ("data", ctypes.c_long * 5),
    ]


class _XEvent(ctypes.Union):
    _fields_ = [("xclient", _ClientMessage), ("pad", ctypes.c_long * 24)]


_ERROR_HANDLER = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_void_p, ctypes.c_void_p)


def _ignore_x_error(_display: int | None, _event: int | None) -> int:
    return 0  # a window that vanished meanwhile: nothing to pin; Xlib's default would exit()


_IGNORE_X_ERROR: Final = _ERROR_HANDLER(_ignore_x_error)


@functools.cache
def _xlib() -> ctypes.CDLL:
    """libX11, which Qt's xcb platform plugin links to (so it is there whenever xcb runs)."""
    lib = ctypes.CDLL(ctypes.util.find_library("X11") or "libX11.so.6")
    lib.XOpenDisplay.restype = ctypes.c_void_p
    lib.XOpenDisplay.argtypes = [ctypes.c_char_p]
    lib.XCloseDisplay.argtypes = [ctypes.c_void_p]
    lib.XDefaultRootWindow.restype = ctypes.c_ulong
    lib.XDefaultRootWindow.argtypes = [ctypes.c_void_p]
    lib.XInternAtom.restype = ctypes.c_ulong
    lib.XInternAtom.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int]
    lib.XChangeProperty.argtypes = [
        ctypes.c_void_p,
        ctypes.c_ulong,
        ctypes.c_ulong,
        ctypes.c_ulong,
        ctypes.c_int,
        ctypes.c_int,
        ctypes.c_void_p,
        ctypes.c_int,
    ]
    lib.XSendEvent.argtypes = [
        ctypes.c_void_p,
        ctypes.c_ulong,
        ctypes.c_int,
        ctypes.c_long,
        ctypes.POINTER(_XEvent),
    ]
    lib.XSync.argtypes = [ctypes.c_void_p, ctypes.c_int]
    lib.XSetErrorHandler.restype = ctypes.c_void_p
    lib.XSetErrorHandler.argtypes = [ctypes.c_void_p]
    return lib


def show_on_all_desktops(window_id: int) -> bool:
    """Ask the X11 window manager to show ``window_id`` on every virtual desktop (sticky).

    Without it a stock window manager's Ctrl+Alt+→ moves to an empty desktop, whose menu opens a
    terminal. Both ways EWMH offers: the ``_NET_WM_DESKTOP`` property, read when the window is
    mapped, and the client messages a manager acts on for a window it already manages
    (``_NET_WM_DESKTOP`` all, ``_NET_WM_STATE`` add ``_NET_WM_STATE_STICKY``). False when there is
    no X11 display to talk to (Wayland, Windows; the caller decides whether that matters).
    """
    if not os.environ.get("DISPLAY"):
        return False
    try:
        xlib = _xlib()
    except OSError as exc:
        logger.warning("libX11 cannot be loaded, the kiosk is not pinned to every desktop: %s", exc)
        return False
    display = xlib.XOpenDisplay(None)
    if not display:
        logger.warning(
            "cannot open the X display %r to pin the kiosk to every desktop", os.environ["DISPLAY"]
        )
        return False
    previous = xlib.XSetErrorHandler(ctypes.cast(_IGNORE_X_ERROR, ctypes.c_void_p))
    try:
        root = xlib.XDefaultRootWindow(display)
        desktop = xlib.XInternAtom(display, b"_NET_WM_DESKTOP", 0)
        state = xlib.XInternAtom(display, b"_NET_WM_STATE", 0)
        sticky = xlib.XInternAtom(display, b"_NET_WM_STATE_STICKY", 0)
        value = (ctypes.c_ulong * 1)(_ALL_DESKTOPS)  # format 32 data is an array of C longs in Xlib
        xlib.XChangeProperty(
            display, window_id, desktop, _XA_CARDINAL, 32, _PROP_MODE_REPLACE, ctypes.byref(value), 1
        )
        for message_type, data in (
            (desktop, (_ALL_DESKTOPS, _SOURCE_APPLICATION, 0, 0, 0)),
            (state, (_NET_WM_STATE_ADD, sticky, 0, _SOURCE_APPLICATION, 0)),
        ):
            event = _XEvent()
            event.xclient.type = _CLIENT_MESSAGE
            event.xclient.window = window_id
            event.xclient.message_type = message_type
            event.xclient.format = 32
            for index, item in enumerate(data):
                event.xclient.data[index] = item
            xlib.XSendEvent(
                display, root, 0, _SUBSTRUCTURE_NOTIFY | _SUBSTRUCTURE_REDIRECT, ctypes.byref(event)
            )
        xlib.XSync(display, 0)
    finally:
        xlib.XSetErrorHandler(previous)
        xlib.XCloseDisplay(display)
    return True

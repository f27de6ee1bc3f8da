"""The kiosk's composition root: every service wired by constructor, all stopped on quit.

QApplication theme (kiosk or 长辈版) and translator, the task runner (store, net, sync, devices
workers), devices, sync, the speaker, the window, the activity and lockdown filters — stopped in
reverse order. A kiosk whose store or catalog cannot open shows an out-of-service screen, never a
traceback or the desktop.
"""

from __future__ import annotations

import logging
import sys
import time
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Final

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtWidgets import QApplication, QLabel, QVBoxLayout, QWidget

from core.clock import Clock, SystemClock
from core.config import DeviceConfig, NoIdentityError, load_config
from kiosk.context import KioskContext, KioskOptions
from qtkit.display import require_display
from qtkit.gui_runtime import GuiRuntime
from qtkit.i18n import install_translator
from qtkit.messages import describe
from qtkit.signals import QuitOnSignals
from qtkit.theme import apply_theme

if TYPE_CHECKING:
    from core.catalog.model import Catalog
    from kiosk.lockdown import Lockdown
    from kiosk.screens.base import KioskScreen
    from kiosk.window import ActivityFilter, KioskWindow
    from qtkit.bridge import DeviceBridge
    from qtkit.speech import Speaker
    from qtkit.sync_bridge import SyncBridge
    from qtkit.tasks import TaskRunner

logger = logging.getLogger(__name__)

EXECUTORS: Final = {"store": 1, "net": 1, "sync": 1, "devices": 1, "general": 2}


class KioskApp(QObject):
    """Everything one kiosk runs. Lives on the GUI thread.

    ``start`` opens the store and the catalog on the store worker, then builds the window;
    ``ready`` when it shows, ``failed(message)`` when the kiosk cannot serve. ``stop`` ends it all.
    """

    ready = Signal()
    failed = Signal(str)

    def __init__(
        self,
        qapp: QApplication,
        options: KioskOptions,
        *,
        clock: Clock | None = None,
        screens: Mapping[str, type[KioskScreen]] | None = None,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__()
        self.qapp = qapp
        self.options = options
        self.clock: Clock = clock or SystemClock()
        self.config: DeviceConfig = load_config(options.config_path, options.data_dir)
        self._screens = screens
        self._monotonic = monotonic  # the inactivity clock (tests step it)
        self.theme = apply_theme(qapp, "elderly" if options.elderly else "kiosk")
        install_translator(qapp, options.lang)
        self.runtime = GuiRuntime()  # the switch interval and the start-up freeze: start and stop
        self.runner: TaskRunner | None = None
        self.devices: DeviceBridge | None = None
        self.sync: SyncBridge | None = None
        self.speaker: Speaker | None = None
        self.ctx: KioskContext | None = None
        self.window: KioskWindow | None = None
        self.activity: ActivityFilter | None = None
        self.lockdown: Lockdown | None = None
        self.fault: QWidget | None = None
        self.devices_ready = False  # every device opened (a code scanned before is not seen)
        self._stopped = False
        qapp.aboutToQuit.connect(self.stop)

    def start(self) -> None:
        from core.catalog.loader import load_current_catalog
        from qtkit.operations import OperationHub
        from qtkit.tasks import TaskRunner, store_opener

        self.runtime.apply()
        self.runner = TaskRunner(self, executors=EXECUTORS)
        self.store_key = self.runner.add_resource(
            "store", store_opener(self.options.data_dir, clock=self.clock)
        )
        self.operations = OperationHub(self.runner, self.store_key, parent=self)
        data_dir = self.options.data_dir

        def opened(store: object) -> tuple[bool, Catalog]:
            from core.store.store import Store

            assert isinstance(store, Store)
            return store.sync.enrollment() is not None, load_current_catalog(data_dir)

        self.runner.run_with(self.store_key, opened, on_done=self._on_opened, on_error=self._on_fatal)

    def _on_opened(self, state: tuple[bool, Catalog]) -> None:
        if self._stopped:
            return
        enrolled, catalog = state
        from kiosk.screens import screen_classes
        from kiosk.window import KioskWindow, install_activity_filter
        from qtkit.bridge import DeviceBridge
        from qtkit.speech import Speaker
        from qtkit.sync_bridge import SyncBridge
        from services.sync_round import sync_round_factory

        assert self.runner is not None
        self.devices = DeviceBridge(dict(self.config.devices), self.runner, parent=self)
        self.devices.devices_started.connect(self._on_devices_started)
        self.devices.start()
        if enrolled:
            runner, store_key = self.runner, self.store_key
            factory = sync_round_factory(
                lambda: runner.resource(store_key), self.clock, self.options.data_dir, self.config
            )
            self.sync = SyncBridge(
                self.runner, factory, interval_ms=self.options.sync_interval_ms, parent=self
            )
            self.operations.follow_sync(self.sync)
            self.sync.start()
        else:
            logger.warning("this kiosk is not enrolled with a platform: it serves offline only")
        try:
            self.config.require_identity(self.options.config_path)
        except NoIdentityError as exc:  # the attract screen says so; maintenance still opens
            logger.error("the kiosk is out of service: %s", exc.detail)
        self.speaker = Speaker(parent=self) if self.options.speech else Speaker(parent=self, backends=())
        self.ctx = KioskContext(
            config=self.config,
            catalog=catalog,
            clock=self.clock,
            data_dir=self.options.data_dir,
            options=self.options,
            runner=self.runner,
            store_key=self.store_key,
            devices=self.devices,
            sync=self.sync,
            speaker=self.speaker,
            operations=self.operations,
        )
        self.window = KioskWindow(
            self.ctx,
            self._screens or screen_classes(),
            set_elderly=self._set_elderly,
            monotonic=self._monotonic,
        )
        self.activity = install_activity_filter(self.qapp, self.window)
        if self.options.lockdown or self._maintenance_pin():
            from kiosk.lockdown import Lockdown

            # Windowed (a demonstration): only the maintenance gesture, the desktop stays usable.
            self.lockdown = Lockdown(
                self.qapp,
                self.window,
                pin=self._maintenance_pin(),
                monotonic=self._monotonic,
                confine=self.options.lockdown,
            )
            self.lockdown.install()
        self._show(self.window)
        # The catalog, the attract screen and the services live as long as the process: out of
        # the collector's scans (a full collection over them took 100-220 ms, bench/kiosk_soak.py).
        self.runtime.freeze_start_up()
        self.ready.emit()

    def _on_devices_started(self) -> None:
        self.devices_ready = True

    def _maintenance_pin(self) -> str:
        return self.options.maintenance_pin or ""

    def _set_elderly(self, elderly: bool) -> None:
        self.theme = apply_theme(self.qapp, "elderly" if elderly else "kiosk")

    def _show(self, widget: QWidget) -> None:
        if self.options.fullscreen:
            widget.setWindowFlag(Qt.WindowType.FramelessWindowHint, True)
            widget.setWindowFlag(Qt.WindowType.WindowStaysOnTopHint, True)
            widget.showFullScreen()
        else:
            widget.resize(*self.options.size)
            widget.show()

    def _on_fatal(self, exc: BaseException) -> None:
        logger.error("the kiosk cannot open its store or catalog: %s", getattr(exc, "detail", exc))
        message = describe(exc)
        fault = QWidget()
        fault.setObjectName("kiosk-fault")
        layout = QVBoxLayout(fault)
        label = QLabel(
            QCoreApplication.translate(
                "KioskApp", "本机暂停服务，请到人工窗口办理。给您带来不便，敬请谅解。"
            ),
            fault,
        )
        label.setWordWrap(True)
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        font = label.font()
        font.setPointSizeF(self.theme.scale.title_pt)
        label.setFont(font)
        layout.addWidget(label)
        self.fault = fault
        self._show(fault)
        self.failed.emit(message)

    def stop(self) -> None:
        if self._stopped:
            return
        self._stopped = True
        if self.window is not None:
            self.window.end_session("shutdown")
            self.window.hide()
        if self.lockdown is not None:
            self.lockdown.uninstall()
        if self.activity is not None:
            self.qapp.removeEventFilter(self.activity)
        if self.speaker is not None:
            self.speaker.close()
        if self.sync is not None:
            self.sync.stop()
        if self.devices is not None:
            self.devices.stop()
        if self.runner is not None and not self.runner.shutdown(timeout=15):
            logger.error("worker threads did not stop in time")
        self.runtime.restore()
        for widget in (self.window, self.fault):
            if widget is not None:
                widget.hide()
                widget.deleteLater()


def run_kiosk(options: KioskOptions, argv: list[str] | None = None) -> int:
    """``tongban kiosk``: the kiosk until the maintenance screen exits it (or SIGTERM stops it)."""
    require_display()  # before QApplication, which aborts the process when it finds no display
    app = QApplication.instance() or QApplication(argv if argv is not None else sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("tongban-kiosk")
    app.setQuitOnLastWindowClosed(False)  # only the maintenance screen ends a kiosk
    kiosk = KioskApp(app, options)
    stopper = QuitOnSignals(app)  # systemd's stop (SIGTERM) runs kiosk.stop like a quit does
    kiosk.start()
    code = app.exec()
    kiosk.stop()
    stopper.close()
    return code

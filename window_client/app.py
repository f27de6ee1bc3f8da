"""The window client's composition root: every service wired by constructor, all stopped on quit.

QApplication, theme, translator, wedge filter, workers, devices, sync, staff login, the main
window — stopped in reverse order.

Start-up is in two phases so the login window is up at once: this module imports only what that
window needs; a boot thread imports the rest (store, devices, sync, the screens: about a second
of imports) while staff type, then ``_boot`` builds the services on the GUI thread.
"""

from __future__ import annotations

import importlib
import logging
import sys
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Final

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication

from core.clock import Clock, SystemClock
from core.config import DeviceConfig, load_config
from qtkit.display import require_display
from qtkit.gui_runtime import GuiRuntime
from qtkit.i18n import fill, install_translator
from qtkit.messages import describe
from qtkit.signals import QuitOnSignals
from qtkit.theme import apply_theme
from window_client.dialogs.login import LoginWindow

if TYPE_CHECKING:
    from core.catalog.model import Catalog
    from core.staff import StaffSession
    from core.store.store import Store
    from qtkit.bridge import DeviceBridge
    from qtkit.operations import OperationHub
    from qtkit.sync_bridge import SyncBridge
    from qtkit.tasks import TaskRunner
    from qtkit.wedge import WedgeFilter
    from window_client.context import SessionModel, WindowContext
    from window_client.dialogs.setup import SetupDialog
    from window_client.main_window import MainWindow

logger = logging.getLogger(__name__)

PROFILES: Final = ("hall", "outreach")
DEFAULT_SYNC_INTERVAL_MS: Final = 30_000  # qtkit.sync_bridge.DEFAULT_INTERVAL_MS (not imported: start-up)
# What the boot thread imports while the login window is already up (each is a module tree).
HEAVY_MODULES: Final = (
    "qtkit.tasks",
    "qtkit.wedge",
    "qtkit.bridge",
    "core.staff",
    "core.catalog.loader",
    "sync.enrollment",
    "sync.service",
    "window_client.context",
    "services.sync_round",
    "window_client.dialogs.setup",
    "window_client.main_window",
)


@dataclass(frozen=True, slots=True)
class WindowOptions:
    """How ``tongban window`` was started. ``profile`` None: outreach when the config's role says so."""

    data_dir: Path
    config_path: Path
    profile: str | None = None
    lang: str = "zh_CN"
    lock_minutes: float = 5.0
    sync_interval_ms: int = DEFAULT_SYNC_INTERVAL_MS
    second_screen: bool | None = None  # None: use one when the machine has it
    size: tuple[int, int] | None = None  # e.g. (1366, 768); None: maximised


class WindowApp(QObject):
    """Everything one window client runs. Lives on the GUI thread.

    ``start`` shows the login window and starts the boot thread; once booted, the store says (on
    its worker) whether the device is new: then the setup dialog replaces the login window.
    ``stop`` ends it all: windows, bridges, then the runner's workers. ``booted`` when the
    services exist; ``logged_in(session)`` after every login; ``main_window_shown`` when the staff
    window is up.
    """

    booted = Signal()
    logged_in = Signal(object)
    main_window_shown = Signal()
    login_window_shown = Signal()
    setup_shown = Signal()
    _imports_done = Signal(object)  # None, or the exception; emitted by the boot thread

    def __init__(self, app: QApplication, options: WindowOptions, *, clock: Clock | None = None) -> None:
        super().__init__()
        self.qapp = app
        self.options = options
        self.clock: Clock = clock or SystemClock()
        self.config: DeviceConfig = load_config(options.config_path, options.data_dir)
        self.profile = options.profile or ("outreach" if self.config.role == "outreach" else "hall")
        self.runtime = GuiRuntime()  # the switch interval and the start-up freeze: start and stop
        self.theme = apply_theme(app, "standard")
        install_translator(app, options.lang)
        self.runner: TaskRunner
        self.operations: OperationHub
        self.wedge: WedgeFilter | None = None
        self.session: SessionModel
        self.devices: DeviceBridge | None = None
        self.sync: SyncBridge | None = None
        self.ctx: WindowContext | None = None
        self.login_window: LoginWindow | None = None
        self.setup_dialog: SetupDialog | None = None
        self.main_window: MainWindow | None = None
        self.catalog: Catalog | None = None
        self.ready = False
        self._pending_login: tuple[str, str] | None = None
        self._boot_thread: threading.Thread | None = None
        self._stopped = False
        self._imports_done.connect(self._on_imports_done)
        app.aboutToQuit.connect(self.stop)

    # -- start-up -----------------------------------------------------------------------------

    def start(self) -> None:
        """The login window now; the services once the boot thread has imported them (it starts
        from the event loop, after the window's first frame)."""
        self.runtime.apply()
        self._show_login()
        QTimer.singleShot(0, self._start_boot_thread)

    def _start_boot_thread(self) -> None:
        if self._stopped or self._boot_thread is not None:
            return
        self._boot_thread = threading.Thread(target=self._import_heavy, name="tongban-boot", daemon=True)
        self._boot_thread.start()

    def _import_heavy(self) -> None:
        """On the boot thread: imports only (no Qt objects are made here)."""
        try:
            for name in HEAVY_MODULES:
                importlib.import_module(name)
        except Exception as exc:  # reported on the GUI thread, in the login window
            self._imports_done.emit(exc)
            return
        self._imports_done.emit(None)

    def _on_imports_done(self, error: BaseException | None) -> None:
        if self._boot_thread is not None:
            self._boot_thread.join()
            self._boot_thread = None
        if self._stopped:
            return
        if error is not None:
            logger.error("start-up failed", exc_info=error)
            self._fail(str(error))
            return
        self._boot()

    def _boot(self) -> None:
        """Build the services (GUI thread), then ask the store whether this device is new."""
        from core.catalog.loader import load_current_catalog
        from core.staff import StaffDirectory
        from qtkit.operations import OperationHub
        from qtkit.tasks import TaskRunner, store_opener
        from qtkit.wedge import WedgeFilter
        from window_client.context import SessionModel

        self.wedge = WedgeFilter(parent=self)
        self.wedge.install(self.qapp)
        self.wedge.set_enabled(self.login_window is None or not self.login_window.isVisible())
        self.runner = TaskRunner(self)
        self.store_key = self.runner.add_resource(
            "store", store_opener(self.options.data_dir, clock=self.clock)
        )
        self.operations = OperationHub(self.runner, self.store_key, parent=self)
        runner, store_key, clock = self.runner, self.store_key, self.clock
        self.staff_key = self.runner.add_resource(
            "staff", lambda: StaffDirectory(runner.resource(store_key), clock), lambda _d: None
        )
        self.session = SessionModel()
        self.ready = True

        def state(store: Store) -> tuple[bool, bool]:
            return bool(store.sync.staff_accounts()), store.sync.enrollment() is not None

        self.runner.run_with(self.store_key, state, on_done=self._on_state_known, on_error=self._on_fatal)
        data_dir = self.options.data_dir
        self.runner.run(
            lambda: load_current_catalog(data_dir), on_done=self._on_catalog_loaded, on_error=self._on_fatal
        )
        self.booted.emit()

    def _on_catalog_loaded(self, catalog: Catalog) -> None:
        self.catalog = catalog

    def _on_state_known(self, state: tuple[bool, bool]) -> None:
        has_accounts, enrolled = state
        if not (has_accounts or enrolled) or not self.config.has_identity:
            # A device without its identity takes no case (core/config.py): setup first, even
            # where staff accounts or an enrolment exist.
            self._pending_login = None  # nobody logs in before the device is set up
            self._show_setup(has_accounts=has_accounts, enrolled=enrolled)
            return
        self._start_services(enrolled)
        if not has_accounts and self.login_window is not None:
            self.login_window.set_note(
                QCoreApplication.translate(
                    "WindowApp", "本机还没有工作人员账号：正在从省级平台同步，请稍候再登录。"
                )
            )
        if self._pending_login is not None:
            staff_id, password = self._pending_login
            self._pending_login = None
            self._on_login_requested(staff_id, password)

    def _start_services(self, enrolled: bool) -> None:
        """Devices (their simulators start on the devices worker) and, when enrolled, sync."""
        from qtkit.bridge import DeviceBridge
        from qtkit.sync_bridge import SyncBridge
        from services.sync_round import sync_round_factory

        if self.devices is None:
            self.devices = DeviceBridge(dict(self.config.devices), self.runner, parent=self)
            self.devices.start()
        if enrolled and self.sync is None:
            runner, store_key = self.runner, self.store_key
            factory = sync_round_factory(
                lambda: runner.resource(store_key), self.clock, self.options.data_dir, self.config
            )
            self.sync = SyncBridge(
                self.runner, factory, interval_ms=self.options.sync_interval_ms, parent=self
            )
            self.operations.follow_sync(self.sync)
            self.sync.start()

    def _on_fatal(self, exc: BaseException) -> None:
        logger.error("the local store or catalog cannot be opened: %s", getattr(exc, "detail", exc))
        self._fail(describe(exc))

    def _fail(self, message: str) -> None:
        self._show_login()
        if self.login_window is not None:
            self.login_window.show_error(
                fill(QCoreApplication.translate("WindowApp", "本机数据无法打开：%1"), message)
            )
            self.login_window.button.setEnabled(False)

    # -- first run ----------------------------------------------------------------------------

    def _show_setup(self, *, has_accounts: bool, enrolled: bool) -> None:
        from window_client.dialogs.setup import SetupDialog

        dialog = SetupDialog(
            self.config,
            self.options.config_path,
            self.runner,
            self.store_key,
            self.clock,
            has_accounts=has_accounts,
            enrolled=enrolled,
        )
        dialog.completed.connect(self._on_setup_completed)
        dialog.rejected.connect(self.qapp.quit)
        self.setup_dialog = dialog
        if self.login_window is not None:
            self.login_window.hide()
        dialog.show()
        self.setup_shown.emit()

    def _on_setup_completed(self, session: StaffSession, config: DeviceConfig) -> None:
        enrolled = self.setup_dialog is not None and self.setup_dialog.enrolled
        self.config = config
        self.profile = self.options.profile or ("outreach" if config.role == "outreach" else "hall")
        self.setup_dialog = None
        if self.login_window is not None:  # built before the hall and device were known
            self.login_window.deleteLater()
            self.login_window = None
        self._start_services(enrolled)
        self._logged_in(session)

    # -- login --------------------------------------------------------------------------------

    def _show_login(self) -> None:
        if self.login_window is None:
            device = (
                fill(
                    QCoreApplication.translate("WindowApp", "区划 %1 · 设备 %2 · %3"),
                    self.config.region_code,
                    f"{self.config.device_no:03d}",
                    QCoreApplication.translate("WindowApp", "帮办代办（外出）")
                    if self.profile == "outreach"
                    else QCoreApplication.translate("WindowApp", "综合受理窗口"),
                )
                if self.config.has_identity
                else QCoreApplication.translate("WindowApp", "本机尚未设置设备身份")
            )
            self.login_window = LoginWindow(self.config.hall_name, device)
            self.login_window.login_requested.connect(self._on_login_requested)
        self.login_window.reset()
        if self.wedge is not None:
            self.wedge.set_enabled(False)  # a password typed fast is not a scan
        self.login_window.show()
        self.login_window.activateWindow()
        self.login_window_shown.emit()

    def login(self, staff_id: str, password: str) -> None:
        """What the login window's button does (the demo uses it to log window01 in)."""
        self._on_login_requested(staff_id, password)

    def _on_login_requested(self, staff_id: str, password: str) -> None:
        if not self.ready or self.devices is None:
            self._pending_login = (staff_id, password)  # checked as soon as the store is open
            return

        def failed(exc: BaseException) -> None:
            if self.login_window is not None:
                self.login_window.show_error(describe(exc))

        self.runner.run_with(
            self.staff_key,
            lambda directory: directory.login(staff_id, password),
            on_done=self._logged_in,
            on_error=failed,
        )

    def _logged_in(self, session: StaffSession) -> None:
        if self.wedge is not None:
            self.wedge.set_enabled(True)
        if self.login_window is not None:
            self.login_window.hide()
        self.session.set(session)
        self.logged_in.emit(session)
        self._show_main_window()

    def _on_logout_requested(self) -> None:
        self.session.set(None)
        if self.main_window is not None:
            self.main_window.hide()
        self._show_login()

    # -- the staff window ---------------------------------------------------------------------

    def context(self) -> WindowContext:
        if self.ctx is None:
            from core.catalog.loader import load_current_catalog
            from window_client.context import WindowContext

            if self.devices is None:
                self._start_services(False)
            assert self.devices is not None
            self.ctx = WindowContext(
                config=self.config,
                catalog=self.catalog or load_current_catalog(self.options.data_dir),
                clock=self.clock,
                data_dir=self.options.data_dir,
                runner=self.runner,
                store_key=self.store_key,
                devices=self.devices,
                sync=self.sync,
                session=self.session,
                operations=self.operations,
                profile=self.profile,
                lang=self.options.lang,
                staff_key=self.staff_key,
                wedge=self.wedge,
                config_path=self.options.config_path,
                lock_after_s=round(self.options.lock_minutes * 60),
            )
        return self.ctx

    def _show_main_window(self) -> None:
        from window_client.main_window import MainWindow

        if self.main_window is None:
            self.main_window = MainWindow(self.context(), second_screen=self.options.second_screen)
            self.main_window.logout_requested.connect(self._on_logout_requested)
            self.main_window.closed.connect(self.qapp.quit)
            # Modules, catalog and widgets live as long as the process: out of the collector's
            # scans (a full collection over them stopped the GUI thread for 100-150 ms).
            self.runtime.freeze_start_up()
        window = self.main_window
        if self.options.size is not None:
            window.resize(*self.options.size)
            window.show()
        else:
            window.showMaximized()
        window.activateWindow()
        self.main_window_shown.emit()

    # -- shutdown -----------------------------------------------------------------------------

    def stop(self) -> None:
        """Windows first, then sync and devices (they finish what they do), then the workers."""
        if self._stopped:
            return
        self._stopped = True
        if self._boot_thread is not None:
            self._boot_thread.join(30)  # imports only: it ends by itself
            self._boot_thread = None
        if self.main_window is not None:
            self.main_window.shutdown()
        for window in (self.main_window, self.login_window, self.setup_dialog):
            if window is not None:
                window.hide()
        if self.sync is not None:
            self.sync.stop()
        if self.devices is not None:
            self.devices.stop()
        if self.wedge is not None:
            self.wedge.uninstall()
        if self.ready and not self.runner.shutdown(timeout=15):
            logger.error("worker threads did not stop in time")
        self.runtime.restore()
        for window in (self.main_window, self.login_window, self.setup_dialog):
            if window is not None:
                window.deleteLater()


def run_window(options: WindowOptions, argv: list[str] | None = None) -> int:
    """``tongban window``: the application until its main window closes (or SIGTERM stops it)."""
    require_display()  # before QApplication, which aborts the process when it finds no display
    app = QApplication.instance() or QApplication(argv if argv is not None else sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("tongban-window")
    app.setApplicationDisplayName(QCoreApplication.translate("WindowApp", "通办"))
    window = WindowApp(app, options)
    stopper = QuitOnSignals(app)  # SIGTERM (a shutdown) or Ctrl+C: stop cleanly, nothing half-written
    window.start()
    code = app.exec()
    window.stop()
    stopper.close()
    return code

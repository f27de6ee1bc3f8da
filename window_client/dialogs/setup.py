"""``SetupDialog``: the first run of a new device, or of one still without its identity — platform
enrollment (the platform assigns the device number) or an offline start with a typed one, devices,
the first admin (or an administrator's confirmation where staff accounts exist)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QFormLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from core.case_numbers import valid_region_code
from core.clock import Clock
from core.config import DeviceConfig, load_config, write_config
from core.staff import LoginError, StaffDirectory, StaffSession
from core.store.store import Store
from devices.manager import ROLES, DeviceHealth, probe
from qtkit.i18n import fill
from qtkit.messages import describe
from qtkit.tasks import ResourceKey, TaskRunner
from qtkit.theme import current_scale
from qtkit.widgets.device_status import role_label
from sync.enrollment import enroll

PROBE_TIMEOUT_S = 3.0


def _section(title: str, parent: QWidget) -> tuple[QFrame, QVBoxLayout]:
    frame = QFrame(parent)
    frame.setProperty("role", "card")
    layout = QVBoxLayout(frame)
    s = current_scale().spacing_px
    layout.setContentsMargins(2 * s, 2 * s, 2 * s, 2 * s)
    label = QLabel(title, frame)
    label.setProperty("role", "heading")
    layout.addWidget(label)
    return frame, layout


class SetupDialog(QDialog):
    """Lives on the GUI thread; enrollment, device tests, the config file and the first admin all run
    on the runner's workers. ``completed(session, config)`` once ``tongban.toml`` holds the device's
    identity (region code and device number: core/config.py) and an administrator is logged in.

    ``has_accounts``: staff accounts exist, so an administrator confirms with a password instead of
    a first one being created. ``enrolled``: the store holds an enrolment already (the ``enrolled``
    property also counts one made in this dialog).
    """

    completed = Signal(object, object)  # StaffSession, DeviceConfig

    def __init__(
        self,
        config: DeviceConfig,
        config_path: Path,
        runner: TaskRunner,
        store_key: ResourceKey[Store],
        clock: Clock,
        parent: QWidget | None = None,
        *,
        has_accounts: bool = False,
        enrolled: bool = False,
    ) -> None:
        super().__init__(parent)
        self._config = config
        self._confirm = has_accounts
        self._was_enrolled = enrolled
        self._path = config_path
        self._runner = runner
        self._store_key = store_key
        self._clock = clock
        self.enrolled_url = ""
        first_run = not (has_accounts or enrolled)
        self.setWindowTitle(
            QCoreApplication.translate("SetupDialog", "通办 · 新设备首次设置")
            if first_run
            else QCoreApplication.translate("SetupDialog", "通办 · 设置设备身份")
        )
        s = current_scale().spacing_px
        outer = QVBoxLayout(self)
        self.intro = QLabel(
            QCoreApplication.translate(
                "SetupDialog",
                "这是本机第一次启动：请登记到省级平台（或离线启动）、测试外设、创建初始管理员。",
            )
            if first_run
            else QCoreApplication.translate(
                "SetupDialog",
                "本机尚未设置设备身份（行政区划代码和设备编号），不能受理办件：两台设备编号相同，办件编号就会重复。请联网登记，由平台分配设备编号（需新的注册码）；或离线启动，填写分配给本机的设备编号。最后由管理员确认。",
            ),
            self,
        )
        self.intro.setWordWrap(True)
        outer.addWidget(self.intro)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        body = QWidget(scroll)
        layout = QVBoxLayout(body)
        layout.setSpacing(2 * s)
        scroll.setWidget(body)
        outer.addWidget(scroll, 1)

        device, device_layout = _section(QCoreApplication.translate("SetupDialog", "本机"), body)
        form = QFormLayout()
        self.hall = QLineEdit(config.hall_name, device)
        self.hall.setObjectName("setup_hall")
        self.region = QLineEdit(config.region_code, device)
        self.region.setObjectName("setup_region")
        self.region.setMaxLength(6)
        self.region.setPlaceholderText("320115")
        self.device_no = QSpinBox(device)
        self.device_no.setObjectName("setup_device_no")
        self.device_no.setRange(0, 999)  # 0: none yet, enrolment asks the platform (sync/enrollment.py)
        self.device_no.setSpecialValueText(
            QCoreApplication.translate("SetupDialog", "由平台分配（联网登记）")
        )
        self.device_no.setValue(config.device_no)
        self.role = QComboBox(device)
        self.role.addItem(QCoreApplication.translate("SetupDialog", "综合受理窗口"), "window")
        self.role.addItem(QCoreApplication.translate("SetupDialog", "外出帮办代办（笔记本）"), "outreach")
        self.role.setCurrentIndex(max(0, self.role.findData(config.role)))
        form.addRow(QCoreApplication.translate("SetupDialog", "大厅名称（印在回执上）"), self.hall)
        form.addRow(QCoreApplication.translate("SetupDialog", "行政区划代码（6 位）"), self.region)
        form.addRow(QCoreApplication.translate("SetupDialog", "设备编号（1–999）"), self.device_no)
        form.addRow(QCoreApplication.translate("SetupDialog", "用途"), self.role)
        device_layout.addLayout(form)
        layout.addWidget(device)

        platform, platform_layout = _section(QCoreApplication.translate("SetupDialog", "省级平台"), body)
        self.mode = QButtonGroup(self)
        self.online = QRadioButton(
            QCoreApplication.translate("SetupDialog", "联网登记（输入平台地址和一次性注册码）"), platform
        )
        self.offline = QRadioButton(
            QCoreApplication.translate("SetupDialog", "离线启动（外出帮办，回到有网络的地方再登记）"),
            platform,
        )
        self.online.setChecked(True)
        for button in (self.online, self.offline):
            self.mode.addButton(button)
            platform_layout.addWidget(button)
        pform = QFormLayout()
        self.url = QLineEdit(config.platform_url, platform)
        self.url.setObjectName("setup_url")
        self.url.setPlaceholderText("https://platform.example.gov.cn")
        self.code = QLineEdit(platform)
        self.code.setObjectName("setup_code")
        self.code.setPlaceholderText("ABCD-EFGH-JKMN")
        pform.addRow(QCoreApplication.translate("SetupDialog", "平台地址"), self.url)
        pform.addRow(QCoreApplication.translate("SetupDialog", "注册码"), self.code)
        platform_layout.addLayout(pform)
        row = QHBoxLayout()
        self.enroll_button = QPushButton(QCoreApplication.translate("SetupDialog", "登记本机"), platform)
        self.enroll_button.setObjectName("setup_enroll")
        self.enroll_button.clicked.connect(self._on_enroll_clicked)
        self.enroll_state = QLabel(platform)
        self.enroll_state.setWordWrap(True)
        row.addWidget(self.enroll_button)
        row.addWidget(self.enroll_state, 1)
        platform_layout.addLayout(row)
        layout.addWidget(platform)

        devices, devices_layout = _section(QCoreApplication.translate("SetupDialog", "外设"), body)
        devices_layout.addWidget(
            QLabel(
                QCoreApplication.translate(
                    "SetupDialog",
                    "设备地址如 serial:/dev/ttyUSB0?baudrate=115200、tcp:10.0.0.5:9100、camera:0；演示用 sim。",
                ),
                devices,
            )
        )
        grid = QGridLayout()
        self.uris: dict[str, QLineEdit] = {}
        self.results: dict[str, QLabel] = {}
        self.tests: dict[str, QPushButton] = {}
        for index, role in enumerate(ROLES):
            edit = QLineEdit(config.devices.get(role, ""), devices)
            edit.setObjectName(f"setup_device_{role}")
            test = QPushButton(QCoreApplication.translate("SetupDialog", "测试"), devices)
            test.setObjectName(f"setup_test_{role}")
            test.clicked.connect(lambda _checked=False, r=role: self._on_test_clicked(r))
            result = QLabel(devices)
            result.setWordWrap(True)
            grid.addWidget(QLabel(role_label(role), devices), index, 0)
            grid.addWidget(edit, index, 1)
            grid.addWidget(test, index, 2)
            grid.addWidget(result, index, 3)
            self.uris[role], self.results[role], self.tests[role] = edit, result, test
        grid.setColumnStretch(1, 2)
        grid.setColumnStretch(3, 1)
        devices_layout.addLayout(grid)
        layout.addWidget(devices)

        layout.addWidget(self._admin_section(body))

        bottom = QHBoxLayout()
        self.error = QLabel(self)
        self.error.setProperty("status", "fault")
        self.error.setWordWrap(True)
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        self.finish = QPushButton(QCoreApplication.translate("SetupDialog", "完成设置"), self)
        self.finish.setObjectName("setup_finish")
        self.finish.setProperty("variant", "primary")
        self.finish.clicked.connect(self._on_finish_clicked)
        bottom.addWidget(self.error, 1)
        bottom.addWidget(self.finish)
        outer.addLayout(bottom)
        self.resize(current_scale().touch_px * 18, current_scale().touch_px * 14)

    def _admin_section(self, body: QWidget) -> QFrame:
        """The first administrator; where staff accounts exist, an administrator's confirmation."""
        title = (
            QCoreApplication.translate("SetupDialog", "管理员确认")
            if self._confirm
            else QCoreApplication.translate("SetupDialog", "初始管理员")
        )
        admin, admin_layout = _section(title, body)
        if self._confirm:
            note = QLabel(
                QCoreApplication.translate(
                    "SetupDialog", "本机已有工作人员账号：请管理员输入工号和密码，确认以上设置。"
                ),
                admin,
            )
            note.setWordWrap(True)
            admin_layout.addWidget(note)
        aform = QFormLayout()
        self.admin_id = QLineEdit("admin", admin)
        self.admin_id.setObjectName("setup_admin_id")
        self.admin_name = QLineEdit(admin)
        self.admin_name.setObjectName("setup_admin_name")
        self.password = QLineEdit(admin)
        self.password.setObjectName("setup_password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_again = QLineEdit(admin)
        self.password_again.setObjectName("setup_password_again")
        self.password_again.setEchoMode(QLineEdit.EchoMode.Password)
        aform.addRow(QCoreApplication.translate("SetupDialog", "工号"), self.admin_id)
        aform.addRow(QCoreApplication.translate("SetupDialog", "姓名"), self.admin_name)
        aform.addRow(
            QCoreApplication.translate("SetupDialog", "密码")
            if self._confirm
            else QCoreApplication.translate("SetupDialog", "密码（至少 8 位）"),
            self.password,
        )
        aform.addRow(QCoreApplication.translate("SetupDialog", "再次输入密码"), self.password_again)
        for widget in (self.admin_name, self.password_again):
            aform.setRowVisible(widget, not self._confirm)
        admin_layout.addLayout(aform)
        return admin

    # -- what was entered ---------------------------------------------------------------------

    @property
    def enrolled(self) -> bool:
        """Enrolled with a platform, before this dialog or in it: sync may start."""
        return self._was_enrolled or bool(self.enrolled_url)

    def _identity_problem(self) -> str:
        """What keeps the entered identity from numbering cases, or "" (core/config.py)."""
        if not self.hall.text().strip():
            return QCoreApplication.translate("SetupDialog", "请填写大厅名称：它印在每一张回执上。")
        if not valid_region_code(self.region.text().strip()):
            return self._region_problem()
        if self.device_no.value() == 0:
            return QCoreApplication.translate(
                "SetupDialog", "请填写本机的设备编号（1–999），或选择联网登记，由平台分配。"
            )
        return ""

    def _region_problem(self) -> str:
        return QCoreApplication.translate(
            "SetupDialog", "行政区划代码应为 6 位数字、不以 0 开头（GB/T 2260，如 320115）。"
        )

    def config(self) -> DeviceConfig:
        devices = {role: edit.text().strip() for role, edit in self.uris.items() if edit.text().strip()}
        return replace(
            self._config,
            hall_name=self.hall.text().strip(),
            region_code=self.region.text().strip(),
            device_no=self.device_no.value(),
            role=str(self.role.currentData()),
            platform_url=self.enrolled_url or self._config.platform_url,
            devices=devices,
        )

    # -- enrollment (on a worker: it is a network call) -----------------------------------------

    def _on_enroll_clicked(self) -> None:
        url, code, config, clock, path = (
            self.url.text().strip(),
            self.code.text().strip(),
            self.config(),
            self._clock,
            self._path,
        )
        if not url or not code:
            self.enroll_state.setText(QCoreApplication.translate("SetupDialog", "请填写平台地址和注册码"))
            return
        if not valid_region_code(config.region_code):  # the platform numbers devices per region
            self.enroll_state.setText(self._region_problem())
            return
        self.enroll_button.setEnabled(False)
        self.enroll_state.setText(QCoreApplication.translate("SetupDialog", "正在登记…"))

        def work(store: Store) -> int:
            # Device number 0 asks the platform for one; enroll writes the identity to ``path``.
            enroll(store, config, clock, url, code, config_path=path)
            return load_config(path).device_no

        def done(number: int) -> None:
            self.enrolled_url = url.rstrip("/")
            self.device_no.setValue(number)
            for widget in (self.region, self.device_no):
                widget.setEnabled(False)  # the platform knows this device by them now
            self.enroll_state.setText(
                fill(
                    QCoreApplication.translate(
                        "SetupDialog", "✓ 已登记，设备编号 %1-%2；工作人员账号将自动同步"
                    ),
                    config.region_code,
                    f"{number:03d}",
                )
            )
            self.enroll_state.setProperty("status", "ok")

        def failed(exc: BaseException) -> None:
            self.enroll_button.setEnabled(True)
            self.enroll_state.setText(
                fill(QCoreApplication.translate("SetupDialog", "登记没有成功：%1"), describe(exc))
            )

        self._runner.run_with(
            self._store_key,
            work,
            on_done=done,
            on_error=failed,
            executor="general",
        )

    # -- devices ------------------------------------------------------------------------------

    def _on_test_clicked(self, role: str) -> None:
        uri = self.uris[role].text().strip()
        label = self.results[role]
        if not uri:
            label.setText(QCoreApplication.translate("SetupDialog", "未配置"))
            return
        if uri == "sim" or uri.startswith("sim:"):
            label.setText(QCoreApplication.translate("SetupDialog", "模拟设备（演示用），启动时自动运行"))
            return
        label.setText(QCoreApplication.translate("SetupDialog", "正在测试…"))

        def done(health: DeviceHealth) -> None:
            mark = "✓ " if health.ok else "✗ "
            label.setText(mark + describe(health))

        self._runner.run(lambda: probe(role, uri, PROBE_TIMEOUT_S), on_done=done, executor="general")

    # -- finishing ----------------------------------------------------------------------------

    def _on_finish_clicked(self) -> None:
        if self.online.isChecked() and not self.enrolled_url:
            self.error.setText(QCoreApplication.translate("SetupDialog", "请先登记本机，或选择“离线启动”。"))
            return
        problem = self._identity_problem()
        if problem:
            self.error.setText(problem)
            return
        if not self._confirm and self.password.text() != self.password_again.text():
            self.error.setText(QCoreApplication.translate("SetupDialog", "两次输入的密码不一致"))
            return
        config, path, clock, confirm = self.config(), self._path, self._clock, self._confirm
        staff_id, name, password = self.admin_id.text(), self.admin_name.text(), self.password.text()
        self.finish.setEnabled(False)
        self.error.clear()

        def work(store: Store) -> StaffSession:
            directory = StaffDirectory(store, clock)
            if not confirm:
                session = directory.create_first_admin(staff_id, name, password)
            else:
                session = directory.login(staff_id, password)
                if not session.may("setup"):
                    raise LoginError(
                        "只有管理员可以设置本机。",
                        f"{session.staff_id} is no administrator: only one may set up this device",
                        code="setup.not_admin",
                    )
            write_config(path, config)
            return session

        def failed(exc: BaseException) -> None:
            self.finish.setEnabled(True)
            self.error.setText(describe(exc))

        self._runner.run_with(
            self._store_key, work, on_done=lambda session: self._on_done(session, config), on_error=failed
        )

    def _on_done(self, session: StaffSession, config: DeviceConfig) -> None:
        self.completed.emit(session, config)
        self.accept()

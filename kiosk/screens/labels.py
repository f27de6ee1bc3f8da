"""The kiosk's words for domain values, through Qt's translator (lupdate needs literal strings)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from core.flows.kiosk import Service


def service_label(service: Service) -> str:
    labels = {
        Service.PROGRESS: QCoreApplication.translate("Service", "办件进度查询"),
        Service.CERTIFICATE: QCoreApplication.translate("Service", "证明打印"),
        Service.DECLARE: QCoreApplication.translate("Service", "自助申报"),
        Service.NEWBORN: QCoreApplication.translate("Service", "新生儿参保登记"),
        Service.TICKET: QCoreApplication.translate("Service", "取号排队"),
    }
    return labels[service]


def service_hint(service: Service) -> str:
    hints = {
        Service.PROGRESS: QCoreApplication.translate(
            "Service", "扫描受理回执上的二维码或放身份证，查看办件进度"
        ),
        Service.CERTIFICATE: QCoreApplication.translate("Service", "打印无犯罪记录证明等证明材料"),
        Service.DECLARE: QCoreApplication.translate("Service", "自己申报“一件事”，材料用电子证照或现场拍摄"),
        Service.NEWBORN: QCoreApplication.translate("Service", "出生即参保：为宝宝办理城乡居民医保参保登记"),
        Service.TICKET: QCoreApplication.translate("Service", "到窗口办事先取号，可刷身份证或不刷证"),
    }
    return hints[service]

"""The kiosk's screens, by name: one of each per session, built ahead while the attract screen shows
(kiosk/screens/pool.py) or on first use (kiosk/window.py)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kiosk.screens.base import KioskScreen


def screen_classes() -> dict[str, type[KioskScreen]]:
    """Every session screen of the kiosk (imported here, not at start-up of the command line)."""
    from kiosk.screens.certificate import CertificateScreen
    from kiosk.screens.declare import DeclareScreen
    from kiosk.screens.guide import GuideScreen
    from kiosk.screens.identify import IdentifyScreen
    from kiosk.screens.menu import MenuScreen
    from kiosk.screens.newborn import NewbornScreen
    from kiosk.screens.progress import ProgressScreen
    from kiosk.screens.rating import RatingScreen
    from kiosk.screens.retirement import RetirementScreen
    from kiosk.screens.ticket import TicketScreen

    classes: list[type[KioskScreen]] = [MenuScreen, IdentifyScreen, RatingScreen]
    classes += [ProgressScreen, CertificateScreen]
    classes += [NewbornScreen, DeclareScreen, GuideScreen, RetirementScreen, TicketScreen]
    return {cls.name: cls for cls in classes}

"""qtkit: the Qt runtime both GUIs share (task runner, bridges, wedge filter, theme, translations, widgets).

Importing it checks that the installed PySide6 keeps its reference counts (qtkit.pyside_check):
the pinned releases do, and nothing is patched at run time.
"""

from qtkit import pyside_check

pyside_check.check()

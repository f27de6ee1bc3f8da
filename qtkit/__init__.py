"""qtkit: the Qt runtime both GUIs share (task runner, bridges, wedge filter, theme, translations, widgets).

Importing it applies the work-arounds the installed PySide6 needs (qtkit.pyside_fixes) before any
of our signals is emitted.
"""

from qtkit import pyside_fixes

pyside_fixes.install()

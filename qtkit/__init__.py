"""qtkit: the Qt runtime both GUIs share (task runner, bridges, wedge filter, theme, translations, widgets)."""

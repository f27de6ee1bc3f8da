"""The window client (综合受理窗口): PySide6 intake at a no-difference window and on outreach laptops."""

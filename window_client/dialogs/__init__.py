"""Dialogs of the window client: login and screen lock, first-run setup, and the intake's small questions."""

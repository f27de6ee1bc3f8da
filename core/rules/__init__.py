"""Rules of law as data and pure functions (retirement age, …), shared by the catalog's checks,
the command line and both GUIs."""

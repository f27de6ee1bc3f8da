"""The Qt-free services layer: glue that joins core, devices and sync, and that both GUIs and the CLI share.

Above it qtkit only turns these services into signals; below it core, devices and sync never
see each other's types. Nothing here imports Qt (import-linter: "Qt only in the GUI packages").
"""

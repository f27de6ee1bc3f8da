"""The window's queue panel (叫号): call, recall, skip, transfer, pause; pre-fill; DONE and RATED."""

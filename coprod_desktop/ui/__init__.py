"""The PySide6 user interface. The only package (with the Qt recorder) that imports Qt."""

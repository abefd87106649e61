"""Data files shipped with coprod_desktop (icons, templates, demo material).

Installed as the package ``coprod_desktop.resources``; read them through
``coprod_desktop.resource_files``, never through paths relative to the source tree.
"""

#!/bin/sh
# Remove what install.sh added. Projects (.coprod files) and settings are left alone.
set -eu
DATA=${XDG_DATA_HOME:-$HOME/.local/share}
rm -rf "$HOME/.local/opt/coprod-desktop"
rm -f "$HOME/.local/bin/coprod-desktop" "$DATA/applications/coprod-desktop.desktop" \
      "$DATA/mime/packages/coprod-desktop-mime.xml" \
      "$DATA/metainfo/io.github.coprod.CoprodDesktop.metainfo.xml"
find "$DATA/icons/hicolor" -name 'io.github.coprod.CoprodDesktop.png' -delete 2>/dev/null || true
find "$DATA/icons/hicolor" -name 'application-x-coprod-project.png' -delete 2>/dev/null || true
command -v update-mime-database >/dev/null && update-mime-database "$DATA/mime" || true
echo "coprod_desktop is removed. Your project files were not touched."

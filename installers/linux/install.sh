#!/bin/sh
# Install coprod_desktop for this user only (no administrator rights): the app goes to
# ~/.local/opt/coprod-desktop, a `coprod-desktop` command to ~/.local/bin, and the menu entry,
# icon and .coprod file type to ~/.local/share. Run it from the unpacked folder.
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
DATA=${XDG_DATA_HOME:-$HOME/.local/share}
APP=$HOME/.local/opt/coprod-desktop
rm -rf "$APP"
mkdir -p "$APP" "$HOME/.local/bin" "$DATA/applications" "$DATA/mime/packages" "$DATA/metainfo"
cp -a "$HERE/coprod-desktop/." "$APP/"
ln -sf "$APP/coprod-desktop" "$HOME/.local/bin/coprod-desktop"
sed "s|^Exec=coprod-desktop|Exec=$APP/coprod-desktop|" "$HERE/share/coprod-desktop.desktop" \
    > "$DATA/applications/coprod-desktop.desktop"
cp "$HERE/share/coprod-desktop-mime.xml" "$DATA/mime/packages/"
cp "$HERE/share/io.github.coprod.CoprodDesktop.metainfo.xml" "$DATA/metainfo/"
for png in "$HERE"/share/icons/coprod-*.png; do
    size=$(basename "$png" .png | cut -d- -f2)
    mkdir -p "$DATA/icons/hicolor/${size}x${size}/apps" "$DATA/icons/hicolor/${size}x${size}/mimetypes"
    cp "$png" "$DATA/icons/hicolor/${size}x${size}/apps/io.github.coprod.CoprodDesktop.png"
    cp "$png" "$DATA/icons/hicolor/${size}x${size}/mimetypes/application-x-coprod-project.png"
done
command -v update-mime-database >/dev/null && update-mime-database "$DATA/mime" || true
command -v update-desktop-database >/dev/null && update-desktop-database "$DATA/applications" || true
command -v xdg-mime >/dev/null && xdg-mime default coprod-desktop.desktop application/x-coprod-project || true
echo "coprod_desktop is installed. Open it from your applications menu, or run coprod-desktop."
echo "It needs the system libraries libgl1 and libegl1 (most desktops have them)."

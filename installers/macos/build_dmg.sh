#!/bin/sh
# Build coprod_desktop.app and a .dmg on macOS:  sh installers/macos/build_dmg.sh
# Set CODESIGN_IDENTITY="Developer ID Application: ..." to sign with the hardened runtime and
# the microphone entitlement (needed for notarisation); without it the app is ad-hoc signed.
set -eu
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
python3 installers/build.py            # icons, then PyInstaller: dist/coprod_desktop.app
APP=installers/dist/coprod_desktop.app
VERSION=$(python3 -c "import coprod_desktop; print(coprod_desktop.__version__)")
codesign --force --deep --options runtime \
    --entitlements installers/macos/entitlements.plist \
    --sign "${CODESIGN_IDENTITY:--}" "$APP"
STAGE=$(mktemp -d)
cp -R "$APP" "$STAGE/"
ln -s /Applications "$STAGE/Applications"
hdiutil create -volname "coprod_desktop $VERSION" -srcfolder "$STAGE" -ov -format UDZO \
    "installers/dist/coprod_desktop-$VERSION.dmg"
rm -rf "$STAGE"
echo "Built installers/dist/coprod_desktop-$VERSION.dmg"

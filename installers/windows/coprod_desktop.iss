; Inno Setup script: installs the PyInstaller bundle for the current user only (no
; administrator rights), with a Start-menu entry, an uninstaller and the .coprod file type.
; installers\build.py compiles it with ISCC, passing the version from coprod_desktop and the
; bundle folder:  ISCC /DAppVersion=VERSION /DBundle=..\dist\coprod-desktop coprod_desktop.iss

#ifndef AppVersion
  #error Pass /DAppVersion=... (installers\build.py does)
#endif
#ifndef Bundle
  #define Bundle "..\dist\coprod-desktop"
#endif

[Setup]
AppId={{6B1E3C52-8F0A-4F3B-9C2E-5B7D1A9E4C10}
AppName=coprod_desktop
AppVersion={#AppVersion}
AppPublisher=The coprod_desktop team
DefaultDirName={localappdata}\Programs\coprod_desktop
DefaultGroupName=coprod_desktop
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
OutputDir=..\dist
OutputBaseFilename=coprod_desktop-{#AppVersion}-setup
SetupIconFile=..\build\icons\coprod.ico
UninstallDisplayIcon={app}\coprod-desktop.exe
Compression=lzma2
SolidCompression=yes
WizardStyle=modern
ChangesAssociations=yes
ArchitecturesInstallIn64BitMode=x64compatible

[Files]
Source: "{#Bundle}\*"; DestDir: "{app}"; Flags: recursesubdirs createallsubdirs ignoreversion

[Icons]
Name: "{userprograms}\coprod_desktop"; Filename: "{app}\coprod-desktop.exe"
Name: "{userdesktop}\coprod_desktop"; Filename: "{app}\coprod-desktop.exe"; Tasks: desktopicon

[Tasks]
Name: "desktopicon"; Description: "Put an icon on the desktop"; Flags: unchecked

[Registry]
; .coprod files open in coprod_desktop (per user: HKCU\Software\Classes)
Root: HKCU; Subkey: "Software\Classes\.coprod"; ValueType: string; ValueName: ""; ValueData: "coprod.project"; Flags: uninsdeletevalue
Root: HKCU; Subkey: "Software\Classes\coprod.project"; ValueType: string; ValueName: ""; ValueData: "coprod project"; Flags: uninsdeletekey
Root: HKCU; Subkey: "Software\Classes\coprod.project\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\coprod-desktop.exe,0"
Root: HKCU; Subkey: "Software\Classes\coprod.project\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\coprod-desktop.exe"" ""%1"""

[Run]
Filename: "{app}\coprod-desktop.exe"; Description: "Open coprod_desktop now"; Flags: nowait postinstall skipifsilent

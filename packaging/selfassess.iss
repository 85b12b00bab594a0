; SEND Self-Assessment: Windows installer (Inno Setup 6.3 or later: it uses x64compatible).
;
; Build it with `python packaging\build.py --installer`, which makes the bundle and passes the
; version and names below as /D defines from packaging\appinfo.py (the version comes from
; pyproject.toml), so nothing here can drift from the package.
;
; Installs per user without administrator rights (into %LOCALAPPDATA%\Programs), or for all
; users into Program Files when run elevated with /ALLUSERS. Silent:
;   SEND-Self-Assessment-<version>-setup.exe /VERYSILENT /SUPPRESSMSGBOXES /NORESTART /CURRENTUSER

#ifndef AppVersion
  #error Build with: python packaging\build.py --installer (it passes AppVersion and the names)
#endif

[Setup]
; The installer's identity: upgrades find the installed copy by it. Never change it.
AppId={{8C1D3E4A-5B2F-4F7E-9A61-3D0E2B7C9F45}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher={#AppPublisher}
AppComments={#AppDescription}
VersionInfoVersion={#AppFileVersion}
VersionInfoProductName={#AppName}
VersionInfoProductTextVersion={#AppVersion}
VersionInfoCompany={#AppPublisher}
VersionInfoDescription={#AppName} setup
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=commandline dialog
; {autopf} is %LOCALAPPDATA%\Programs for a per-user install, Program Files for all users.
DefaultDirName={autopf}\{#AppName}
DisableProgramGroupPage=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
ChangesAssociations=yes
CloseApplications=yes
RestartApplications=no
UninstallDisplayName={#AppName}
UninstallDisplayIcon={app}\{#GuiExe}
OutputDir={#OutputDir}
OutputBaseFilename=SEND-Self-Assessment-{#AppVersion}-setup
Compression=lzma2
SolidCompression=yes
WizardStyle=modern
SetupLogging=yes

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"

[InstallDelete]
; An upgrade replaces the bundle whole, so no file an older version shipped lingers beside it.
; User settings, autosaves and logs live elsewhere and are never touched.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#BundleDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#GuiExe}"; Comment: "{#AppDescription}"

[Registry]
; The .sendassess file association, in HKCU\Software\Classes for a per-user install (HKLM for
; all users): double-clicking a document opens it in the app.
Root: HKA; Subkey: "Software\Classes\{#DocumentExtension}"; ValueType: string; ValueName: ""; ValueData: "{#ProgId}"; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\{#DocumentExtension}\OpenWithProgids"; ValueType: string; ValueName: "{#ProgId}"; ValueData: ""; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\{#ProgId}"; ValueType: string; ValueName: ""; ValueData: "{#DocumentType}"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\{#ProgId}\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\{#GuiExe},0"
Root: HKA; Subkey: "Software\Classes\{#ProgId}\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#GuiExe}"" ""%1"""
Root: HKA; Subkey: "Software\Classes\Applications\{#GuiExe}"; ValueType: string; ValueName: "FriendlyAppName"; ValueData: "{#AppName}"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\Applications\{#GuiExe}\SupportedTypes"; ValueType: string; ValueName: "{#DocumentExtension}"; ValueData: ""

[Run]
Filename: "{app}\{#GuiExe}"; Description: "Open {#AppName} now"; Flags: nowait postinstall skipifsilent

; Inno Setup 6 script for Archive Browser's Windows setup program.
; Compiled by packaging/installer_windows.py, which defines AppVersion, SourceDir (the frozen
; program's folder) and IconFile.

[Setup]
AppId={{6F0C2B8E-3E9A-4C55-9B7D-2A1D6C4E8F10}
AppName=Archive Browser
AppVersion={#AppVersion}
AppPublisher=Archive Browser
DefaultDirName={autopf}\Archive Browser
DefaultGroupName=Archive Browser
DisableProgramGroupPage=yes
; Per user, no administrator rights needed; the user may still choose all users.
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
OutputBaseFilename=ArchiveBrowser-{#AppVersion}-setup
SetupIconFile={#IconFile}
UninstallDisplayIcon={app}\Archive Browser.exe
Compression=lzma2
SolidCompression=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
WizardStyle=modern

[Files]
Source: "{#SourceDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\Archive Browser"; Filename: "{app}\Archive Browser.exe"
Name: "{autodesktop}\Archive Browser"; Filename: "{app}\Archive Browser.exe"; Tasks: desktopicon

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Run]
Filename: "{app}\Archive Browser.exe"; Description: "{cm:LaunchProgram,Archive Browser}"; Flags: nowait postinstall skipifsilent

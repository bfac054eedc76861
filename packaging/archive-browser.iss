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
; The Open With entries below: Explorer is told of them when the setup ends.
ChangesAssociations=yes

[Files]
Source: "{#SourceDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\Archive Browser"; Filename: "{app}\Archive Browser.exe"
Name: "{autodesktop}\Archive Browser"; Filename: "{app}\Archive Browser.exe"; Tasks: desktopicon

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

; "Open With" for the archive formats, as the macOS app's document types and the Linux menu
; entry offer it; never the default program, and never for HTML, which belongs to the user's
; browser. HKA is the current user's classes, or the machine's for an all-users install.
[Registry]
Root: HKA; Subkey: "Software\Classes\ArchiveBrowser.SavedPage"; ValueType: string; ValueName: ""; ValueData: "Saved web page"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\ArchiveBrowser.SavedPage\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\Archive Browser.exe,0"
Root: HKA; Subkey: "Software\Classes\ArchiveBrowser.SavedPage\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\Archive Browser.exe"" open ""%1"""
Root: HKA; Subkey: "Software\Classes\.warc\OpenWithProgids"; ValueType: string; ValueName: "ArchiveBrowser.SavedPage"; ValueData: ""; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\.wacz\OpenWithProgids"; ValueType: string; ValueName: "ArchiveBrowser.SavedPage"; ValueData: ""; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\.mhtml\OpenWithProgids"; ValueType: string; ValueName: "ArchiveBrowser.SavedPage"; ValueData: ""; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\.mht\OpenWithProgids"; ValueType: string; ValueName: "ArchiveBrowser.SavedPage"; ValueData: ""; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\.webarchive\OpenWithProgids"; ValueType: string; ValueName: "ArchiveBrowser.SavedPage"; ValueData: ""; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\.maff\OpenWithProgids"; ValueType: string; ValueName: "ArchiveBrowser.SavedPage"; ValueData: ""; Flags: uninsdeletevalue

[Run]
Filename: "{app}\Archive Browser.exe"; Description: "{cm:LaunchProgram,Archive Browser}"; Flags: nowait postinstall skipifsilent

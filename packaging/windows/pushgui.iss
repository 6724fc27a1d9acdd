; Inno Setup 6 script for pushgui: a per-user install that needs no administrator rights.
;
; Built by packaging/build.py on Windows (after PyInstaller), or by hand:
;   iscc /DAppVersion=0.1.0 /DSourceDir=dist\pushgui /DIconFile=build\icons\pushgui.ico ^
;        /Odist packaging\windows\pushgui.iss
;
; - installs to %LOCALAPPDATA%\Programs\pushgui (per user; {autopf} with lowest privileges);
; - a Start menu entry, an optional desktop icon, and an optional "start with Windows" task
;   (HKCU Run key, starting in the tray with --minimized);
; - the uninstaller removes the program and asks, defaulting to No, whether to delete the
;   user's data folder (%LOCALAPPDATA%\pushgui: pushes, history, logs); silent uninstalls
;   always keep it. Secrets stored in Windows Credential Manager are not touched.

#ifndef AppVersion
  #define AppVersion "0.0.0"
#endif
#ifndef SourceDir
  #define SourceDir "..\..\dist\pushgui"
#endif
#ifndef IconFile
  #define IconFile "..\..\build\icons\pushgui.ico"
#endif

#define AppName "pushgui"
#define AppExe "pushgui.exe"
#define RunKey "Software\Microsoft\Windows\CurrentVersion\Run"

[Setup]
; The AppId identifies the installation for upgrades and the uninstaller: never change it.
AppId={{992D576B-87FE-40D5-B1DD-785D332B4808}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=The pushgui developers
AppPublisherURL=https://github.com/pushgui/pushgui
AppSupportURL=https://github.com/pushgui/pushgui/issues
VersionInfoVersion={#AppVersion}
VersionInfoProductName={#AppName}
VersionInfoDescription={#AppName} installer
PrivilegesRequired=lowest
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
SetupIconFile={#IconFile}
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
; Close a running pushgui (Restart Manager) before files are replaced or removed.
CloseApplications=yes
RestartApplications=no
OutputBaseFilename={#AppName}-{#AppVersion}-setup
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
MinVersion=10.0

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"

[CustomMessages]
english.StartupGroup=Starting pushgui:
english.AutostartTask=Start pushgui when I sign in to Windows (in the notification area)
english.DeleteUserData=Also delete your pushes, their history and the logs in%n%n%1%n%nChoose No to keep them for a later installation.

[Tasks]
Name: "autostart"; Description: "{cm:AutostartTask}"; GroupDescription: "{cm:StartupGroup}"
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "{#SourceDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[InstallDelete]
; An upgrade must not leave modules of the previous version next to the new ones.
Type: filesandordirs; Name: "{app}\_internal"

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"; Comment: "Scheduled reminders and messages"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Registry]
Root: HKCU; Subkey: "{#RunKey}"; ValueType: string; ValueName: "{#AppName}"; ValueData: """{app}\{#AppExe}"" --minimized"; Tasks: autostart; Flags: uninsdeletevalue

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

[UninstallDelete]
; Files the program writes into its own folder (Python caches); user data lives elsewhere.
Type: filesandordirs; Name: "{app}\_internal"

[Code]
function UserDataDir(): String;
begin
  { platformdirs.user_data_dir("pushgui", appauthor=False) on Windows; logs are inside it }
  Result := ExpandConstant('{localappdata}\{#AppName}');
end;

procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
var
  Folder: String;
begin
  if CurUninstallStep = usPostUninstall then
  begin
    { The autostart entry goes even if it was made by the app rather than the installer. }
    RegDeleteValue(HKEY_CURRENT_USER, '{#RunKey}', '{#AppName}');
    Folder := UserDataDir();
    if (not UninstallSilent) and DirExists(Folder) then
      if MsgBox(FmtMessage(CustomMessage('DeleteUserData'), [Folder]),
                mbConfirmation, MB_YESNO or MB_DEFBUTTON2) = IDYES then
        DelTree(Folder, True, True, True);
  end;
end;

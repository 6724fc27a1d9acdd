"""The main window: the list of reminders, its menus and toolbar, status bar, undo bar and
tray icon."""

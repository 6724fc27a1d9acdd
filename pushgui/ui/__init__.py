"""The desktop interface (QtWidgets): main window, editors, dialogs, item models, tray."""

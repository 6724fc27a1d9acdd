"""Settings: the Settings dialog and what it applies (look, language, autostart, own days
off, backups)."""

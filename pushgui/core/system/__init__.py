"""The machine and the user: folders, secrets, autostart, files, system libraries, the clock,
translations, redaction, preferences.
"""

"""The SQLite store: one engine for the app's tables and APScheduler's job table."""

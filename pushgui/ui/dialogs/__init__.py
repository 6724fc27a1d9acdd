"""Dialogs shown at start or after an event: missed runs, interrupted deliveries, a
recovered database, removed attachments, secrets an import left out."""

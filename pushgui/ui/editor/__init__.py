"""The reminder editor: message, recipients, schedule (trigger editors in :mod:`.triggers`),
delivery options, previews and message templates."""

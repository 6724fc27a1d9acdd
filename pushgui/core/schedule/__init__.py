"""When a push runs: trigger specs, validation, descriptions, previews, APScheduler triggers."""

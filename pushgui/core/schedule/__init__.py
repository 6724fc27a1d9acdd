"""When a push runs: trigger specs, their validation, description, preview and APScheduler triggers."""

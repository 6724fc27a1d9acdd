"""The domain: specs, validation, triggers, store, channels and the job function. No Qt here."""

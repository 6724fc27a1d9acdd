"""The history window: every delivery and its outcome."""

"""Contacts and groups, and their CSV import and export."""

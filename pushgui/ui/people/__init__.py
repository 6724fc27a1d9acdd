"""Contacts and groups: the contacts window, the contact dialog and CSV import."""

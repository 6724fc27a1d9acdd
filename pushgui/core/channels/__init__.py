"""Delivery channels: one small sender interface and a registry of senders by kind."""

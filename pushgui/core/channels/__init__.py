"""Delivery channels: one small sender interface and a registry of channel kinds."""

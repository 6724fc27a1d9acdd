"""Pushes themselves: their spec, its checks, the service that saves and schedules them,
damaged ones set aside.
"""

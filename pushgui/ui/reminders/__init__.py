"""A reminder reaching the user: desktop notifications, pushgui's own reminder window, and
the heads-up before a send to other people."""

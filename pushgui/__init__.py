"""pushgui: compose a message, choose who gets it and when; it is pushed on time."""

__version__ = "0.1.0"
APP_NAME = "pushgui"

"""The Qt-driven engine (QtCore only): scheduler, event bridge, single instance, signals."""

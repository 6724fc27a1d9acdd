"""One editor widget per kind of trigger spec."""

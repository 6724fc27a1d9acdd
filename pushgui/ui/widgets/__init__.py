"""Widgets and helpers shared by several windows: form fields with their error labels
(:mod:`.fields`), date, time and zone fields (:mod:`.dates`), times as people read them
(:mod:`.when`), and the one way a table view is set up (:mod:`.tables`)."""

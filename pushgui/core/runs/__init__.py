"""When a push falls due: the job functions, the executor, the jobs APScheduler keeps, missed
runs, heads-ups, snoozes, start-up reconcile and the history of runs.
"""

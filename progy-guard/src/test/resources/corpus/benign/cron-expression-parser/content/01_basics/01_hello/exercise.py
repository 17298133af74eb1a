"""Cron fields: see README.md."""


def minutes(expr):
    # TODO: the minutes a cron expression such as "*/15 * * * *" fires at
    return []

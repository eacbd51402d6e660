"""When reminders go out: rules per hearing kind, intake reminders, and opt-outs."""

"""notify: hearing notices and reminders by e-mail (bengodan)."""

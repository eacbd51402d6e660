"""Infrastructure of the notify service (settings, database); no domain knowledge."""

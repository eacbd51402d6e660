"""Postal breach-notice letters: rendered by docs-render in batches, printed and posted by the team."""

"""The worker: turns events into messages and hands due messages to the SMTP server."""

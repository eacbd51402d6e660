"""Hearing events from claims-api: accepted once per event id, processed by the worker."""

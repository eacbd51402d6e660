"""Shared infrastructure of the bengodan services.

Small on purpose: auth verification, problem+json errors, logging, database plumbing, Japanese formatting,
base settings. No ORM models, no business rules, no imports from any service.
"""

"""What docs-render reads from claims-api, in its own models (it never imports claims-api's classes)."""

"""Database plumbing of docs-render: where its Alembic set-up lives."""

from docs_render import ALEMBIC_INI

__all__ = ["ALEMBIC_INI"]

"""Alembic environment of docs-render: the shared body in bengodan_common, with docs-render's tables."""

from alembic import context

from bengodan_common.migrations import run_env
from docs_render.core.config import Settings
from docs_render.models import metadata

if context.config.attributes.get("configure_logger", True) and context.config.config_file_name:
    from logging.config import fileConfig

    fileConfig(context.config.config_file_name)

run_env(context, metadata, Settings().database_url)

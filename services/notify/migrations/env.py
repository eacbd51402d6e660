"""Alembic environment of notify: the shared body in bengodan_common, with notify's tables."""

from logging.config import fileConfig

from alembic import context

from bengodan_common.migrations import run_env
from notify.core.config import Settings
from notify.models import metadata

if context.config.config_file_name and context.config.attributes.get("configure_logger", True):
    fileConfig(context.config.config_file_name)

run_env(context, metadata, Settings().database_url)

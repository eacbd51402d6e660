"""Alembic environment of docs-render: the shared body in bengodan_common, with docs-render's tables."""

from alembic import context

from bengodan_common.migrations import run_env
from docs_render.core.config import Settings
from docs_render.models import metadata

if context.config.attributes.get("configure_logger", True) and context.config.config_file_name:
    from logging.config import fileConfig

    fileConfig(context.config.config_file_name)

# `alembic -x url=... check` (make check) names the database on the command line.
x_url = context.get_x_argument(as_dictionary=True).get("url")
if x_url:
    context.config.set_main_option("sqlalchemy.url", x_url.replace("%", "%%"))
settings = Settings()
if not context.config.get_main_option("sqlalchemy.url"):
    settings.ensure_sqlite_dir()
run_env(context, metadata, settings.database_url)

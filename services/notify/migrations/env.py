from logging.config import fileConfig

from alembic import context

from bengodan_common.migrations import run_env
from notify.core.config import Settings
from notify.core.db import ensure_sqlite_dir
from notify.models import metadata

if context.config.config_file_name and context.config.attributes.get("configure_logger", True):
    fileConfig(context.config.config_file_name)

_url = context.config.get_main_option("sqlalchemy.url") or Settings().database_url
ensure_sqlite_dir(_url)
run_env(context, metadata, _url)

from alembic import context

from bengodan_common.migrations import run_env
from claims_api.core.config import Settings
from claims_api.models import metadata

run_env(context, metadata, Settings().database_url)

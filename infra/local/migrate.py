"""`python infra/local/migrate.py SERVICE`: alembic upgrade head for one service, with its own settings."""

from __future__ import annotations

import sys
from pathlib import Path

from bengodan_common.db import ensure_sqlite_dir
from bengodan_common.migrations import upgrade

ROOT = Path(__file__).resolve().parents[2]


def database_url(service: str) -> str:
    if service == "claims-api":
        from claims_api.core.config import Settings as ClaimsSettings

        return ClaimsSettings().database_url
    if service == "docs-render":
        from docs_render.core.config import Settings as RenderSettings

        return RenderSettings().database_url
    from notify.core.config import Settings as NotifySettings

    return NotifySettings().database_url


def main(service: str) -> None:
    url = database_url(service)
    ensure_sqlite_dir(url)
    upgrade(ROOT / "services" / service / "alembic.ini", url)


if __name__ == "__main__":
    if len(sys.argv) != 2 or sys.argv[1] not in ("claims-api", "docs-render", "notify"):
        sys.exit("usage: migrate.py claims-api|docs-render|notify")
    main(sys.argv[1])

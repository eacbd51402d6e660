"""docs-render: turns records of claims-api into filings (PDF now; DOCX and ZIP later)."""

from pathlib import Path

# The service's Alembic configuration, for `bengodan_common.migrations.upgrade(ALEMBIC_INI, url)`.
ALEMBIC_INI = Path(__file__).resolve().parents[2] / "alembic.ini"

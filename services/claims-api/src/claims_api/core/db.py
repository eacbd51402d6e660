from pathlib import Path

ALEMBIC_INI = Path(__file__).resolve().parents[3] / "alembic.ini"

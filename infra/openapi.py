"""`python infra/openapi.py DIR`: write each service's OpenAPI document (from create_app) into DIR."""

from __future__ import annotations

import json
import sys
from pathlib import Path


def documents() -> dict[str, dict[str, object]]:
    from claims_api.main import create_app as claims_api
    from docs_render.main import create_app as docs_render
    from notify.main import create_app as notify

    return {
        "claims-api": claims_api().openapi(),
        "docs-render": docs_render().openapi(),
        "notify": notify().openapi(),
    }


def main(target: Path) -> None:
    target.mkdir(parents=True, exist_ok=True)
    for name, document in documents().items():
        (target / f"{name}.json").write_text(json.dumps(document, ensure_ascii=False, indent=1) + "\n")


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "frontend/openapi"))

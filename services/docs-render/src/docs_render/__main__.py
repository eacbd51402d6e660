"""`python -m docs_render`: serve the API (and its render worker) with uvicorn on the configured host/port."""

from __future__ import annotations

import uvicorn

from docs_render.core.config import Settings
from docs_render.main import create_app


def main() -> None:
    settings = Settings()
    uvicorn.run(create_app(settings), host=settings.host, port=settings.port, log_config=None, proxy_headers=False)


if __name__ == "__main__":
    main()

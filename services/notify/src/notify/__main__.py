"""`python -m notify`: the API and its delivery worker on 127.0.0.1:8003 (NOTIFY_HOST / NOTIFY_PORT)."""

from __future__ import annotations

import uvicorn

from notify.core.config import Settings
from notify.main import create_app


def main() -> None:
    settings = Settings()
    # Access lines come from the request-ID middleware (path only, never the query).
    uvicorn.run(create_app(settings), host=settings.host, port=settings.port, log_config=None, access_log=False)


if __name__ == "__main__":
    main()

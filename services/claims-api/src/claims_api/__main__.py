"""`python -m claims_api`: serve the API with uvicorn."""

import uvicorn

from claims_api.core.config import Settings
from claims_api.main import create_app

if __name__ == "__main__":
    settings = Settings()
    uvicorn.run(create_app(settings), host=settings.host, port=settings.port, log_config=None, access_log=False)

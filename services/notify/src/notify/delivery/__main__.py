"""`python -m notify.delivery`: a delivery worker without the API, for more throughput on PostgreSQL (several
workers on several hosts share the messages through `FOR UPDATE SKIP LOCKED`). Stops on SIGTERM or SIGINT after
the message in hand."""

from __future__ import annotations

import logging
import signal
import threading

from bengodan_common.db import make_engine
from bengodan_common.logging import configure_logging
from bengodan_common.service_client import make_service_client
from notify.claims.client import ClaimsApi
from notify.core.config import Settings
from notify.delivery.assembly import make_mailer, make_worker
from notify.letters.client import DocsRenderApi, make_docs_render_client

log = logging.getLogger("notify.delivery")


def main() -> None:
    settings = Settings()
    configure_logging("notify-worker", json_lines=settings.log_json, level=settings.log_level)
    engine = make_engine(settings.database_url)
    claims_client = make_service_client(settings.claims_api)
    docs_client = make_docs_render_client(settings.docs_render)
    worker = make_worker(
        settings=settings,
        engine=engine,
        claims=ClaimsApi(claims_client),
        docs_render=DocsRenderApi(docs_client),
        mailer=make_mailer(settings),
    )
    stopping = threading.Event()
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, lambda *_: stopping.set())
    worker.start()
    try:
        stopping.wait()
    finally:
        worker.stop()
        claims_client.close()
        docs_client.close()
        engine.dispose()


if __name__ == "__main__":
    main()

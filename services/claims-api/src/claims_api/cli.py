"""Administration commands: `python -m claims_api.cli migrate | seed-demo | create-user | create-client`."""

from __future__ import annotations

import argparse
import getpass
import sys

from sqlmodel import Session

from bengodan_common.db import make_engine
from bengodan_common.errors import AppError
from bengodan_common.migrations import upgrade
from claims_api import demo
from claims_api.auth.roles import Role
from claims_api.changes import recorder as changes
from claims_api.clients.service import create_client
from claims_api.core.config import Settings
from claims_api.core.db import ALEMBIC_INI
from claims_api.users.service import create_user


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="claims_api.cli")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("migrate", help="alembic upgrade head")
    commands.add_parser("seed-demo", help="create the demo data (local run only)")
    commands.add_parser("bootstrap-local", help="migrate, then seed the demo (local run only)")
    user = commands.add_parser("create-user", help="create a person who logs in")
    user.add_argument("--email", required=True)
    user.add_argument("--name", required=True)
    user.add_argument("--role", required=True, choices=[r.value for r in Role])
    client = commands.add_parser("create-client", help="create a machine client; prints its secret once")
    client.add_argument("--client-id", required=True)
    client.add_argument("--name", required=True)
    client.add_argument("--kind", required=True, choices=["service", "partner"])
    client.add_argument("--scopes", required=True, help="space-separated")
    client.add_argument("--insurer")
    args = parser.parse_args(argv)

    settings = Settings()
    if args.command in ("migrate", "bootstrap-local"):
        upgrade(ALEMBIC_INI, settings.database_url)
        if args.command == "migrate":
            return 0
    engine = make_engine(settings.database_url)
    changes.install()  # the demo's claimants and any change made here reach the partner's change feed
    secret: str | None = None
    with Session(engine) as session:
        if args.command in ("seed-demo", "bootstrap-local"):
            if settings.env != "local":
                print("seed-demo runs only with CLAIMS_API_ENV=local", file=sys.stderr)
                return 2
            created = demo.seed(session)
            print("demo data created" if created else "demo data already present; kept as it is")
        elif args.command == "create-user":
            password = getpass.getpass("password (12+ characters): ")
            if len(password) < 12:
                print("password too short", file=sys.stderr)
                return 2
            create_user(
                session=session,
                email=args.email,
                name=args.name,
                role=Role(args.role),
                password=password,
                actor="system:cli",
            )
        elif args.command == "create-client":
            try:
                _, secret = create_client(
                    session=session,
                    client_id=args.client_id,
                    name=args.name,
                    kind=args.kind,
                    scopes=args.scopes.split(),
                    insurer=args.insurer,
                    actor="system:cli",
                )
            except AppError as exc:  # a bad scope, a missing insurer, an existing client id
                print(exc.detail or exc.title, file=sys.stderr)
                return 2
        session.commit()
    if secret is not None:  # printed once the client is stored
        print(f"client secret (shown once): {secret}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

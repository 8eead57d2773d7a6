"""A real PostgreSQL server for the tests, started from Debian's `postgresql` package in a
throw-away folder (initdb, pg_ctl), listening only on a Unix socket, stopped at the end.

The suite runs on PostgreSQL when AGGREGATOR_TEST_DATABASE=postgresql (scripts/test.sh runs it
both ways): every test then gets a fresh database, handed to the code under test through
AGGREGATOR_STORE, which replaces any config's `store:` (in this process and in the CLI
subprocesses the tests start). Tests about SQLite itself are marked `sqlite_only`.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

ON_POSTGRES = os.environ.get("AGGREGATOR_TEST_DATABASE") == "postgresql"


def _binaries() -> Path:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if not found:
        pytest.fail(
            "PostgreSQL is not installed (Debian: apt-get install postgresql); "
            "scripts/test.sh installs it"
        )
    return Path(found[-1]).parent


def _as_server_user(command: list[str]) -> list[str]:
    """initdb and postgres refuse to run as root: run them as the `postgres` user then."""
    if os.geteuid() != 0:
        return command
    return ["runuser", "-u", "postgres", "--", *command]


class PostgresServer:
    def __init__(self, folder: Path) -> None:
        self.bin = _binaries()
        self.data = folder / "data"
        self.socket = folder / "socket"
        self.socket.mkdir()
        if os.geteuid() == 0:
            owner = pwd.getpwnam("postgres")
            os.chown(folder, owner.pw_uid, owner.pw_gid)
            os.chown(self.socket, owner.pw_uid, owner.pw_gid)
        self.port = 55000 + os.getpid() % 1000
        self.databases = 0

    def run(self, *command: str) -> None:
        result = subprocess.run(
            _as_server_user([str(self.bin / command[0]), *command[1:]]),
            capture_output=True,
            text=True,
            check=False,
        )
        if result.returncode != 0:
            pytest.fail(f"{command[0]} failed: {result.stderr or result.stdout}")

    def start(self) -> None:
        self.run("initdb", "-D", str(self.data), "-A", "trust", "-U", "postgres", "-E", "UTF8")
        options = (
            f"-k {self.socket} -p {self.port} -c listen_addresses='' -c fsync=off "
            "-c synchronous_commit=off -c full_page_writes=off -c max_connections=200"
        )
        self.run(
            "pg_ctl",
            "-D",
            str(self.data),
            "-l",
            str(self.data / "log"),
            "-o",
            options,
            "-w",
            "start",
        )

    def stop(self) -> None:
        self.run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")

    def url(self, database: str) -> str:
        return f"postgresql+psycopg://postgres@/{database}?host={self.socket}&port={self.port}"

    def new_database(self) -> str:
        import psycopg

        self.databases += 1
        name = f"test_{self.databases}"
        with psycopg.connect(
            host=str(self.socket),
            port=self.port,
            user="postgres",
            dbname="postgres",
            autocommit=True,
        ) as connection:
            connection.execute(f"CREATE DATABASE {name}")
        return self.url(name)


@contextmanager
def postgres_server() -> Iterator[PostgresServer]:
    folder = Path(tempfile.mkdtemp(prefix="aggregator-pg-"))
    server = PostgresServer(folder)
    try:
        server.start()
        yield server
    finally:
        try:
            server.stop()
        finally:
            shutil.rmtree(folder, ignore_errors=True)

"""A real Recourse server in a child process, on loopback, for soak, fault and load runs.

The server is started like production (`uvicorn --factory app.main:create_app`) after the
migrations, with its own data directory and database. Only 127.0.0.1 is ever contacted.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "a long soak passphrase"  # noqa: S105  (a throwaway account in a throwaway database)
OWNER = "owner@example.org"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Server:
    data_dir: Path
    database_url: str | None = None
    port: int = 0
    workers: int = 1
    process: subprocess.Popen | None = None
    settings: dict[str, str] = field(default_factory=dict)  # extra RECOURSE_* settings

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def env(self) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith("RECOURSE_")}
        env["RECOURSE_DATA_DIR"] = str(self.data_dir)
        if self.database_url:
            env["RECOURSE_DATABASE_URL"] = self.database_url
        env.update(self.settings)
        return env

    def migrate(self) -> None:
        subprocess.run([sys.executable, "-c", "from app.cli import main; main()", "migrate"],  # noqa: S603
                       cwd=ROOT, env=self.env(), check=True, capture_output=True)

    @property
    def sqlalchemy_url(self) -> str:
        return self.database_url or f"sqlite:///{self.data_dir / 'recourse.db'}"

    def start(self, timeout: float = 30) -> Server:
        self.port = self.port or free_port()
        self.process = subprocess.Popen(  # noqa: S603
            [sys.executable, "-m", "uvicorn", "--factory", "app.main:create_app", "--host", "127.0.0.1",
             "--port", str(self.port), "--workers", str(self.workers), "--log-level", "warning"],
            cwd=ROOT, env=self.env(), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"the server exited: {self.process.stderr.read().decode()[-2000:]}")
            try:
                if httpx.get(f"{self.url}/healthz", timeout=1).status_code == 200:
                    return self
            except httpx.HTTPError:
                time.sleep(0.1)
        raise RuntimeError("the server did not answer in time")

    def kill(self) -> None:
        """kill -9: no shutdown, no flush, like a power cut to the process."""
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL) if self.workers > 1 else self.process.kill()
            self.process.wait(10)

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.kill()


def signed_in(base: str, email: str = OWNER) -> httpx.Client:
    client = httpx.Client(base_url=base, timeout=30)
    client.get("/signin")
    r = client.post("/signin", data={"email": email, "password": PASSWORD, "csrf_token": client.cookies["recourse_csrf"]})
    if r.status_code != 303:
        raise RuntimeError(f"sign-in failed: {r.status_code}")
    return client


def post(client: httpx.Client, url: str, data: dict) -> httpx.Response:
    return client.post(url, data={**data, "csrf_token": client.cookies["recourse_csrf"]})


def bootstrap(base: str) -> dict:
    """The owner (first-run page), one client and one case; returns their ids."""
    client = httpx.Client(base_url=base, timeout=30)
    client.get("/setup")
    r = client.post("/setup", data={"name": "Owner", "email": OWNER, "password": PASSWORD, "kind": "clinic",
                                    "workspace_name": "Soak Clinic", "csrf_token": client.cookies["recourse_csrf"]})
    if r.status_code != 303:
        raise RuntimeError(f"setup failed: {r.status_code} {r.text[:300]}")
    client.close()
    client = signed_in(base)
    r = post(client, "/consumers/new", {"legal_name": "Soak Client", "national_id_kind": "ssn",
                                        "preferred_language": "en"})
    consumer_id = int(r.headers["location"].rstrip("/").rsplit("/", 1)[1])
    r = post(client, "/cases/new", {"consumer_id": str(consumer_id), "title": "Soak case"})
    case_id = int(r.headers["location"].rstrip("/").rsplit("/", 1)[1])
    client.close()
    return {"consumer": consumer_id, "case": case_id}


def stored_notes(server: Server) -> set[str]:
    """The case notes in the server's database, read directly (not through the app)."""
    from sqlalchemy import create_engine, text

    engine = create_engine(server.sqlalchemy_url)
    try:
        with engine.connect() as conn:
            return set(conn.execute(text("SELECT body FROM case_notes")).scalars().all())
    finally:
        engine.dispose()

"""The server's own reminder loop: plan and send every `scheduler_interval_seconds` inside
`recourse serve`, when `scheduler_enabled`. Safe next to `recourse remind` from cron and next to
other workers: each reminder is claimed with a lease (see sending.py)."""

import asyncio
import logging
import os
import socket
from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager, suppress

from app.clock import utcnow
from app.config import Settings
from app.db import get_engine

log = logging.getLogger("recourse.reminders")


async def _loop(settings: Settings, interval: float) -> None:
    from app.reminders.sending import run_once

    runner_id = f"serve:{socket.gethostname()}:{os.getpid()}"
    while True:
        try:
            planned, sent = await asyncio.to_thread(run_once, get_engine(), settings, runner_id=runner_id,
                                                    clock=utcnow)
            if planned.created or sent.sent or sent.retrying or sent.failed:
                log.info("Reminders: %s planned, %s sent, %s to retry, %s failed", planned.created, sent.sent,
                         sent.retrying, sent.failed)
        except Exception:  # keep the loop alive: the next round retries
            log.exception("Reminder round failed")
        await asyncio.sleep(interval)


def lifespan(settings: Settings) -> Callable[[object], AbstractAsyncContextManager[None]]:
    """A FastAPI lifespan: `FastAPI(lifespan=scheduler.lifespan(settings))`."""

    @asynccontextmanager
    async def _lifespan(_app) -> AsyncIterator[None]:
        task = None
        if getattr(settings, "scheduler_enabled", False):
            interval = max(5.0, float(getattr(settings, "scheduler_interval_seconds", 300)))
            task = asyncio.create_task(_loop(settings, interval), name="recourse-reminders")
            log.info("Reminder scheduler running every %ss", int(interval))
        try:
            yield
        finally:
            if task is not None:
                task.cancel()
                with suppress(asyncio.CancelledError):
                    await task

    return _lifespan


def start(app, settings: Settings) -> None:
    """Alternative to `lifespan`: wrap the app's existing lifespan (call once in create_app)."""
    inner = app.router.lifespan_context
    ours = lifespan(settings)

    @asynccontextmanager
    async def combined(a):
        async with inner(a) as state, ours(a):
            yield state

    app.router.lifespan_context = combined

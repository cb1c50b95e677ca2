"""What a worker remembers for a few seconds, and forgets at once when the data changes (issue 15).

The session cache (app/accounts/session_cache.py) and the page cache (app/page_cache.py) are each
one of these: a bounded map, in this process, of values stored under the shared epoch
(app/shared_epoch.py) as it was read *before* the database was, and used only while the epoch is
unchanged and for at most `seconds`. What moves the epoch is each cache's own business.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Hashable
from pathlib import Path
from typing import Any

from app.shared_epoch import SharedEpoch


class WorkerCache:
    def __init__(self, epoch_file: str, *, max_entries: int) -> None:
        self.max_entries = max_entries
        self.seconds = 0.0
        self.entries: OrderedDict[Hashable, tuple[Any, tuple, float]] = OrderedDict()  # value, epoch, stored at
        self._epoch = SharedEpoch(epoch_file)
        self._lock = threading.Lock()

    def configure(self, data_dir: Path | None, seconds: float) -> None:
        """Where the shared epoch file lives and how long an entry may be used (0: never)."""
        self.seconds = 0
        self.clear()
        if self._epoch.configure(data_dir if seconds > 0 else None):
            self.seconds = seconds

    def enabled(self) -> bool:
        return self.seconds > 0

    def clear(self) -> None:
        with self._lock:
            self.entries.clear()

    def epoch(self) -> tuple:
        """This process's counter and the shared file's identity and size."""
        return self._epoch.read()

    def invalidate(self) -> None:
        """Forget every entry, here and (through the file) in every other worker."""
        if not self._epoch.bump():
            self.configure(None, 0)  # the other workers cannot be told: stop caching rather than risk it
        self.clear()

    def forget(self, key: Hashable) -> None:
        with self._lock:
            self.entries.pop(key, None)

    def get(self, key: Hashable) -> Any:
        if not self.enabled():
            return None
        with self._lock:
            found = self.entries.get(key)
            if found is not None:
                self.entries.move_to_end(key)
        if found is None:
            return None
        value, stored_epoch, stored_at = found
        if stored_epoch != self.epoch() or time.monotonic() - stored_at > self.seconds:
            self.forget(key)
            return None
        return value

    def put(self, key: Hashable, value: Any, *, epoch_before: tuple) -> None:
        """Store what a read found; `epoch_before` is epoch() as it was before the database was read."""
        if not self.enabled() or epoch_before != self.epoch():
            return
        with self._lock:
            self.entries[key] = (value, epoch_before, time.monotonic())
            self.entries.move_to_end(key)
            while len(self.entries) > self.max_entries:
                self.entries.popitem(last=False)

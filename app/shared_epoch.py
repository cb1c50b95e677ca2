"""A change counter that every worker of one installation can read cheaply (issue 15).

What a worker remembers (signed-in sessions, the rendered part of a page) is stored under the
epoch it read *before* it read the database, and used only while the epoch is unchanged. The epoch
has two parts: a counter in this process, and a small file in the data directory that every
worker checks with one `stat`. A change appends a byte to the file, so its size only grows (two
writers at once cannot cancel each other out); now and then the file is replaced by a new one,
whose new inode also counts as a change.

Several servers that share a database but not a data directory cannot tell each other: they must
turn the caches off (their `seconds` setting to 0).
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

ROTATE_AT = 1 << 16  # bytes: then start a new, empty file


class SharedEpoch:
    def __init__(self, filename: str) -> None:
        self.filename = filename
        self.path: Path | None = None
        self._local = 0
        self._lock = threading.Lock()

    def configure(self, data_dir: Path | None) -> bool:
        """Use the file in `data_dir`; False when there is none (the cache must then stay off,
        since the other workers could not be told about a change)."""
        self.path = None
        if data_dir is None:
            return False
        try:
            Path(data_dir).mkdir(mode=0o700, parents=True, exist_ok=True)
        except OSError:
            return False
        self.path = Path(data_dir) / self.filename
        return True

    def read(self) -> tuple:
        """This process's counter and the shared file's identity and size."""
        if self.path is None:
            return (self._local, None)
        try:
            st = os.stat(self.path)
        except FileNotFoundError:
            return (self._local, None)
        return (self._local, st.st_ino, st.st_size)

    def bump(self) -> bool:
        """Move the epoch on, here and in every other worker; False if the file could not be
        written (the caller must then stop caching)."""
        with self._lock:
            self._local += 1
        if self.path is None:
            return True
        try:
            with open(self.path, "ab") as f:  # O_APPEND: the size only grows, even with two writers
                f.write(b".")
            if self.path.stat().st_size > ROTATE_AT:
                tmp = self.path.with_suffix(".new")
                tmp.write_bytes(b"")
                os.replace(tmp, self.path)
        except OSError:
            return False
        return True

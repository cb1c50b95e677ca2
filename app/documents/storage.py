"""Uploaded files on disk, encrypted with the app's AES-256-GCM key.

A file lives at data_dir/documents/<storage_key>: a random name, never the user's file name.
Stored form: nonce (12 bytes) || ciphertext || tag, with the storage key as associated data, so a
file copied over another one's name fails to decrypt instead of showing the wrong document.
"""

import os
import re
import secrets
from pathlib import Path

from app import crypto

_KEY_PATTERN = re.compile(r"[0-9a-f]{32}")


def root(settings) -> Path:
    return Path(settings.data_dir) / "documents"


def _path(settings, storage_key: str) -> Path:
    # Keys come from our own database, but checking the form keeps any path trick out of open().
    if not _KEY_PATTERN.fullmatch(storage_key):
        raise ValueError("bad storage key")
    return root(settings) / storage_key


def save(settings, data: bytes) -> str:
    """Encrypt and write `data`; returns the new storage key."""
    directory = root(settings)
    directory.mkdir(mode=0o700, parents=True, exist_ok=True)
    os.chmod(directory, 0o700)  # mkdir's mode is filtered by the umask
    storage_key = secrets.token_hex(16)
    blob = crypto.seal(data, storage_key.encode())
    fd = os.open(_path(settings, storage_key), os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as fh:
        fh.write(blob)
    return storage_key


def load(settings, storage_key: str) -> bytes:
    blob = _path(settings, storage_key).read_bytes()
    return crypto.open_sealed(blob[:12], blob[12:], storage_key.encode())


def remove(settings, storage_key: str) -> None:
    _path(settings, storage_key).unlink(missing_ok=True)

"""Encryption at rest for sensitive fields (SSN / national ID, date of birth).

AES-256-GCM with a random 96-bit nonce per value. The key comes from the RECOURSE_ENCRYPTION_KEY
setting or from `encryption.key` in the data directory, created on first run with mode 0600.
Stored form: "v1:" + urlsafe base64 of nonce || ciphertext || tag.
"""

import base64
import os
from pathlib import Path

from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from sqlalchemy import LargeBinary, String, Text, TypeDecorator

_PREFIX = "v1:"
_key: bytes | None = None


class KeyError_(RuntimeError):
    pass


def load_or_create_key(data_dir: Path, configured: str | None = None) -> bytes:
    if configured:
        key = base64.urlsafe_b64decode(configured.encode())
        if len(key) != 32:
            raise KeyError_("RECOURSE_ENCRYPTION_KEY must be base64 of exactly 32 bytes")
        return key
    path = data_dir / "encryption.key"
    if path.exists():
        return base64.urlsafe_b64decode(path.read_bytes().strip())
    data_dir.mkdir(parents=True, exist_ok=True)
    key = AESGCM.generate_key(bit_length=256)
    # O_EXCL so two workers starting together never write two different keys.
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return base64.urlsafe_b64decode(path.read_bytes().strip())
    with os.fdopen(fd, "wb") as fh:
        fh.write(base64.urlsafe_b64encode(key))
    return key


def set_key(key: bytes) -> None:
    global _key
    _key = key


def _aead() -> AESGCM:
    if _key is None:
        raise KeyError_("encryption key not loaded")
    return AESGCM(_key)


def encrypt(plain: str) -> str:
    nonce = os.urandom(12)
    blob = nonce + _aead().encrypt(nonce, plain.encode(), None)
    return _PREFIX + base64.urlsafe_b64encode(blob).decode()


def decrypt(stored: str) -> str:
    if not stored.startswith(_PREFIX):
        raise ValueError("not an encrypted value")
    blob = base64.urlsafe_b64decode(stored[len(_PREFIX):].encode())
    return _aead().decrypt(blob[:12], blob[12:], None).decode()


def mask(value: str | None, keep: int = 4) -> str:
    """Show only the last `keep` characters ('•••••••1234'), never the rest."""
    if not value:
        return ""
    visible = value[-keep:] if len(value) > keep else ""
    return "•" * max(len(value) - len(visible), 3) + visible


def mask_date(value: str | None) -> str:
    """A date gives nothing away when masked: the last 4 characters would reveal day and month."""
    return "••••-••-••" if value else ""


class Encrypted(TypeDecorator):
    """A string column whose value is encrypted before it reaches the database."""

    impl = String
    cache_ok = True

    def process_bind_param(self, value, dialect):
        return None if value in (None, "") else encrypt(value)

    def process_result_value(self, value, dialect):
        return None if value is None else decrypt(value)


class EncryptedText(Encrypted):
    """Like Encrypted, for long text (letter HTML, letter data)."""

    impl = Text
    cache_ok = True


class EncryptedBytes(TypeDecorator):
    """Binary content (PDF bytes) stored as nonce || ciphertext || tag."""

    impl = LargeBinary
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        nonce = os.urandom(12)
        return nonce + _aead().encrypt(nonce, bytes(value), None)

    def process_result_value(self, value, dialect):
        if value is None:
            return None
        value = bytes(value)
        return _aead().decrypt(value[:12], value[12:], None)

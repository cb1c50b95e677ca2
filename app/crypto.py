"""Encryption at rest for sensitive fields (SSN / national ID, date of birth).

AES-256-GCM with a random 96-bit nonce per value. The key comes from the RECOURSE_ENCRYPTION_KEY
setting or from `encryption.key` in the data directory, created on first run with mode 0600.
Stored form: "v1:" + urlsafe base64 of nonce || ciphertext || tag.

The same key also yields, through HKDF, independent keys for other purposes (the audit log's key,
which app/audit/keys.py pins in the data directory so it outlives a key rotation).
"""

import base64
import os
from functools import lru_cache
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from sqlalchemy import LargeBinary, String, Text, TypeDecorator

_PREFIX = "v1:"
_key: bytes | None = None
# Keys that may still decrypt older values while `recourse rotate-key` runs (newest first).
_previous: tuple[bytes, ...] = ()


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


def load_keys(data_dir: Path, configured: str | None = None) -> None:
    """Load the key (created on first run); while `recourse rotate-key` is under way or was
    interrupted, values already re-encrypted under the next key stay readable."""
    upcoming = data_dir / "encryption.key.next"
    previous = (base64.urlsafe_b64decode(upcoming.read_bytes().strip()),) if upcoming.exists() else ()
    set_key(load_or_create_key(data_dir, configured), previous)


def set_key(key: bytes, previous: tuple[bytes, ...] = ()) -> None:
    """The key new values are encrypted with, and older keys still accepted for reading."""
    global _key, _previous
    _key, _previous = key, tuple(previous)


def derived_key(purpose: str) -> bytes:
    """A 32-byte key for `purpose`, derived from the encryption key with HKDF-SHA256.

    Different purposes give unrelated keys, and none of them reveals the encryption key, so
    every worker that has the encryption key agrees on them with nothing more to share. Changing
    the encryption key changes every derived key: pin one that must outlive a rotation.
    """
    if _key is None:
        raise KeyError_("encryption key not loaded")
    return _hkdf(_key, purpose)


@lru_cache(maxsize=16)
def _hkdf(key: bytes, purpose: str) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None,
                info=b"recourse/" + purpose.encode()).derive(key)


def _aead() -> AESGCM:
    if _key is None:
        raise KeyError_("encryption key not loaded")
    return AESGCM(_key)


def open_sealed(nonce: bytes, sealed: bytes, associated: bytes | None = None) -> bytes:
    """Decrypt with the current key, else with an older one (AES-GCM refuses a wrong key)."""
    aead = _aead()
    try:
        return aead.decrypt(nonce, sealed, associated)
    except InvalidTag:
        for older in _previous:
            try:
                return AESGCM(older).decrypt(nonce, sealed, associated)
            except InvalidTag:
                continue
        raise


def seal(plain: bytes, associated: bytes | None = None) -> bytes:
    """nonce (12 bytes) || ciphertext || tag, under the current key."""
    nonce = os.urandom(12)
    return nonce + _aead().encrypt(nonce, plain, associated)


def encrypt(plain: str) -> str:
    return _PREFIX + base64.urlsafe_b64encode(seal(plain.encode())).decode()


def decrypt(stored: str) -> str:
    if not stored.startswith(_PREFIX):
        raise ValueError("not an encrypted value")
    blob = base64.urlsafe_b64decode(stored[len(_PREFIX):].encode())
    return open_sealed(blob[:12], blob[12:]).decode()


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
        return seal(bytes(value))

    def process_result_value(self, value, dialect):
        if value is None:
            return None
        value = bytes(value)
        return open_sealed(value[:12], value[12:])

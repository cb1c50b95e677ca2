"""Password policy and hashing (Argon2id via argon2-cffi)."""

from functools import lru_cache
from pathlib import Path

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

MIN_LENGTH = 10
MAX_LENGTH = 256
_hasher = PasswordHasher()  # argon2-cffi defaults to Argon2id with RFC 9106 "low memory" parameters
_dummy: tuple[PasswordHasher, str] | None = None


def _dummy_hash() -> str:
    """Compared against when the account does not exist, so timing does not reveal which emails
    exist. Made by the current hasher, so it costs exactly what a real account's check costs."""
    global _dummy
    if _dummy is None or _dummy[0] is not _hasher:
        _dummy = (_hasher, _hasher.hash("not-a-real-password-0"))
    return _dummy[1]


@lru_cache
def common_passwords() -> frozenset[str]:
    path = Path(__file__).with_name("common-passwords.txt")
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip().lower() for line in lines if line.strip() and not line.startswith("#"))


def problem(password: str, *, email: str = "") -> str | None:
    """Why this password is refused, as a message for the form, or None when it is fine."""
    if len(password) < MIN_LENGTH:
        return "Use at least 10 characters."
    if len(password) > MAX_LENGTH:
        return "Use at most 256 characters."
    lowered = password.lower()
    if lowered in common_passwords() or len(set(password)) < 4:
        return "This password is too common. Choose one that is harder to guess."
    if email and lowered == email.lower():
        return "Do not use your email address as your password."
    return None


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(stored_hash: str | None, password: str) -> bool:
    try:
        return _hasher.verify(stored_hash or _dummy_hash(), password) and stored_hash is not None
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(stored_hash: str) -> bool:
    return _hasher.check_needs_rehash(stored_hash)

"""'Checked by content' means parsed: an evidence PDF must open and every page load (pypdf), a
picture must decode (Pillow, with its decompression-bomb limit). A file that only starts like a
PDF or a PNG is refused. The parsing runs in a child process with time and memory limits
(app/limits.py), so a hostile file cannot slow or exhaust the server.
"""

from __future__ import annotations

import io
import warnings

from app import limits

SECONDS = 15
MEMORY_MB = 512
PDF = "application/pdf"

# What problem() returns; app/documents/service.py words each for the file field.
DAMAGED, TOO_BIG, BUSY = "damaged", "too-big", "busy"


def problem(data: bytes, content_type: str) -> str | None:
    """None when the file opens as what it claims to be, else DAMAGED, TOO_BIG or BUSY."""
    try:
        return limits.run(_problem, data, content_type, seconds=SECONDS, memory_mb=MEMORY_MB)
    except limits.LimitExceeded as exc:
        return {"time": TOO_BIG, "memory": TOO_BIG, "busy": BUSY}.get(exc.limit, DAMAGED)
    except Exception:  # noqa: BLE001 - whatever went wrong, the file was not shown to open
        return DAMAGED


# ---- run in the child process ----------------------------------------------------------------

def _problem(data: bytes, content_type: str) -> str | None:
    try:
        return _pdf(data) if content_type == PDF else _image(data)
    except MemoryError:
        raise
    except Exception:  # noqa: BLE001 - a parser's error on a hostile file means "damaged"
        return DAMAGED


def _pdf(data: bytes) -> str | None:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    if reader.is_encrypted and not reader.decrypt(""):
        # Password-protected: its pages cannot be read without the password. Kept as it is (the
        # mailing packet names it so a paper copy is added), as long as its structure opened.
        return None
    if len(reader.pages) == 0:
        return DAMAGED
    for page in reader.pages:
        _ = page.mediabox
        page.get_contents()  # inflates the page's content: a bomb stops at the memory limit
    return None


def _image(data: bytes) -> str | None:
    from PIL import Image

    with warnings.catch_warnings():
        # Pillow warns past MAX_IMAGE_PIXELS (about 89 million) and refuses twice that: both refuse.
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        with Image.open(io.BytesIO(data)) as image:
            image.load()
    return None

"""Bytes to text: UTF-8 first, then per-line repair of mixed encodings, then charset detection.

Binary input (NUL bytes, or no plausible encoding) is refused with a clear reason.
"""

from __future__ import annotations

import logging

from charset_normalizer import from_bytes

from crosswire.ingest.errors import InputError

log = logging.getLogger(__name__)

BINARY_SNIFF_BYTES = 8192
LEGACY_FALLBACK = "cp1252"


def looks_binary(data: bytes) -> bool:
    head = data[:BINARY_SNIFF_BYTES]
    return b"\x00" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff"))


def decode_bytes(data: bytes, declared: str | None = None) -> str:
    """Decode input bytes to text, or raise InputError saying why not."""
    if not data.strip():
        raise InputError("empty file")
    if looks_binary(data):
        raise InputError("binary content (NUL bytes), not text")
    if declared:
        try:
            return data.decode(declared)
        except (LookupError, UnicodeDecodeError):
            log.info("declared encoding %s does not fit; detecting", declared)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    mixed = _decode_mixed(data)
    if mixed is not None:
        return mixed
    matches = from_bytes(data)
    best = matches.best()
    if best is None:
        raise InputError("undecodable content: no text encoding fits")
    for match in matches:  # Western text fits cp1250/cp1257 as well as cp1252: break such ties for cp1252
        if match.encoding == LEGACY_FALLBACK and (match.chaos, -match.coherence) <= (
            best.chaos,
            -best.coherence,
        ):
            return str(match)
    return str(best)


def _decode_mixed(data: bytes) -> str | None:
    """Mostly-UTF-8 input with some legacy-encoded lines (concatenated sources): repair line by line.

    Only when some lines are genuine multi-byte UTF-8; a file that is wholly legacy-encoded goes to
    charset detection instead.
    """
    out, bad, good_multibyte = [], 0, 0
    for line in data.split(b"\n"):
        try:
            out.append(line.decode("utf-8"))
            good_multibyte += any(b >= 0x80 for b in line)
        except UnicodeDecodeError:
            bad += 1
            out.append(line.decode(LEGACY_FALLBACK, errors="replace"))
    if bad and good_multibyte:
        log.info("mixed encodings: %d lines decoded as %s", bad, LEGACY_FALLBACK)
        return "\n".join(out)
    return None

"""The fixed train / held-out splits of the development data, shared by training scripts and `communique eval`.

A record is held out when the first 8 hex digits of the SHA-1 of its key, read as an integer, modulo 10 are
below 3 (30%). The key is the stripped sentence text (ConfliBERT files) or the story id (NGEC stories), so the
split does not depend on file order. Nothing is tuned or trained on held-out records.
"""
from __future__ import annotations

import hashlib

HELDOUT_SHARE = 3  # out of 10


def is_heldout(key: str) -> bool:
    digest = hashlib.sha1(key.strip().encode("utf-8")).hexdigest()
    return int(digest[:8], 16) % 10 < HELDOUT_SHARE


def split_name(key: str) -> str:
    return "heldout" if is_heldout(key) else "train"

"""Compact, numpy-backed storage for the duplicate index: growing row arrays and an LSH band table.

A Python dict per band costs about 6 KB per document; these structures hold a document's MinHash values
and band keys in about 1 KB, so an index over a million stored documents fits in memory.
"""

from __future__ import annotations

import numpy as np

#: Golden-ratio constant that gives each band its own key space.
BAND_SALT = np.uint64(0x9E3779B97F4A7C15)


def mix64(values: np.ndarray) -> np.ndarray:
    """The SplitMix64 finaliser: a bijection on 64-bit integers that scatters every input bit.

    Array arithmetic on uint64 wraps around silently, which is what the finaliser needs.
    """
    values = (values ^ (values >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
    values = (values ^ (values >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
    return values ^ (values >> np.uint64(31))


def band_keys(values: np.ndarray, bands: int) -> np.ndarray:
    """64-bit keys of the bands of MinHash values: equal bands give equal keys, others almost never.

    Args:
        values (np.ndarray): one signature's values (num_perm,) or many (n, num_perm).
        bands (int): how many bands to cut each signature into.

    Returns:
        np.ndarray: uint64 keys, shaped (bands,) or (n, bands) like the input.
    """
    many = values.reshape(-1, bands, values.shape[-1] // bands).astype(np.uint64)
    keys = np.broadcast_to(mix64(np.arange(1, bands + 1, dtype=np.uint64) * BAND_SALT), many.shape[:2])
    for column in range(many.shape[2]):
        keys = mix64(keys ^ many[:, :, column])
    return keys if values.ndim == 2 else keys[0]


class GrowingArray:
    """Rows of a fixed width appended to a numpy array that doubles its capacity when full."""

    def __init__(self, width: int, dtype: np.dtype | type, capacity: int = 1024) -> None:
        self._data = np.zeros((capacity, width), dtype=dtype)
        self._size = 0

    def __len__(self) -> int:
        return self._size

    def append(self, row: np.ndarray) -> None:
        """Add one row at the end."""
        if self._size == len(self._data):
            self._data = np.concatenate([self._data, np.zeros_like(self._data)])
        self._data[self._size] = row
        self._size += 1

    def extend(self, rows: np.ndarray) -> None:
        """Add many rows at the end."""
        needed = self._size + len(rows)
        if needed > len(self._data):
            grown = np.zeros((max(needed, 2 * len(self._data)), self._data.shape[1]), dtype=self._data.dtype)
            grown[: self._size] = self._data[: self._size]
            self._data = grown
        self._data[self._size : needed] = rows
        self._size = needed

    def rows(self) -> np.ndarray:
        """The rows appended so far (a view, not a copy)."""
        return self._data[: self._size]


class BandTable:
    """The LSH bucket keys of every document: a part sorted by key per band, searched by bisection, and a
    recent unsorted tail scanned with one vector comparison; the tail is merged in when it outgrows
    `tail_share` of the table, so merging costs stay proportional to the table's size.
    """

    def __init__(self, bands: int, *, tail_share: float = 0.125, min_tail: int = 4096) -> None:
        self.bands = bands
        self._tail_share, self._min_tail = tail_share, min_tail
        self._keys = np.zeros((bands, 0), dtype=np.uint64)  # sorted along each row
        self._positions = np.zeros((bands, 0), dtype=np.uint32)  # document positions, in key order
        self._tail = GrowingArray(bands, np.uint64)

    def __len__(self) -> int:
        return self._keys.shape[1] + len(self._tail)

    def add(self, keys: np.ndarray) -> None:
        """Add one document's band keys (bands,) at the next position."""
        self.add_many(keys[None, :])

    def add_many(self, keys: np.ndarray) -> None:
        """Add the band keys (n, bands) of n documents at the next positions."""
        self._tail.extend(keys)
        if len(self._tail) > max(self._min_tail, self._tail_share * self._keys.shape[1]):
            self._merge()

    def candidates(self, keys: np.ndarray) -> np.ndarray:
        """Positions of documents sharing at least one band key with `keys` (sorted, unique)."""
        found = [np.flatnonzero((self._tail.rows() == keys).any(axis=1)) + self._keys.shape[1]]
        for band in range(self.bands):
            row = self._keys[band]
            start = np.searchsorted(row, keys[band], side="left")
            stop = np.searchsorted(row, keys[band], side="right")
            if stop > start:
                found.append(self._positions[band, start:stop])
        return np.unique(np.concatenate(found))

    def _merge(self) -> None:
        """Sort the tail into the searched part."""
        merged = len(self)
        tail_positions = np.arange(self._keys.shape[1], merged, dtype=np.uint32)
        keys = np.concatenate([self._keys, self._tail.rows().T], axis=1)
        positions = np.concatenate(
            [self._positions, np.broadcast_to(tail_positions, (self.bands, len(tail_positions)))], axis=1
        )
        order = np.argsort(keys, axis=1, kind="stable")
        self._keys = np.take_along_axis(keys, order, axis=1)
        self._positions = np.take_along_axis(positions, order, axis=1)
        self._tail = GrowingArray(self.bands, np.uint64)

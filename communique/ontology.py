"""CAMEO and PLOVER tables: names, Goldstein weights, quad and penta classes, and the CAMEO -> PLOVER map.

The tables are data files under `communique/data/ontology/`: the ICEWS CAMEO table, the OEDA
CAMEO2PLOVER-2021 conversion, PLOVER type scores, and our documented overrides (CODING.md follows the
later PLOVER manual where it disagrees with the 2021 table).
"""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Iterator

PLOVER_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "SANCTION", "PROTEST", "MOBILIZE", "COERCE", "ASSAULT",
)  # fmt: skip

_C2P_LINE = re.compile(r"^(\d{2,4}):\s*([A-Z]+)\s*(?:,([^,#]*),?([^#]*))?#?(.*)$")


@dataclass(frozen=True)
class CameoCode:
    """Everything the tables say about one CAMEO code."""

    cameo: str
    name: str
    root: str
    goldstein: float
    quad_code: int
    penta_class: int
    event: str | None  # PLOVER type; None for plain statements (01x)
    mode: str | None
    context: str | None
    plover_score: float | None


def _data_path(name: str):
    return resources.files("communique") / "data" / "ontology" / name


def _read_tsv(name: str) -> Iterator[dict[str, str]]:
    with _data_path(name).open(encoding="utf-8") as handle:
        lines = (line for line in handle if not line.startswith("#"))
        yield from csv.DictReader(lines, delimiter="\t")


def _clean(value: str | None) -> str | None:
    value = (value or "").strip().strip(";").strip()
    return value or None


def _read_cameo2plover() -> dict[str, tuple[str, str | None, str | None]]:
    mapping: dict[str, tuple[str, str | None, str | None]] = {}
    with _data_path("CAMEO2PLOVER-2021.txt").open(encoding="utf-8") as handle:
        for line in handle:
            match = _C2P_LINE.match(line.strip())
            if match:
                code, event, mode, context, _ = match.groups()
                # The table lists a few codes twice (175); the first entry is the main one.
                mapping.setdefault(code, (event, _clean(mode), _clean(context)))
    return mapping


class Ontology:
    """The CAMEO table joined with its PLOVER mapping. Load once with `load_ontology()`."""

    def __init__(self) -> None:
        types = {row["event"]: row for row in _read_tsv("plover_types.tsv")}
        self.type_quad = {name: int(row["quad_code"]) for name, row in types.items()}
        self.type_score = {name: float(row["plover_score"]) for name, row in types.items()}
        self.type_default_cameo = {name: row["default_cameo"] for name, row in types.items()}
        mapping = _read_cameo2plover()
        for row in _read_tsv("overrides.tsv"):
            mapping[row["cameo"]] = (row["event"], _clean(row["mode"]), _clean(row["context"]))
        self.codes: dict[str, CameoCode] = {}
        for row in _read_tsv("cameo_codes.tsv"):
            code = row["code"]
            event, mode, context = self._plover_for(code, mapping)
            self.codes[code] = CameoCode(
                cameo=code,
                name=row["name"],
                root=row["root"],
                goldstein=float(row["goldstein"]),
                quad_code=int(row["quad_class"]),
                penta_class=int(row["penta_class"]),
                event=event,
                mode=mode,
                context=context,
                plover_score=self.type_score.get(event) if event else None,
            )

    @staticmethod
    def _plover_for(code: str, mapping: dict) -> tuple[str | None, str | None, str | None]:
        # A four-digit code absent from the map takes its three-digit parent's type, then its root's.
        for key in (code, code[:3], code[:2]):
            if key in mapping:
                return mapping[key]
        return (None, None, None)

    def get(self, cameo: str) -> CameoCode | None:
        return self.codes.get(cameo)

    def __getitem__(self, cameo: str) -> CameoCode:
        try:
            return self.codes[cameo]
        except KeyError:
            raise KeyError(f"unknown CAMEO code {cameo!r}") from None

    def __contains__(self, cameo: str) -> bool:
        return cameo in self.codes

    def default_cameo(self, event: str) -> str:
        """The CAMEO code used when only the PLOVER type is known (a model's prediction)."""
        return self.type_default_cameo[event]


@lru_cache(maxsize=1)
def load_ontology() -> Ontology:
    return Ontology()

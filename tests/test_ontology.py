from __future__ import annotations

import pytest

from communique.ontology import PLOVER_TYPES, load_ontology


@pytest.fixture(scope="module")
def ontology():
    return load_ontology()


def test_ontology_has_every_cameo_code(ontology, shared_dir):
    rows = (shared_dir / "ontology" / "cameo_codes.tsv").read_text(encoding="utf-8").splitlines()[1:]
    assert {row.split("\t")[0] for row in rows} == set(ontology.codes)


def test_ontology_every_code_outside_statements_has_a_plover_type(ontology):
    for code, info in ontology.codes.items():
        if code.startswith("01"):
            assert info.event is None, code
        else:
            assert info.event in PLOVER_TYPES, code


@pytest.mark.parametrize(
    "cameo,event,mode,quad,penta",
    [
        ("041", "CONSULT", "phone", 1, 1),
        ("039", "AGREE", None, 1, 1),
        ("111", "ACCUSE", "disapprove", 3, 3),
        ("163", "SANCTION", "discontinue", 4, 3),  # CODING.md follows the PLOVER manual here
        ("022", "REQUEST", "assist", 1, 0),  # appeals map like demands
        ("190", "ASSAULT", None, 4, 4),
        ("0211", "REQUEST", "assist", 1, 0),
    ],
)
def test_ontology_mapping(ontology, cameo, event, mode, quad, penta):
    info = ontology[cameo]
    assert (info.event, info.mode, info.quad_code, info.penta_class) == (event, mode, quad, penta)


def test_ontology_plover_scores_follow_the_coding_guide(ontology):
    assert ontology["051"].plover_score == 5
    assert ontology["190"].plover_score == -9
    assert ontology["070"].plover_score == 10


def test_ontology_default_cameo_maps_back_to_its_type(ontology):
    for event in PLOVER_TYPES:
        assert ontology[ontology.default_cameo(event)].event == event


def test_ontology_unknown_code_raises(ontology):
    with pytest.raises(KeyError):
        ontology["999"]

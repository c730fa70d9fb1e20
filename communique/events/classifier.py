"""A small linear classifier of event sentences: Phoenix penta class (0-4) and PLOVER event type.

The event extractor calls it where its verb lexicon is silent or ambiguous. It reads only what spaCy has
already computed, so that it costs a small fraction of the parse:

- dense features: the tok2vec rows of `doc.tensor` averaged over the sentence, the root token's row, and the
  average over the sentence's verbs (standardised with the training means and deviations);
- sparse features, hashed: lemmas and lemma bigrams (entities replaced by their label), the root's lemma and
  its dependants' lemmas by relation, verb lemmas and verb-object pairs, the verbs of reported clauses,
  negation, modal and passive markers.

Two multinomial logistic regression heads share these features: penta (5 classes) and PLOVER type (16). A
third, the story head, reads a story's lead (its first sentences) as one unit and says what type of event the
story reports: hashed features of the lead, of each lead sentence's verbs and of the first sentence apart, as
sublinear tf-idf (no dense block: the tok2vec means did not help it). The weights are a versioned `.npz` file under `communique/data/models/` with a metadata JSON beside it (version,
training data, date, held-out scores), written by `scripts/train_classifier.py`.

Example:
    >>> classifier = load_classifier()
    >>> [prediction] = classifier.predict([doc[:]])
    >>> prediction.event, prediction.penta
    ('ASSAULT', 4)
    >>> classifier.predict_story(doc[:]).event  # the story type, from its first sentences
    'ASSAULT'
"""
from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from functools import cached_property, lru_cache
from importlib import resources
from pathlib import Path
from typing import Iterable, Sequence

import numpy as np
from scipy import sparse
from sklearn.feature_extraction import FeatureHasher
from spacy.tokens import Span, Token

from ..errors import Errors, ModelError
from ..ontology import PLOVER_TYPES, load_ontology

LOGGER = logging.getLogger(__name__)

MODEL_NAME = "penta-plover-lr.v2"
N_HASHED = 2**16
TENSOR_WIDTH = 96  # en_core_web_sm's tok2vec width
PENTA_CLASSES = (0, 1, 2, 3, 4)
STATEMENT = 0  # penta class of a plain statement: no event
DOCUMENT_LEAD = 3  # sentences read by predict_document and predict_story

# Entity labels whose words are replaced by the label: names say who, not what was done.
_MASKED_ENTS = {"GPE", "NORP", "ORG", "PERSON", "LOC", "FAC", "DATE", "TIME", "CARDINAL", "MONEY", "PERCENT",
                "ORDINAL", "QUANTITY"}  # fmt: skip
_ROOT_DEPS = {"nsubj", "nsubjpass", "dobj", "attr", "agent", "dative", "prep", "ccomp", "xcomp", "advcl",
              "acomp", "oprd", "prt", "neg", "aux", "conj", "npadvmod"}  # fmt: skip
_CLAUSE_DEPS = {"ccomp", "xcomp", "advcl", "conj", "relcl", "pcomp"}
_OBJECT_DEPS = {"dobj", "nsubjpass", "attr", "oprd", "pobj"}
_VERB_POS = {"VERB", "AUX"}


@dataclass(frozen=True)
class Prediction:
    """What the classifier says about one sentence.

    event: the PLOVER type, or None for a plain statement (penta class 0).
    cameo: the type's default CAMEO code (None with no event).
    penta: the Phoenix penta class, 0 (statement) to 4 (material conflict).
    probability: the probability of `event` (of the statement class when `event` is None).
    model: the versioned model name, for the event's `rule`.
    """

    event: str | None
    cameo: str | None
    penta: int
    probability: float
    model: str


# --- features ---------------------------------------------------------------------------------------
def word_key(token: Token) -> str:
    """The token's lower-case lemma, or its entity label for names, numbers and dates."""
    if token.ent_type_ in _MASKED_ENTS:
        return token.ent_type_
    return token.lemma_.lower()


def _is_word(token: Token) -> bool:
    return not (token.is_punct or token.is_space)


def lexical_features(span: Span) -> list[str]:
    """Bag of lemmas and lemma bigrams (names masked), plus negation, modal and quote markers."""
    words = [word_key(t) for t in span if _is_word(t)]
    features = [f"w={w}" for w in words]
    features += [f"b={a}_{b}" for a, b in zip(words, words[1:])]
    for token in span:
        if token.dep_ == "neg":
            features.append(f"neg>{token.head.lemma_.lower()}")
        elif token.tag_ == "MD":
            features.append(f"md={token.lemma_.lower()}")
        elif token.dep_ in ("nsubjpass", "auxpass"):
            features.append("passive")
        elif token.is_quote:
            features.append("quote")
    return features


def verb_features(span: Span) -> list[str]:
    """The root and its dependants by relation, verb lemmas, verb-object pairs and reported-clause verbs."""
    root = span.root
    lemma = root.lemma_.lower()
    features = [f"root={lemma}", f"rootpos={root.pos_}"]
    for child in root.children:
        if child.dep_ in _ROOT_DEPS:
            features.append(f"{child.dep_}>{word_key(child)}")
            features.append(f"{lemma}:{child.dep_}>{word_key(child)}")
    for token in span:
        if token.pos_ not in _VERB_POS:
            continue
        verb = token.lemma_.lower()
        features.append(f"v={verb}")
        if token.dep_ in _CLAUSE_DEPS and token.head.i == root.i:
            features.append(f"cv={verb}")
        for child in token.children:
            if child.dep_ in _OBJECT_DEPS:
                features.append(f"vo={verb}_{word_key(child)}")
            elif child.dep_ == "prep":
                features.append(f"vp={verb}_{child.lower_}")
    return features


def string_features(span: Span) -> list[str]:
    """All hashed features of a sentence."""
    return lexical_features(span) + verb_features(span)


def lead_sentences(span: Span, lead: int = DOCUMENT_LEAD) -> list[Span]:
    """The first `lead` sentences of a span (or of a whole doc's span) that hold a word."""
    return [s for s in span.sents if any(_is_word(t) for t in s)][:lead]


def story_features(sentences: Sequence[Span]) -> list[str]:
    """Hashed features of a story's lead sentences (of one doc, in order) read as one unit.

    The lead's lemmas, bigrams and verb features, each sentence's root and verb features, and the first
    sentence's features again, prefixed (news puts the main event first). Counted, not binary: tf-idf weighs them.
    """
    span = sentences[0].doc[sentences[0].start : sentences[-1].end]
    features = lexical_features(span) + verb_features(span)
    for sentence in sentences:
        features += verb_features(sentence)
    features += [f"s1:{feature}" for feature in string_features(sentences[0])]
    return features


def story_counts(leads: Iterable[Sequence[Span]]) -> sparse.csr_matrix:
    """Hashed feature counts (n, N_HASHED) of story leads (each a sequence of sentences)."""
    return _hasher().transform(story_features(lead) for lead in leads).tocsr()


def tfidf_rows(counts: sparse.csr_matrix, idf: np.ndarray) -> sparse.csr_matrix:
    """Sublinear tf-idf of hashed counts, rows scaled to unit length (as scikit-learn's TfidfTransformer)."""
    weighted = counts.astype("float64", copy=True)
    weighted.data = (1.0 + np.log(weighted.data)) * idf[weighted.indices]
    return normalize_rows(weighted)


def _tensor_rows(span: Span) -> np.ndarray:
    tensor = span.doc.tensor
    if tensor is None or tensor.ndim != 2 or tensor.shape[0] != len(span.doc) or tensor.shape[1] != TENSOR_WIDTH:
        return np.zeros((0, TENSOR_WIDTH), dtype="float32")
    return tensor[span.start : span.end]


def dense_features(span: Span) -> np.ndarray:
    """Sentence mean, root row and verb mean of the tok2vec tensor (zeros where spaCy left no tensor)."""
    rows = _tensor_rows(span)
    if len(rows) == 0:
        return np.zeros(3 * TENSOR_WIDTH, dtype="float32")
    root = rows[span.root.i - span.start]
    verbs = [i for i, t in enumerate(span) if t.pos_ in _VERB_POS]
    verb_mean = rows[verbs].mean(axis=0) if verbs else root
    return np.concatenate([rows.mean(axis=0), root, verb_mean]).astype("float32")


@lru_cache(maxsize=1)
def _hasher() -> FeatureHasher:
    return FeatureHasher(n_features=N_HASHED, input_type="string", alternate_sign=False)


def featurize(spans: Sequence[Span]) -> tuple[np.ndarray, sparse.csr_matrix]:
    """Dense (n, 288) and hashed sparse (n, N_HASHED) feature matrices of the sentences.

    The hashed features are binary (present or not), and each row is scaled to unit length.
    """
    if not spans:
        return np.zeros((0, 3 * TENSOR_WIDTH), dtype="float32"), sparse.csr_matrix((0, N_HASHED))
    dense = np.vstack([dense_features(span) for span in spans])
    hashed = _hasher().transform(string_features(span) for span in spans).tocsr()
    hashed.data = np.ones_like(hashed.data)
    return dense, normalize_rows(hashed)


def normalize_rows(matrix: sparse.csr_matrix) -> sparse.csr_matrix:
    """Each row of a sparse matrix divided by its Euclidean length (empty rows stay empty)."""
    matrix = sparse.csr_matrix(matrix, dtype="float64", copy=True)
    lengths = np.diff(matrix.indptr)
    rows = np.repeat(np.arange(matrix.shape[0]), lengths)
    norms = np.sqrt(np.bincount(rows, weights=matrix.data**2, minlength=matrix.shape[0]))
    norms[norms == 0] = 1.0
    matrix.data /= np.repeat(norms, lengths)
    return matrix


# --- the model --------------------------------------------------------------------------------------
def softmax(scores: np.ndarray) -> np.ndarray:
    """Row-wise softmax."""
    shifted = scores - scores.max(axis=1, keepdims=True)
    exp = np.exp(shifted)
    return exp / exp.sum(axis=1, keepdims=True)


@dataclass
class LinearHead:
    """One multinomial logistic regression over [standardised dense | hashed sparse] features."""

    classes: tuple
    dense_coef: np.ndarray  # (n_classes, dense width)
    sparse_coef: sparse.csr_matrix  # (n_classes, N_HASHED)
    intercept: np.ndarray  # (n_classes,)

    def probabilities(self, dense: np.ndarray, hashed: sparse.csr_matrix) -> np.ndarray:
        scores = dense @ self.dense_coef.T + (hashed @ self._sparse_coef_t).toarray()
        return softmax(scores + self.intercept)

    @cached_property
    def _sparse_coef_t(self) -> sparse.csr_matrix:
        """The sparse weights transposed, as CSR (N_HASHED, n_classes): made once, not on every call."""
        return sparse.csr_matrix(self.sparse_coef.T)


class EventClassifier:
    """Penta class and PLOVER type of sentences, from features spaCy already computed.

    Load it once with `load_classifier()`; `predict` takes sentences (spaCy `Span`s of parsed docs).
    """

    def __init__(self, penta: LinearHead, plover: LinearHead, scaler: tuple[np.ndarray, np.ndarray],
                 meta: dict, story: LinearHead | None = None, idf: np.ndarray | None = None) -> None:  # fmt: skip
        """scaler: (mean, scale) of the dense features; `scale` folds in the dense block's weight.
        story, idf: the story head and the idf weights of its features (None in v1 weights: the story type is
        then the sentence type head averaged over the lead)."""
        self.penta_head = penta
        self.plover_head = plover
        self.story_head = story
        self.idf = idf
        self.mean, self.scale = scaler
        self.meta = meta
        self.model = meta.get("name", MODEL_NAME)
        quad = load_ontology().type_quad
        self._type_quad = np.array([quad[t] for t in plover.classes])

    def probabilities(self, sentences: Sequence[Span]) -> tuple[np.ndarray, np.ndarray]:
        """(penta probabilities (n, 5), PLOVER type probabilities (n, 16)) of the sentences."""
        dense, hashed = featurize(sentences)
        dense = (dense - self.mean) / self.scale
        return self.penta_head.probabilities(dense, hashed), self.plover_head.probabilities(dense, hashed)

    def predict(self, sentences: Sequence[Span]) -> list["Prediction"]:
        """One Prediction per sentence, in order.

        sentences (Sequence[Span]): sentences of parsed docs (with `doc.tensor`, as spaCy's pipeline leaves it).
        RETURNS (list[Prediction]): the predictions.
        """
        sentences = list(sentences)
        if not sentences:
            return []
        penta, plover = self.probabilities(sentences)
        return [self._decide(p, t) for p, t in zip(penta, plover)]

    def predict_document(self, sentences: Sequence[Span], *, lead: int = DOCUMENT_LEAD) -> Prediction | None:
        """The main event of a news document, from its first `lead` sentences (news puts it first).

        sentences (Sequence[Span]): the document's sentences in order (of one doc).
        RETURNS (Prediction | None): as `predict_story`; None when no sentence holds a word.
        """
        sentences = [s for s in sentences if any(_is_word(t) for t in s)][:lead]
        if not sentences:
            return None
        return self._story(sentences)

    def predict_story(self, lead: Span) -> Prediction | None:
        """The type of event a story reports, from its lead: one span over its first sentences (read up to
        DOCUMENT_LEAD of them).

        A story is taken to report an event, so only a type head decides, and `penta` is the type's quad class.
        The story head reads the lead as one unit; with weights that lack one (v1), the sentence type head's
        probabilities are averaged over the lead sentences.
        RETURNS (Prediction | None): None when the span holds no word.
        """
        sentences = lead_sentences(lead)
        return self._story(sentences) if sentences else None

    def _story(self, sentences: list[Span]) -> Prediction:
        if self.story_head is None or self.idf is None:
            _, plover = self.probabilities(sentences)
            probabilities, head = plover.mean(axis=0), self.plover_head
        else:
            features = tfidf_rows(story_counts([sentences]), self.idf)
            head = self.story_head
            probabilities = head.probabilities(np.zeros((1, 0), dtype="float32"), features)[0]
        best = int(np.argmax(probabilities))
        event = head.classes[best]
        quad = load_ontology().type_quad[event]
        return Prediction(event, load_ontology().default_cameo(event), int(quad), float(probabilities[best]),
                          self.model)  # fmt: skip

    def _decide(self, penta: np.ndarray, plover: np.ndarray) -> Prediction:
        """The penta head decides the class (cross-validation preferred it alone); the type head then picks
        the most probable type of that quad class. Statement (class 0): no event."""
        penta_class = int(self.penta_head.classes[int(np.argmax(penta))])
        if penta_class == STATEMENT:
            return Prediction(None, None, STATEMENT, float(penta.max()), self.model)
        in_class = np.where(self._type_quad == penta_class, plover, 0.0)
        best = int(np.argmax(in_class))
        event = self.plover_head.classes[best]
        probability = float(penta.max() * in_class[best] / in_class.sum())
        return Prediction(event, load_ontology().default_cameo(event), penta_class, probability, self.model)


# --- weights on disk --------------------------------------------------------------------------------
def models_dir() -> Path:
    """The packaged folder of model weights."""
    return Path(str(resources.files("communique") / "data" / "models"))


def save_head(arrays: dict, prefix: str, head: LinearHead) -> None:
    """Put one head's arrays into `arrays` (for np.savez) under `prefix`."""
    coef = head.sparse_coef.tocsr()
    arrays[f"{prefix}_classes"] = np.array([str(c) for c in head.classes])
    arrays[f"{prefix}_dense"] = head.dense_coef.astype("float32")
    arrays[f"{prefix}_intercept"] = head.intercept.astype("float32")
    arrays[f"{prefix}_data"] = coef.data.astype("float16")
    arrays[f"{prefix}_indices"] = coef.indices.astype("int32")
    arrays[f"{prefix}_indptr"] = coef.indptr.astype("int32")


def read_head(arrays, prefix: str, cast=str) -> LinearHead:
    """The head stored under `prefix` in a loaded .npz."""
    classes = tuple(cast(c) for c in arrays[f"{prefix}_classes"])
    coef = sparse.csr_matrix(
        (arrays[f"{prefix}_data"].astype("float32"), arrays[f"{prefix}_indices"], arrays[f"{prefix}_indptr"]),
        shape=(len(classes), N_HASHED),
    )
    return LinearHead(classes, arrays[f"{prefix}_dense"], coef, arrays[f"{prefix}_intercept"])


def save_classifier(classifier: EventClassifier, directory: Path) -> Path:
    """Write `<name>.npz` (weights) and `<name>.json` (metadata) into `directory`; returns the weights path."""
    arrays: dict = {"mean": classifier.mean.astype("float32"), "scale": classifier.scale.astype("float32")}
    save_head(arrays, "penta", classifier.penta_head)
    save_head(arrays, "plover", classifier.plover_head)
    if classifier.story_head is not None and classifier.idf is not None:
        save_head(arrays, "story", classifier.story_head)
        arrays["story_idf"] = classifier.idf.astype("float32")
    path = directory / f"{classifier.model}.npz"
    np.savez_compressed(path, **arrays)
    meta_path = directory / f"{classifier.model}.json"
    meta_path.write_text(json.dumps(classifier.meta, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return path


def read_classifier(path: Path) -> EventClassifier:
    """Load the classifier whose weights are at `path` (metadata: the .json beside it)."""
    try:
        meta = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
        with np.load(path) as arrays:
            penta = read_head(arrays, "penta", int)
            plover = read_head(arrays, "plover", str)
            scaler = (arrays["mean"], arrays["scale"])
            story, idf = None, None
            if "story_classes" in arrays:
                story, idf = read_head(arrays, "story", str), arrays["story_idf"].astype("float64")
    except (OSError, KeyError, ValueError) as err:
        raise ModelError(Errors.E202.format(path=path, detail=err)) from None
    story_classes = set(story.classes) if story is not None else set()
    if (set(plover.classes) | story_classes) - set(PLOVER_TYPES) or set(penta.classes) - set(PENTA_CLASSES):
        raise ModelError(Errors.E202.format(path=path, detail="unknown classes in the weights"))
    return EventClassifier(penta, plover, scaler, meta, story, idf)


@lru_cache(maxsize=4)
def load_classifier(name: str = MODEL_NAME) -> EventClassifier:
    """The packaged classifier `name` (cached: loaded once per process)."""
    path = models_dir() / f"{name}.npz"
    LOGGER.debug("loading event classifier %s", path)
    return read_classifier(path)

"""Wires the stages over a batch of documents: spaCy parse -> actors -> events, in one or more processes.

`Coder` holds one loaded pipeline; `Coder.code(documents)` yields a `CodedDocument` per input, in order.
A document that fails is yielded with `error` set; it never stops the batch.
"""
from __future__ import annotations

import logging
import multiprocessing
from dataclasses import dataclass, field
from itertools import islice
from typing import Iterable, Iterator, Sequence

from spacy.language import Language
from spacy.tokens import Doc

from .errors import CommuniqueError
from .language import load_language, model_version
from .records import CodedDocument, Document
from .settings import Settings, load_settings

LOGGER = logging.getLogger(__name__)

COMPONENTS = ("communique_actors", "communique_events")


@dataclass(frozen=True)
class CoderOptions:
    """What a worker process needs to build the same pipeline as its parent (picklable)."""

    model: str | None = None
    actor_files: tuple[str, ...] = ()
    lexicon_files: tuple[str, ...] = ()
    settings: Settings = field(default_factory=Settings)


def build_pipeline(options: CoderOptions) -> Language:
    """The spaCy model plus Communique's components, configured from `options`."""
    # Importing the stage packages registers their factories with spaCy.
    from . import actors, events  # noqa: F401

    nlp = load_language(options.model)
    nlp.add_pipe("communique_actors", config={"user_files": list(options.actor_files)})
    nlp.add_pipe("communique_events", config={"user_files": list(options.lexicon_files)})
    return nlp


def coder_version(nlp: Language) -> str:
    """Identifies the code and model that produced an event (stored with every coded document)."""
    from . import __version__

    return f"communique-{__version__}+{model_version(nlp)}"


class Coder:
    """A loaded pipeline that codes documents.

    Example:
        >>> coder = Coder()
        >>> [result] = coder.code([Document("d1", "China condemned Japan on Monday.")])
        >>> result.events[0].event
        'ACCUSE'
    """

    def __init__(self, options: CoderOptions | None = None, *, nlp: Language | None = None) -> None:
        self.options = options or CoderOptions(settings=load_settings())
        self.nlp = nlp or build_pipeline(self.options)
        self.version = coder_version(self.nlp)

    def code(self, documents: Iterable[Document]) -> Iterator[CodedDocument]:
        """Code documents in this process, in `nlp.pipe` batches; yields one result per document, in order."""
        batch_size = self.options.settings.batch_size
        iterator = iter(documents)
        while batch := list(islice(iterator, batch_size)):
            yield from self._code_batch(batch)

    def code_text(self, text: str, *, doc_id: str = "text", date=None) -> CodedDocument:
        """Code one text (convenience for the API and tests)."""
        return next(self.code([Document(doc_id=doc_id, text=text, date=date)]))

    def _make_doc(self, document: Document) -> Doc:
        limit = self.options.settings.max_chars
        if len(document.text) > limit:
            raise CommuniqueError(f"{document.doc_id}: text has {len(document.text)} characters; the limit is {limit}")
        doc = self.nlp.make_doc(document.text)
        doc._.cq_doc_id = document.doc_id
        doc._.cq_pub_date = document.date
        return doc

    def _code_batch(self, batch: Sequence[Document]) -> Iterator[CodedDocument]:
        try:
            docs = [self._make_doc(document) for document in batch]
            parsed = list(self.nlp.pipe(docs, batch_size=len(docs)))
        except Exception as err:  # one bad document: redo the batch one by one to isolate it
            if len(batch) > 1:
                for document in batch:
                    yield from self._code_batch([document])
                return
            yield self._failed(batch[0], err)
            return
        for document, doc in zip(batch, parsed):
            yield collect_results(document, doc)

    @staticmethod
    def _failed(document: Document, err: Exception) -> CodedDocument:
        message = str(err) if isinstance(err, CommuniqueError) else f"{document.doc_id}: {type(err).__name__}: {err}"
        LOGGER.warning("could not code %s: %s", document.doc_id, message)
        return CodedDocument(document=document, error=message)


def collect_results(document: Document, doc: Doc) -> CodedDocument:
    """Gather what the components wrote on the Doc into plain records."""
    events = list(doc._.cq_events or [])
    for event in events:
        event.assign_id()
    events.sort(key=lambda e: (-e.confidence, e.text_info.start))
    return CodedDocument(
        document=document,
        events=events,
        quotes=list(doc._.cq_quotes or []),
        statements=sorted(doc._.cq_statements or [], key=lambda e: (-e.confidence, e.text_info.start)),
        n_sentences=sum(1 for _ in doc.sents),
    )


# --- several processes ------------------------------------------------------------------------------
# Each worker process builds its own Coder once (pool initializer) and codes chunks of documents.
_WORKER_CODER: Coder | None = None


def _init_worker(options: CoderOptions) -> None:
    global _WORKER_CODER
    _WORKER_CODER = Coder(options)


def _code_chunk(chunk: list[Document]) -> list[CodedDocument]:
    assert _WORKER_CODER is not None
    return list(_WORKER_CODER.code(chunk))


def _chunks(documents: Iterable[Document], size: int) -> Iterator[list[Document]]:
    iterator = iter(documents)
    while chunk := list(islice(iterator, size)):
        yield chunk


def code_documents(
    documents: Iterable[Document],
    *,
    options: CoderOptions | None = None,
    workers: int | None = None,
    coder: Coder | None = None,
) -> Iterator[CodedDocument]:
    """Code documents with `workers` processes (1: in this process); results come in input order.

    Args:
        documents (Iterable[Document]): the documents, read lazily.
        options (CoderOptions): model, user files and settings; defaults to the user's settings.
        workers (int): processes; defaults to the settings' `workers`.
        coder (Coder): an already loaded coder to use when workers == 1.
    """
    options = options or (coder.options if coder else CoderOptions(settings=load_settings()))
    workers = workers or options.settings.workers
    if workers <= 1:
        yield from (coder or Coder(options)).code(documents)
        return
    context = multiprocessing.get_context("spawn")
    with context.Pool(workers, initializer=_init_worker, initargs=(options,)) as pool:
        for results in pool.imap(_code_chunk, _chunks(documents, options.settings.chunk_size)):
            yield from results

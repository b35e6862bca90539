"""Ingesting reports: files -> documents -> facts -> warehouse (`s301 ingest`), or facts alone
(`s301 extract`).

For each file: read (warehouse.read) -> detect (warehouse.detect) -> extract
(warehouse.extract.extract_facts) -> store. Everything about a document is prepared in memory
first; the document row and its evidence rows are then written in one transaction. For speed,
prepared documents are written in batches (one transaction per batch); if a batch fails, each of
its documents is retried in a transaction of its own, so one bad document never leaves partial
rows and never takes other documents down with it.

Identity and duplicates
- doc_id = first 16 hex digits of the sha256 of the stored text: re-ingesting the same content
  adds nothing ("unchanged").
- Near-identical documents (the same cable sent twice, re-posted transmissions) are found by
  sentence-level containment (both ways >= NEAR_DUP_THRESHOLD of the text, length-weighted), but
  only among documents of the same kind, country and review year (dedup_group): an NTE chapter that
  repeats most of last year's text is still this year's report. They are stored with
  `duplicate_of` = the doc_id of the original; their evidence is NOT stored, so that a fact is
  never counted twice downstream.

NTE chapter packages (warehouse/nte.py: a .csv/.csv.gz file with the columns year, country, text)
give one document per row; rows stored with no country are reported as warnings.
"""
from __future__ import annotations

import datetime as dt
import errno
import hashlib
import json
import multiprocessing as mp
import os
import signal
import threading
import uuid
from collections import defaultdict
from dataclasses import dataclass, field, replace
from functools import partial
from itertools import chain, compress
from pathlib import Path
from stat import S_ISDIR
from typing import Callable, Iterable, Iterator

import numpy as np

from . import fingerprint, nte
from .db import interrupted, sql, transaction
from .detect import Detection, detect, stated_fields
from .errors import DocumentError, printable, shown
from .extract import DocContext, extract_facts
from .vocab import NTE_CHAPTER
from .read import READABLE_EXTENSIONS, Document, read_file

NEAR_DUP_THRESHOLD = 0.8
MIN_SENTENCE_CHARS = 25
BATCH_DOCS = 1024
BATCH_CHARS = 16_000_000
EXTRACT_COLUMNS = ["path", "doc_id", "refid", "country_iso3", "report_date", "review_year", "kind",
                   "feature", "value", "qualifier", "ref_year", "sentence", "char_start", "char_end"]


# ---------------------------------------------------------------- files

def iter_files(paths: Iterable[str | Path], *, follow_links: bool = False,
               on_note: Callable[[str], None] | None = None) -> Iterator[tuple[Path, str | None]]:
    """(file, None) for every readable file under the given paths (folders recursively, sorted);
    (path, reason) for a path that does not exist or cannot be opened, and for each folder (the
    named one or one inside it) that cannot be read. Hidden files and unknown extensions inside
    folders are skipped; a file named explicitly is always tried.

    Symbolic links inside a folder are followed only when their target lies inside the folder that
    was named (a link out of it, such as `DIR/os.txt -> /etc/os-release`, could expose any file the
    user can read): a link out of it is skipped with a note, given to `on_note(reason)` (without
    `on_note` it is listed as (link, reason), so no caller loses it silently). `follow_links=True`
    follows every link, to files and to folders (each real folder once). A link named explicitly is
    the user's choice and always followed."""
    for p in paths:
        p = Path(p)
        try:
            st = os.stat(p)
        except OSError as exc:
            if exc.errno in (errno.ENOENT, errno.ENOTDIR):
                yield p, ("broken symbolic link" if os.path.islink(p) else "no such file or folder")
            else:
                yield p, f"cannot open ({exc.strerror or type(exc).__name__})"
            continue
        if not S_ISDIR(st.st_mode):
            yield p, None
            continue
        walk = _Walk(str(p), follow_links)
        for parts in sorted(walk.files(str(p), ())):
            yield Path(os.path.join(p, *parts)), None
        for parts, reason, note in walk.problems:
            where = Path(os.path.join(p, *parts)) if parts else p
            if note and on_note is not None:
                on_note(f"{shown(where)}: {reason}")
            else:
                yield where, reason


class _Walk:
    """One named folder's walk: the root's real path (links are judged against it), whether links
    out of it are followed, the real folders already walked (no loops), and the problems met
    (relative parts, reason, whether it is a note rather than an error)."""

    def __init__(self, folder: str, follow_links: bool):
        self.root = os.path.realpath(folder)
        self.named = folder
        self.follow = follow_links
        self.visited = {self.root}
        self.problems: list[tuple[tuple, str, bool]] = []

    def inside(self, real: str) -> bool:
        return real == self.root or real.startswith(self.root.rstrip(os.sep) + os.sep)

    def files(self, folder: str, rel: tuple) -> Iterator[tuple]:
        """Relative path parts of the readable files under folder, in any order: what
        Path.rglob("*") with the hidden, suffix and README filters gave, with one os.scandir per
        folder instead of Path objects, stat calls and relative_to per entry (sorting the parts
        tuples gives rglob's sorted-Path order). A folder that cannot be read is a problem."""
        try:
            with os.scandir(folder) as it:
                entries = list(it)
        except OSError as exc:
            self.problems.append((rel, f"cannot read folder ({exc.strerror or type(exc).__name__})", False))
            return
        for e in entries:
            name = e.name
            if name[0] == ".":
                continue
            try:
                if e.is_symlink():
                    yield from self.link(e, rel + (name,))
                elif e.is_dir(follow_symlinks=False):
                    yield from self.files(e.path, rel + (name,))
                elif e.is_file() and _wanted(name, e.path):
                    yield rel + (name,)
            except OSError as exc:   # an entry that cannot even be looked at (a stat refused)
                self.problems.append((rel + (name,), f"cannot open ({exc.strerror or type(exc).__name__})", False))

    def link(self, e: os.DirEntry, parts: tuple) -> Iterator[tuple]:
        """A symbolic link inside the walk: followed when its target is inside the named folder
        (files only, as rglob did: the folders it links to are walked anyway) or when links are to
        be followed; a link out of the folder is a note."""
        real = os.path.realpath(e.path)
        try:
            is_dir = e.is_dir()     # follows the link
        except OSError:
            is_dir = False
        if not is_dir and not (e.name.lower() != "readme.md" and _suffix_wanted(e.name)):
            return                  # a file the walk would skip anyway
        if not self.follow and not self.inside(real):
            kind = "folder" if is_dir else "file"
            self.problems.append((parts, f"symbolic link to a {kind} outside {shown(self.named)} "
                                         f"({shown(real)}): not followed (--follow-links follows it)", True))
            return
        if is_dir:
            if self.follow and real not in self.visited:
                self.visited.add(real)
                yield from self.files(e.path, parts)
            return
        if e.is_file() and _wanted(e.name, e.path):
            yield parts


def _suffix_wanted(name: str) -> bool:
    i = name.rfind(".")
    suffix = name[i:].lower() if 0 < i < len(name) - 1 else ""     # Path.suffix
    return suffix in READABLE_EXTENSIONS or suffix in (".csv", ".gz")


def _wanted(name: str, path: str) -> bool:
    """A file inside a folder that is read: a known extension (not README.md), or an NTE chapter
    package (other CSV files are skipped)."""
    if name.lower() == "readme.md":
        return False
    i = name.rfind(".")
    suffix = name[i:].lower() if 0 < i < len(name) - 1 else ""     # Path.suffix
    if suffix in READABLE_EXTENSIONS:
        return True
    return suffix in (".csv", ".gz") and nte.is_package(path)


# ---------------------------------------------------------------- preparing documents

@dataclass
class Prepared:
    """One document, read, detected and extracted, ready to store."""
    path: str
    doc: Document
    det: Detection
    doc_id: str
    sha256: str
    facts: list = field(default_factory=list)
    duplicate_of: str | None = None
    warnings: list = field(default_factory=list)   # reported, not fatal (an NTE row with no country)


def extract(text: str, det: Detection) -> list:
    """Facts from the extractors (warehouse.extract) for a document of this detection."""
    ctx = DocContext(country_iso3=det.country_iso3, report_date=det.report_date,
                     review_year=det.review_year, kind=det.kind)
    return list(extract_facts(text, ctx))


def prepare_file(path: Path, known: set[str] | frozenset = frozenset(), *, country: str | None = None,
                 review_year: int | None = None) -> list[Prepared]:
    """Read, detect and extract every document of one file; DocumentError when it cannot be read.
    Documents whose doc_id (or extraction_key) is in `known` (already stored) are not extracted
    again. An NTE chapter package (nte.is_csv_name) gives one document per row.

    `country` (a name, alias or ISO3 code) and `review_year` state what the caller knows of a
    report: they replace what detection found, before extraction (S301Error for a country the
    index does not know; DocumentError for a package, whose rows carry their own)."""
    stated = stated_fields(country, review_year)
    if nte.is_csv_name(str(path)):
        if stated:
            raise DocumentError(f"{path}: an NTE chapter package states each row's country and year; "
                                f"a stated country or year applies to single reports only")
        return prepare_package(path, known)
    out = []
    for doc in read_file(path):
        det = detect(doc.text, doc.meta, doc.title)
        if stated:
            det = replace(det, **stated)
        out.append(_prepare(shown(path), doc, det, known))
    return out


def prepare_package(path: Path, known: set[str] | frozenset = frozenset()) -> list[Prepared]:
    """One prepared document per chapter of an NTE chapter package (warehouse/nte.py); its path is
    `FILE#row=N`. A row stored with no country carries its warning."""
    chapters, warnings = nte.read_package(path)
    n = len(chapters)
    out = []
    for i, ch in enumerate(chapters):
        doc = Document(source=str(path), text=ch.text, fmt="csv", part=i + 1, parts=n, title=ch.title,
                       meta={"row": ch.row, "label": ch.label})
        det = Detection(kind=NTE_CHAPTER, refid=None, country_iso3=ch.country_iso3,
                        report_date=nte.report_date(ch.year), review_year=ch.year, title=ch.title,
                        country_source=ch.country_source)
        p = _prepare(f"{shown(path)}#row={ch.row}", doc, det, known)
        if ch.warning:
            p.warnings.append(ch.warning)
        out.append(p)
    own = {ch.warning for ch in chapters}
    out[0].warnings[:0] = [w for w in warnings if w not in own]   # rows that were skipped
    return out


def extraction_key(doc_id: str, kind: str | None, country_iso3: str | None, review_year: int | None,
                   report_date: dt.date | None) -> str:
    """A document's identity together with what its facts are extracted under besides its text
    (extract's DocContext). In a `known` set (prepare_file) such a key means "stored, with facts
    extracted under this context": a document read otherwise is extracted again; a bare doc_id
    means "stored", however it was read."""
    return f"{doc_id}|{kind}|{country_iso3}|{review_year}|{report_date}"


def _prepare(path: str, doc: Document, det: Detection, known: set[str] | frozenset) -> Prepared:
    """One document's Prepared: identity, and its facts unless it is already stored (its doc_id in
    `known`, or its extraction_key)."""
    sha = hashlib.sha256(doc.text.encode("utf-8")).hexdigest()
    if known and (sha[:16] in known or extraction_key(sha[:16], det.kind, det.country_iso3, det.review_year,
                                                      det.report_date) in known):
        return Prepared(path=path, doc=doc, det=det, doc_id=sha[:16], sha256=sha)
    return Prepared(path=path, doc=doc, det=det, doc_id=sha[:16], sha256=sha,
                    facts=extracted_facts(path, doc.text, det))


def extracted_facts(path: str, text: str, det: Detection) -> list:
    """The valid facts of one document (extract, then valid_facts); DocumentError naming `path`
    when an extractor fails (an extractor bug must not kill the run: this document fails)."""
    try:
        facts = extract(text, det)
    except DocumentError:
        raise
    except Exception as exc:
        raise DocumentError(f"{path}: extraction failed ({type(exc).__name__}: {exc})") from None
    return valid_facts(facts, text)


def valid_facts(facts: list, text: str) -> list:
    """Facts whose span lies inside the text (others are dropped); an empty sentence is filled in."""
    good = []
    n = len(text)
    for f in facts:
        if not getattr(f, "feature", None):
            continue
        start, end = int(f.char_start), int(f.char_end)
        if not (0 <= start <= end <= n):
            continue
        good.append(f)
    return good


# ---------------------------------------------------------------- near-duplicates

def sentence_keys(text: str) -> dict[int, int]:
    """hash(lower-cased sentence) -> its length, for sentences long enough to mean something.
    The text is already cleaned (whitespace collapsed), so plain splitting is enough: sentences
    end at a newline or at ". ". Turning each newline into ". " gives the same pieces in the same
    order (the two separators cannot overlap), so one split suffices; filtering and hashing run in
    C (compress/map), with no Python-level loop."""
    pieces = text.lower().replace("\n", ". ").split(". ")
    long = list(compress(pieces, map(_LONG_ENOUGH, map(len, pieces))))
    return dict(zip(map(hash, long), map(len, long)))


_LONG_ENOUGH = MIN_SENTENCE_CHARS.__le__
"""n -> MIN_SENTENCE_CHARS <= n, as a C callable."""


def dedup_group(det: Detection) -> tuple:
    """(kind, country, review year): a document is only taken as a near-duplicate of one of the
    same group. NTE chapters of consecutive years repeat most of last year's text, yet each is its
    own year's report; the transmissions of one cable share all three."""
    return (det.kind, det.country_iso3, det.review_year)


class NearDupIndex:
    """Inverted index sentence -> documents, to find a stored document nearly identical to a new one.

    A sentence shared by more than MAX_POSTINGS documents is boilerplate ("This cable was cleared
    by USTR."): its list stops growing, so lookups stay linear in the size of the new document
    instead of growing with the warehouse. Near-duplicates share their rare sentences too, so this
    costs no recall in practice (and at worst slightly lowers the score of an old original)."""

    MAX_POSTINGS = 8

    def __init__(self) -> None:
        self.postings: dict[int, str | list[str]] = {}
        self.sizes: dict[str, int] = {}

    def add(self, doc_id: str, keys: dict[int, int], seen: set[int] | None = None) -> None:
        """Index an original; `seen` = its keys already in the index (computed when not given)."""
        self.sizes[doc_id] = sum(keys.values())
        postings, cap = self.postings, self.MAX_POSTINGS
        if seen is None:
            seen = keys.keys() & postings.keys()
        for k in seen:
            v = postings[k]
            if v.__class__ is str:
                postings[k] = [v, doc_id]
            elif len(v) < cap:
                v.append(doc_id)
        if len(seen) < len(keys):     # most sentences occur in one document: no list
            postings.update(dict.fromkeys(keys.keys() - seen if seen else keys, doc_id))

    def find(self, keys: dict[int, int], seen: set[int] | None = None) -> str | None:
        """The doc_id of the best stored original that the new document nearly duplicates."""
        total = sum(keys.values())
        if total == 0:
            return None
        postings = self.postings
        if seen is None:
            seen = keys.keys() & postings.keys()
        # No document can share more than the sentences found in the index at all: when those
        # weigh less than the threshold, no score can reach it (the common case, decided in C).
        if not seen or sum(map(keys.__getitem__, seen)) / total < NEAR_DUP_THRESHOLD:
            return None
        shared: dict[str, int] = defaultdict(int)
        for k, length in keys.items():
            v = postings.get(k)
            if v is None:
                continue
            if v.__class__ is str:
                shared[v] += length
            else:
                for d in v:
                    shared[d] += length
        best, best_score = None, 0.0
        for d, common in shared.items():
            score = min(common / total, common / max(self.sizes[d], 1))
            if score >= NEAR_DUP_THRESHOLD and score > best_score:
                best, best_score = d, score
        return best

    def find_or_add(self, doc_id: str, keys: dict[int, int]) -> str | None:
        """find(); when there is no original, add() the document as one (one index lookup)."""
        seen = keys.keys() & self.postings.keys()
        original = self.find(keys, seen)
        if original is None:
            self.add(doc_id, keys, seen)
        return original


# ---------------------------------------------------------------- storing

def _column(values) -> np.ndarray:
    """A NumPy object array of the values as they are (DuckDB scans it without pandas or Arrow:
    no per-value conversion in Python)."""
    col = np.empty(len(values), dtype=object)
    col[:] = values
    return col


DOCUMENT_COLUMNS = ("doc_id", "path", "sha256", "kind", "refid", "country_iso3", "report_date",
                    "review_year", "title", "text", "duplicate_of")
"""The documents columns of batch_documents (ingested_at is a parameter of the insert)."""


def _doc_table(batch: list[Prepared], texts: bool = True) -> dict:
    """batch_documents: one object column per DOCUMENT_COLUMNS name (texts empty when not `texts`)."""
    dets = [p.det for p in batch]
    cols = ([p.doc_id for p in batch], [p.path for p in batch], [p.sha256 for p in batch],
            [d.kind for d in dets], [d.refid for d in dets], [d.country_iso3 for d in dets],
            [d.report_date for d in dets], [d.review_year for d in dets], [d.title for d in dets],
            [p.doc.text for p in batch] if texts else [""] * len(batch), [p.duplicate_of for p in batch])
    return {name: _column(col) for name, col in zip(DOCUMENT_COLUMNS, cols)}


def evidence_rows(p: Prepared) -> list[tuple]:
    """One EVIDENCE_COLUMNS tuple for each fact of an original document (none for a duplicate); the
    qualifier is kept as written and its parts are typed into columns of their own."""
    if p.duplicate_of:
        return []
    rows = []
    for f in p.facts:
        sentence = f.sentence or p.doc.text[f.char_start:f.char_end]
        q = f.qualifiers
        rows.append((p.doc_id, f.feature, f.value_num, str(f.value), f.qualifier or None, f.unit or q.get("unit"),
                     f.ref_year, sentence, int(f.char_start), int(f.char_end), f.extractor or "unknown",
                     float(f.confidence) if f.confidence is not None else None,
                     *(q.get(k) or None for k in TYPED_QUALIFIERS)))
    return rows


TYPED_QUALIFIERS = ("status", "sector", "currency", "scope", "action", "country")
"""The qualifier parts stored as columns (the last as about_country)."""
EVIDENCE_COLUMNS = ("doc_id", "feature", "value_num", "value_text", "qualifier", "unit", "ref_year",
                    "sentence", "char_start", "char_end", "extractor", "confidence",
                    "status", "sector", "currency", "scope", "action", "about_country")
"""The evidence table's columns, in evidence_rows' order."""


def _evidence_table(rows: list[tuple]) -> dict | list[list]:
    """batch_evidence (one object column per EVIDENCE_COLUMNS name); or, when a number is NaN
    (which NumPy columns would store as NULL), one plain list per column for
    ingest_insert_evidence_lists."""
    cols = list(zip(*rows))
    if any(v != v for v in chain(cols[2], cols[11])):     # only NaN differs from itself
        return [list(col) for col in cols]
    return {name: _column(col) for name, col in zip(EVIDENCE_COLUMNS, cols)}


def write_documents(con, batch: list[Prepared], *, texts: bool = True) -> None:
    """Insert the documents and their evidence (no transaction handling here). `texts=False`
    stores each document with an empty text (a scratch warehouse: no view reads it)."""
    now = dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)
    _insert_registered(con, "batch_documents", _doc_table(batch, texts), sql("ingest_insert_documents"), [now])
    write_evidence(con, batch, now)


def write_evidence(con, batch: list[Prepared], now: dt.datetime | None = None) -> None:
    """Insert the evidence of these documents and stamp each original with the extractor fingerprint
    (warehouse.fingerprint) its facts were found under (no transaction handling here)."""
    now = now or dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)
    originals = [p.doc_id for p in batch if not p.duplicate_of]
    if originals:
        con.execute(sql("ingest_insert_stamps"), {"ids": originals, "at": now,
                                                  "fingerprint": fingerprint.extractor_fingerprint()})
    rows = [r for p in batch for r in evidence_rows(p)]
    if not rows:
        return
    ev = _evidence_table(rows)
    if isinstance(ev, list):
        con.execute(sql("ingest_insert_evidence_lists"), ev)
        return
    _insert_registered(con, "batch_evidence", ev, sql("ingest_insert_evidence"))


def replace_evidence(con, batch: list[Prepared]) -> None:
    """The stored evidence of these stored originals deleted and their facts written instead, with
    their stamps (write_evidence; no transaction handling here)."""
    con.execute(sql("reextract_delete_evidence"), {"ids": [p.doc_id for p in batch]})
    write_evidence(con, batch)


def _insert_registered(con, name: str, table: dict, query: str, params: list | None = None) -> None:
    """Run an insert that reads `table` registered as `name`. When the insert fails, the failure is
    what is raised: unregistering inside the now aborted transaction would fail too ("Current
    transaction is aborted") and hide the real cause (the registration is replaced by the next one)."""
    con.register(name, table)
    try:
        con.execute(query, params) if params is not None else con.execute(query)
    except BaseException:
        try:
            con.unregister(name)
        except Exception:
            pass
        raise
    con.unregister(name)


class Store:
    """Writes prepared documents to the warehouse: batched, all-or-nothing per document."""

    def __init__(self, con):
        self.con = con
        self.existing = {r[0] for r in con.execute(sql("ingest_existing_ids")).fetchall()}
        self.pending: list[Prepared] = []
        self.pending_chars = 0
        self._indexes: dict[tuple, NearDupIndex] = {}
        self._stored_groups: set[tuple] | None = None
        self.failures: list[tuple[Prepared, str]] = []

    def index(self, group: tuple) -> NearDupIndex:
        """The near-duplicate index of one dedup_group, built lazily from its stored originals."""
        idx = self._indexes.get(group)
        if idx is None:
            if self._stored_groups is None:
                self._stored_groups = {tuple(r) for r in self.con.execute(sql("ingest_dedup_groups")).fetchall()}
            idx = self._indexes[group] = NearDupIndex()
            if group in self._stored_groups:
                for doc_id, text in self.con.execute(sql("ingest_dedup_texts"), list(group)).fetchall():
                    idx.add(doc_id, sentence_keys(text))
        return idx

    def add(self, p: Prepared) -> str:
        """Queue one document; returns 'unchanged', 'duplicate' or 'ingested'."""
        if p.doc_id in self.existing:
            return "unchanged"
        p.duplicate_of = self.index(dedup_group(p.det)).find_or_add(p.doc_id, sentence_keys(p.doc.text))
        self.existing.add(p.doc_id)
        self.pending.append(p)
        self.pending_chars += len(p.doc.text)
        if len(self.pending) >= BATCH_DOCS or self.pending_chars >= BATCH_CHARS:
            self.flush()
        return "duplicate" if p.duplicate_of else "ingested"

    def flush(self) -> list[tuple[Prepared, str]]:
        """Write what is queued; returns the documents that could not be stored, with the reason."""
        batch, self.pending, self.pending_chars = self.pending, [], 0
        if not batch:
            return []
        try:
            with transaction(self.con):
                write_documents(self.con, batch)
            return []
        except Exception as exc:
            if interrupted(exc):   # Ctrl-C during a query: rolled back, and the run stops
                raise KeyboardInterrupt from None
            # find the culprit: one transaction per document
        failed = []
        for p in batch:
            try:
                with transaction(self.con):
                    write_documents(self.con, [p])
            except Exception as exc:
                if interrupted(exc):
                    raise KeyboardInterrupt from None
                self.existing.discard(p.doc_id)
                reason = printable(str(exc).splitlines()[0] if str(exc) else type(exc).__name__)
                failed.append((p, f"{p.path}: cannot store document {p.doc_id} ({reason})"))
        self.failures.extend(failed)
        return failed


# ---------------------------------------------------------------- ingesting and extracting files

Progress = Callable[[int, int], None]
"""progress(done, total): called after each file."""
OnError = Callable[[str], None]
"""on_error(reason): called with the one-line reason of each file (or document) that failed."""


@dataclass
class FilesResult:
    """Files listed, and the ones (or their documents) that failed, each with its one-line reason."""
    files: int = 0
    failed: int = 0
    errors: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)   # links not followed (iter_files)

    def note(self, reason: str, on_note: OnError | None) -> None:
        self.notes.append(reason)
        if on_note is not None:
            on_note(reason)

    def fail(self, reason: str, on_error: OnError | None) -> None:
        self.failed += 1
        self.errors.append(reason)
        if on_error is not None:
            on_error(reason)


@dataclass
class IngestResult(FilesResult):
    """What an ingest did: documents stored, near-duplicates, already stored, failed; facts stored."""
    ingested: int = 0
    duplicate: int = 0
    unchanged: int = 0
    facts: int = 0
    warnings: list[str] = field(default_factory=list)


@dataclass
class ExtractResult(FilesResult):
    """What an extraction read: documents (each distinct text once), facts, files that failed."""
    documents: int = 0
    facts: int = 0


def _prepare_safe(item: tuple[Path, str | None], known: set[str] | frozenset = frozenset(), *,
                  country: str | None = None,
                  review_year: int | None = None) -> tuple[Path, list[Prepared] | None, str | None]:
    """prepare_file for one listed file, with any failure turned into a one-line reason."""
    path, missing = item
    if missing:
        return path, None, f"{shown(path)}: {missing}"
    try:
        return path, prepare_file(path, known, country=country, review_year=review_year), None
    except DocumentError as exc:
        return path, None, printable(str(exc))
    except RecursionError:   # a pathological structure (deep nesting) in some library
        return path, None, f"{shown(path)}: too deeply nested to read (recursion limit)"
    except MemoryError:
        return path, None, f"{shown(path)}: out of memory reading it"
    except Exception as exc:  # never a traceback for one bad file
        return path, None, printable(f"{shown(path)}: unexpected error ({type(exc).__name__}: {exc})")


def _ignore_interrupt() -> None:
    """Pool worker initializer: Ctrl-C (SIGINT to the whole process group) is the main process's to
    handle; a worker that took it would print a traceback and leave the pool half dead."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def make_pool(jobs: int):
    """Worker processes for reading + extraction (None for jobs <= 1). Create it before opening
    DuckDB: the workers are forked and never touch the warehouse. The workers ignore SIGINT (from
    their very start: it is ignored while they are forked); the main process stops them with
    close_pool. Close it with close_pool, also when interrupted."""
    if jobs <= 1:
        return None
    method = "fork" if "fork" in mp.get_all_start_methods() else "spawn"
    main_thread = threading.current_thread() is threading.main_thread()
    old = signal.signal(signal.SIGINT, signal.SIG_IGN) if main_thread else None
    try:
        return mp.get_context(method).Pool(jobs, initializer=_ignore_interrupt)
    finally:
        if main_thread:
            signal.signal(signal.SIGINT, old)


def close_pool(pool, timeout: float = 15.0) -> None:
    """Stop a make_pool pool, whatever its workers are doing (also after Ctrl-C); safe with None and
    more than once. Pool.terminate() ends the idle workers through the task queue and the busy ones
    with SIGTERM; it runs in a helper thread, and should it not be done within `timeout` seconds
    (a worker stuck beyond SIGTERM), the workers are killed and the process goes on, so that an
    interrupted run can never hang on its pool."""
    if pool is None:
        return
    workers = list(getattr(pool, "_pool", None) or [])
    done = threading.Event()

    def stop() -> None:
        try:
            pool.terminate()
        except Exception:
            pass
        finally:
            done.set()
    threading.Thread(target=stop, name="s301-pool-close", daemon=True).start()
    if not done.wait(timeout):
        for w in workers + list(getattr(pool, "_pool", None) or []):
            try:
                w.kill()
            except (OSError, ValueError, AttributeError):
                pass


def prepared_files(files: list[tuple[Path, str | None]], pool=None,
                   known: set[str] | frozenset = frozenset(), *, country: str | None = None,
                   review_year: int | None = None, known_in_workers: bool = False):
    """(path, documents or None, error or None) for every file, in order; in worker processes when
    a pool is given (the warehouse writes stay in this process). Documents already stored (`known`
    doc_ids) skip extraction: in-process always, in the workers when `known_in_workers` (the set
    then travels with every chunk of files; ingest's set grows as it stores, so it stays here).
    `country` and `review_year` are stated for every file (prepare_file)."""
    if pool is None:
        return (_prepare_safe(item, known, country=country, review_year=review_year) for item in files)
    work = partial(_prepare_safe, known=known if known_in_workers else frozenset(), country=country,
                   review_year=review_year)
    # chunks of up to 16 files: fewer round trips on big runs, still 4 for small ones (balance)
    return pool.imap(work, files, chunksize=max(4, min(16, len(files) // 64)))


def _readable(files: list[tuple[Path, str | None]], res: FilesResult, pool, known, progress: Progress | None,
              on_error: OnError | None, stated: dict) -> Iterator[list[Prepared]]:
    """The documents of each file that could be read, in order; a file that could not is counted
    as failed in `res`; progress(done, total) after each file. `stated`: country/review_year."""
    for done, (_, prepared, error) in enumerate(prepared_files(files, pool, known, **stated), 1):
        if progress is not None:
            progress(done, len(files))
        if error is None:
            yield prepared
        else:
            res.fail(error, on_error)


def _start(result_type, paths, on_note: OnError | None, follow_links: bool, country: str | None,
           review_year: int | None) -> tuple:
    """What ingest_paths and extract_paths begin with: the stated fields checked (an S301Error
    before any file is read), the files listed (links not followed are notes of the result).
    Returns (result, files, stated)."""
    stated_fields(country, review_year)
    stated = {"country": country, "review_year": review_year}
    notes: list[str] = []
    files = list(iter_files(paths, follow_links=follow_links, on_note=notes.append))
    res = result_type(files=len(files))
    for n in notes:
        res.note(n, on_note)
    return res, files, stated


def ingest_paths(con, paths: Iterable[str | Path], *, pool=None, progress: Progress | None = None,
                 on_error: OnError | None = None, on_warning: OnError | None = None,
                 on_note: OnError | None = None, follow_links: bool = False,
                 country: str | None = None, review_year: int | None = None) -> IngestResult:
    """Ingest files/folders into an open warehouse connection; a file that fails is counted, its
    reason kept in `errors` (and given to `on_error`), and the others are still ingested. Warnings
    (a stored document with something the user should know, e.g. an NTE row with no country) are
    kept in `warnings` and given to `on_warning`. Symbolic links out of a named folder are not
    followed unless `follow_links` (iter_files): each is a note (`notes`, `on_note`). `country`
    (name, alias or ISO3) and `review_year` state what the caller knows of every report
    (prepare_file); a country the index does not know or a year that is none is an S301Error
    before any file is read."""
    res, files, stated = _start(IngestResult, paths, on_note, follow_links, country, review_year)
    store = Store(con)

    def settle(failures: list[tuple[Prepared, str]]) -> None:
        for p, reason in failures:
            if p.duplicate_of:
                res.duplicate -= 1
            else:
                res.ingested -= 1
                res.facts -= len(p.facts)
            res.fail(reason, on_error)

    for prepared in _readable(files, res, pool, store.existing, progress, on_error, stated):
        for p in prepared:
            for w in p.warnings:
                res.warnings.append(w)
                if on_warning is not None:
                    on_warning(w)
            before = len(store.failures)
            outcome = store.add(p)
            if outcome == "unchanged":
                res.unchanged += 1
            elif outcome == "duplicate":
                res.duplicate += 1
            else:
                res.ingested += 1
                res.facts += len(p.facts)
            settle(store.failures[before:])
    before = len(store.failures)
    store.flush()
    settle(store.failures[before:])
    return res


def record_run(con, started: dt.datetime, res: IngestResult, paths: list[str]) -> None:
    """One row in `runs` for an ingest: when, which paths, and what it did."""
    write_run(con, "ingest", started, {"paths": paths, "ingested": res.ingested, "duplicate": res.duplicate,
                                       "unchanged": res.unchanged, "failed": res.failed, "facts": res.facts})


def write_run(con, command: str, started: dt.datetime, detail: dict) -> None:
    """One row in `runs`: the command, when it started and ended, what it did (`detail`, as JSON)."""
    now = dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)
    with transaction(con):
        con.execute(sql("ingest_record_run"), [uuid.uuid4().hex[:16], command, started, now, json.dumps(detail)])


def fact_rows(p: Prepared) -> Iterator[dict]:
    """One output row per fact, columns EXTRACT_COLUMNS."""
    d = p.det
    for f in p.facts:
        yield {"path": p.path, "doc_id": p.doc_id, "refid": d.refid or "", "country_iso3": d.country_iso3 or "",
               "report_date": d.report_date.isoformat() if d.report_date else "",
               "review_year": d.review_year if d.review_year is not None else "", "kind": d.kind,
               "feature": f.feature, "value": f.value, "qualifier": f.qualifier or "",
               "ref_year": f.ref_year if f.ref_year is not None else "",
               "sentence": f.sentence or p.doc.text[f.char_start:f.char_end],
               "char_start": f.char_start, "char_end": f.char_end}


def extract_paths(paths: Iterable[str | Path], write: Callable[[dict], None], *, pool=None,
                  progress: Progress | None = None, on_error: OnError | None = None,
                  on_note: OnError | None = None, follow_links: bool = False,
                  country: str | None = None, review_year: int | None = None) -> ExtractResult:
    """Facts of the files/folders without a warehouse: `write(row)` for each fact (fact_rows'
    columns), each distinct document once; a file that fails is counted and given to `on_error`;
    links not followed are notes (as in ingest_paths). `country` and `review_year` as for
    ingest_paths."""
    res, files, stated = _start(ExtractResult, paths, on_note, follow_links, country, review_year)
    seen: set[str] = set()
    for prepared in _readable(files, res, pool, frozenset(), progress, on_error, stated):
        for p in prepared:
            if p.doc_id in seen:
                continue
            seen.add(p.doc_id)
            res.documents += 1
            for row in fact_rows(p):
                res.facts += 1
                write(row)
    return res

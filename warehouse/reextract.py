"""Re-extracting stored documents (`s301 reextract`).

Every original document whose extraction stamp is not the current extractor fingerprint
(warehouse.fingerprint) is extracted again from its stored text and context (kind, country, review
year, report date), by the ingest path's own functions (ingest.extracted_facts, ingest.replace_evidence):
its evidence is replaced and it is stamped, all or nothing per document (a batch of documents per
transaction; a batch that fails is retried one document per transaction). An interrupted run or a
document whose extraction fails leaves those documents with their old facts, still stale.
Near-duplicates hold no facts and are left alone.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from . import fingerprint
from .db import interrupted, sql, transaction
from .detect import Detection
from .errors import DocumentError, printable
from .fingerprint import staleness
from .ingest import OnError, Prepared, Progress, extracted_facts, replace_evidence, write_run
from .read import Document

BATCH_DOCS = 128


@dataclass
class ReextractResult:
    """What a run did: documents re-extracted, already up to date, failed; facts now stored for them."""
    reextracted: int = 0
    up_to_date: int = 0
    failed: int = 0
    facts: int = 0
    errors: list[str] = field(default_factory=list)


def _extract_stored(item: tuple[str, str, str, Detection]) -> tuple[str, list | None, str | None]:
    """(doc_id, facts, None) or (doc_id, None, reason) for one stored document (run in a worker)."""
    doc_id, path, text, det = item
    try:
        return doc_id, extracted_facts(path, text, det), None
    except DocumentError as exc:
        return doc_id, None, printable(str(exc))
    except Exception as exc:   # never a traceback for one document
        return doc_id, None, printable(f"{path}: extraction failed ({type(exc).__name__}: {exc})")


def reextract(con, *, pool=None, progress: Progress | None = None, on_error: OnError | None = None) -> ReextractResult:
    """Extract again every stale original document of the open warehouse and replace its evidence
    (see the module's docstring); in the workers of `pool` (ingest.make_pool) when given.
    progress(done, total) after each batch; on_error(reason) for each document that failed."""
    started = dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)
    counts = staleness(con)
    stale = con.execute(sql("reextract_stale"), {"fingerprint": fingerprint.extractor_fingerprint()}).fetchall()
    res = ReextractResult(up_to_date=counts.originals - len(stale))
    for start in range(0, len(stale), BATCH_DOCS):
        rows = stale[start:start + BATCH_DOCS]
        texts = dict(con.execute(sql("reextract_texts"), {"ids": [r[0] for r in rows]}).fetchall())
        items = [(doc_id, path, texts[doc_id], Detection(kind=kind, refid=refid, country_iso3=iso3,
                                                         report_date=date, review_year=year, title=title))
                 for doc_id, path, kind, refid, iso3, date, year, title in rows]
        results = pool.imap(_extract_stored, items, chunksize=4) if pool is not None else map(_extract_stored, items)
        batch = []
        for item, (doc_id, facts, error) in zip(items, results):
            if error is not None:
                res.failed += 1
                res.errors.append(error)
                if on_error is not None:
                    on_error(error)
                continue
            _, path, text, det = item
            batch.append(Prepared(path=path, doc=Document(source=path, text=text, fmt="stored"), det=det,
                                  doc_id=doc_id, sha256="", facts=facts))
        _store(con, batch, res, on_error)
        if progress is not None:
            progress(start + len(rows), len(stale))
    if stale:
        _record_run(con, started, res)
    return res


def _store(con, batch: list[Prepared], res: ReextractResult, on_error: OnError | None) -> None:
    """Replace the evidence of a batch in one transaction; when that fails, one document per transaction."""
    if not batch:
        return
    try:
        with transaction(con):
            replace_evidence(con, batch)
        res.reextracted += len(batch)
        res.facts += sum(len(p.facts) for p in batch)
        return
    except Exception as exc:
        if interrupted(exc):
            raise KeyboardInterrupt from None
    for p in batch:
        try:
            with transaction(con):
                replace_evidence(con, [p])
        except Exception as exc:
            if interrupted(exc):
                raise KeyboardInterrupt from None
            reason = printable(f"{p.path}: cannot store the facts of document {p.doc_id} "
                               f"({str(exc).splitlines()[0] if str(exc) else type(exc).__name__})")
            res.failed += 1
            res.errors.append(reason)
            if on_error is not None:
                on_error(reason)
        else:
            res.reextracted += 1
            res.facts += len(p.facts)


def _record_run(con, started: dt.datetime, res: ReextractResult) -> None:
    """One row in `runs` for a run that had stale documents to do."""
    write_run(con, "reextract", started, {"fingerprint": fingerprint.extractor_fingerprint(),
                                          "reextracted": res.reextracted, "failed": res.failed,
                                          "up_to_date": res.up_to_date, "facts": res.facts})

"""The extractor fingerprint: a short hash of the code and data that decide a document's stored facts.

It covers every file of warehouse/extract/ (the rules: *.py, read as bytes), warehouse/countries.py
and warehouse/reference/countries.csv (the country names the rules find in text), warehouse/vocab.py
(the tiers the status rules use), and the source of the ingest functions between the rules and the
evidence table: ingest.extract, ingest.extracted_facts, ingest.valid_facts, ingest.evidence_rows and
TYPED_QUALIFIERS. It does not cover the Python, regex or pyahocorasick versions, nor what decides a
document's text and context (reading and detection: `s301 reextract` keeps those as stored).

Each original document's row in extraction_stamps records the fingerprint its facts were written
under; a document with none (a warehouse made before the stamps) or another one is stale.
"""
from __future__ import annotations

import ast
import hashlib
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from .db import sql

PACKAGE_DIR = Path(__file__).resolve().parent
FILES = ("countries.py", "vocab.py", "reference/countries.csv")
INGEST_NAMES = ("extract", "extracted_facts", "valid_facts", "evidence_rows", "TYPED_QUALIFIERS")


def fingerprint_sources() -> list[tuple[str, bytes]]:
    """(name, content) of everything the fingerprint covers, in a fixed order. The ingest functions
    are read from ingest.py's text (not the live objects, which a test may have replaced)."""
    paths = sorted(p for p in (PACKAGE_DIR / "extract").iterdir() if p.is_file() and p.suffix == ".py")
    out = [(f"extract/{p.name}", p.read_bytes()) for p in paths]
    out += [(name, (PACKAGE_DIR / name).read_bytes()) for name in FILES if (PACKAGE_DIR / name).exists()]
    source = (PACKAGE_DIR / "ingest.py").read_text(encoding="utf-8")
    for node in ast.parse(source).body:
        names = ([node.name] if isinstance(node, ast.FunctionDef)
                 else [t.id for t in node.targets if isinstance(t, ast.Name)] if isinstance(node, ast.Assign) else [])
        if any(n in INGEST_NAMES for n in names):
            out.append((f"ingest.{names[0]}", ast.get_source_segment(source, node).encode("utf-8")))
    return out


@lru_cache(maxsize=1)
def extractor_fingerprint() -> str:
    """12 hex digits of the sha256 of fingerprint_sources(), computed once per process."""
    h = hashlib.sha256()
    for name, content in fingerprint_sources():
        h.update(name.encode("utf-8") + b"\0" + str(len(content)).encode() + b"\0" + content)
    return h.hexdigest()[:12]


class Staleness(NamedTuple):
    """Original documents, those with no stamp, and those stamped by other extraction rules."""
    originals: int
    unstamped: int
    other_rules: int

    @property
    def stale(self) -> int:
        return self.unstamped + self.other_rules


def staleness(con) -> Staleness:
    """How many of the warehouse's original documents hold facts of other (or unknown) rules."""
    return Staleness(*con.execute(sql("status_stale"), {"fingerprint": extractor_fingerprint()}).fetchone())

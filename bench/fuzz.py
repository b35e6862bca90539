"""`make fuzz`: hostile input at scale. Generates malformed report files from real ones, runs the
real `s301 ingest`, `extract` and `score` on them, interrupts parallel ingests, measures memory,
and checks that nothing went wrong (issue 13). Writes the counts to results/fuzz.md.

Generated (each file one mutation of a real seed: the embedded sample cables and NTE chapters, the
shared corpus's cables as text and as cable-viewer HTML when ../shared is there, PDFs made from
them, NTE chapter packages): truncations, bit flips, junk spans, other encodings (UTF-16/32 with and
without marks, legacy code pages), mixed or wrong byte-order marks, deep nesting, pages of tiny
tags, binary junk, huge lines, NULs and control characters, mojibake, broken markup, damaged PDFs
(truncated, flipped, a text layer mapped to U+FFFD), damaged packages (gzip, header, rows, encoding),
odd file names (bytes that are not UTF-8, newlines, leading '-' or '=', 250-byte names), symbolic
links (out of the folder, loops, dangling), empty files and a FIFO.

Checked:
- tracebacks: none on stderr of any command; every stderr line is `s301 COMMAND: ...` (or the
  progress bar, off here); exit statuses 0/1 only;
- hangs: every file read in a worker process with a time limit (FILE_TIMEOUT); every command run
  with a time limit;
- garbage stored: a stored document whose text is more than 5% replacement characters, whose
  letters are mostly not Latin (every seed is English: text read in the wrong encoding), or whose
  words (3+ letters) are less than a quarter words of the seeds (noise that passed as text); those
  with a quarter to a half are reported as damaged (heavy bit flips), not as garbage;
- the warehouse: no evidence without its document, no evidence on a near-duplicate, doc_id and
  sha256 are those of the stored text, and each original document's evidence is exactly what
  extracting its stored text again gives (count and rows);
- interrupting `ingest --jobs 2` with SIGINT to the process group: exit 130, no traceback, no hang,
  the warehouse consistent (as above);
- peak memory (RSS) of `s301 extract` on a 24 MB page of tiny tags, this code and (when git can
  give it) the code before issue 13.
"""
from __future__ import annotations

import argparse
import collections
import csv
import datetime as dt
import gzip
import hashlib
import io
import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
REPO = Path(os.environ.get("S301_FUZZ_REPO", PROJECT))
"""The git checkout the code comes from (for its commit and the code before issue 13): the project,
or, when the fuzz runs from a snapshot of it (so that the checkout can change meanwhile), $S301_FUZZ_REPO."""
S301 = Path(sys.executable).with_name("s301")
FILE_TIMEOUT = 60          # seconds to read one file (prepare_file) before it counts as a hang
COMMAND_TIMEOUT = 3600     # seconds for one command over one batch folder
BATCH = 1000               # files per folder (one ingest/extract/score run each)
GARBAGE_WORDS = 0.25       # a stored text with fewer of its words words of the seeds is garbage
DAMAGED_WORDS = 0.5        # ... with fewer than this, damaged (counted, not garbage)
_WORD = re.compile(r"[A-Za-z]{3,}")


# ---------------------------------------------------------------- seeds

def make_pdf(lines: list[str]) -> bytes:
    """A one-page PDF showing the lines in Helvetica (as tests/test_read.py makes them)."""
    def esc(s: str) -> str:
        return s.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
    ops = ["BT", "/F1 9 Tf", "11 TL", "40 760 Td"] + [f"({esc(l)}) Tj T*" for l in lines] + ["ET"]
    stream = "\n".join(ops).encode("latin-1", "replace")
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
               b"/Resources << /Font << /F1 5 0 R >> >> >>",
               b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for num, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{num} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n".encode() + b"0000000000 65535 f \n"
    for off in offsets:
        out += f"{off:010d} 00000 n \n".encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def fffd_pdf(lines: list[str]) -> bytes:
    """A PDF whose font maps every glyph to U+FFFD (a damaged ToUnicode map): text layer of garbage."""
    pdf = make_pdf(lines)
    cmap = (b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /X def "
            b"1 begincodespacerange <00> <FF> endcodespacerange 1 beginbfrange <20> <7E> ["
            + b" ".join([b"<FFFD>"] * 95) + b"] endbfrange endcmap CMapName currentdict /CMap defineresource "
            b"pop end end")
    pdf = pdf.replace(b"/Encoding /WinAnsiEncoding >>", b"/Encoding /WinAnsiEncoding /ToUnicode 9 0 R >>")
    obj = b"9 0 obj\n<< /Length " + str(len(cmap)).encode() + b" >>\nstream\n" + cmap + b"\nendstream\nendobj\n"
    i = pdf.index(b"xref\n")
    return pdf[:i] + obj + pdf[i:]


def load_seeds(shared: Path | None) -> list[tuple[str, str, bytes]]:
    """(kind, name, bytes) of the real files the mutations start from: txt, html, pdf, csv."""
    seeds: list[tuple[str, str, bytes]] = []
    for p in sorted((PROJECT / "warehouse" / "samples").glob("*.txt")):
        seeds.append(("txt", p.name, p.read_bytes()))
    if shared is not None:
        for p in sorted((shared / "corpus" / "cables").glob("*.txt")):
            seeds.append(("txt", p.name, p.read_bytes()))
        for p in sorted((shared / "corpus" / "html").glob("*.htm*")):
            seeds.append(("html", p.name, p.read_bytes()))
    rows = _package_rows()
    for r in rows[:: max(1, len(rows) // 40)][:40]:
        text = f"{r['country']}: National Trade Estimate Report {r['year']}, Intellectual Property Rights\n\n{r['text']}"
        seeds.append(("txt", f"nte_{r['year']}_{r['country']}.txt", text.encode("utf-8")))
    texts = [s for s in seeds if s[0] == "txt"]
    for kind, name, data in texts[:: max(1, len(texts) // 12)]:
        lines = [l for l in data.decode("utf-8", "replace").splitlines() if l.strip()][:70]
        seeds.append(("pdf", Path(name).stem + ".pdf", make_pdf(lines)))
    for k in range(6):
        part = rows[k * 7:(k + 1) * 7]
        buf = io.StringIO()
        w = csv.DictWriter(buf, fieldnames=["year", "country", "text"])
        w.writeheader()
        for r in part:
            w.writerow({"year": r["year"], "country": r["country"], "text": r["text"]})
        seeds.append(("csv", f"nte_package_{k}.csv", buf.getvalue().encode("utf-8")))
    return seeds


def _package_rows() -> list[dict]:
    from warehouse.nte import EMBEDDED_PACKAGE
    with gzip.open(EMBEDDED_PACKAGE, "rt", encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def vocabulary(seeds) -> set[str]:
    """Every word (3+ letters, lower case) of the seeds, as text and as markup."""
    words: set[str] = set()
    for kind, _, data in seeds:
        if kind == "pdf":
            continue
        words.update(w.lower() for w in _WORD.findall(data.decode("utf-8", "replace")))
    return words


# ---------------------------------------------------------------- mutations

ENCODINGS = ["utf-16-le", "utf-16-be", "utf-16", "utf-32", "utf-32-le", "utf-32-be", "cp1252", "latin-1",
             "koi8-r", "shift_jis", "gb18030", "mac_roman", "cp437", "big5", "euc-kr", "cp1251"]
BOMS = {"utf8": b"\xef\xbb\xbf", "u16le": b"\xff\xfe", "u16be": b"\xfe\xff", "u32le": b"\xff\xfe\x00\x00",
        "u32be": b"\x00\x00\xfe\xff"}


def _text(data: bytes) -> str:
    return data.decode("utf-8", "replace")


def _flip(rng, data: bytes, k: int) -> bytes:
    b = bytearray(data)
    for _ in range(k):
        if b:
            i = rng.randrange(len(b))
            b[i] ^= 1 << rng.randrange(8)
    return bytes(b)


def mutate(rng: random.Random, kind: str, data: bytes) -> tuple[str, bytes, str]:
    """(mutation name, bytes, extension) of one malformed file made from a seed."""
    ext = {"txt": rng.choice([".txt", ".txt", "", ".text"]), "html": rng.choice([".html", ".htm"]),
           "pdf": ".pdf", "csv": ".csv"}[kind]
    if rng.random() < 0.05:       # a wrong extension now and then
        ext = rng.choice([".txt", ".html", ".pdf", "", ".htm"])
    if kind == "pdf":
        m = rng.choice(["truncate", "bitflip", "junk", "no_eof", "stream_junk", "fffd", "xref", "tiny", "ok"])
        if m == "truncate":
            return m, data[:rng.randrange(len(data))], ext
        if m == "bitflip":
            return m, _flip(rng, data, rng.choice([1, 8, 64, 512])), ext
        if m == "junk":
            i = rng.randrange(len(data))
            return m, data[:i] + os.urandom(rng.randrange(1, 2000)) + data[i + rng.randrange(0, 500):], ext
        if m == "no_eof":
            return m, data.replace(b"%%EOF", b""), ext
        if m == "stream_junk":
            s, e = data.index(b"stream\n") + 7, data.index(b"endstream")
            return m, data[:s] + os.urandom(e - s) + data[e:], ext
        if m == "fffd":
            lines = re.findall(rb"\((.*?)\) Tj", data)[:60]
            return m, fffd_pdf([l.decode("latin-1") for l in lines] or ["text"]), ext
        if m == "xref":
            i = data.rindex(b"xref")
            return m, data[:i] + b"xref\n0 999\n" + os.urandom(200) + data[i + 220:], ext
        if m == "tiny":
            return m, b"%PDF-1.4\n%%EOF\n", ext
        return m, data, ext
    if kind == "csv":
        m = rng.choice(["gz_truncate", "gz_ok", "header", "rows", "latin1", "huge_field", "binary", "bitflip",
                        "gz_bomb"])
        if m == "gz_truncate":
            g = gzip.compress(data)
            return m, g[:rng.randrange(10, len(g))], ".csv.gz"
        if m == "gz_ok":
            return m, gzip.compress(data), ".csv.gz"
        if m == "header":
            return m, data.replace(b"year,country,text", rng.choice([b"year,country", b"yr,country,text",
                                                                     b"year,country,text,extra"]), 1), ext
        if m == "rows":
            lines = data.split(b"\n")
            return m, b"\n".join(lines[:1] + [b'"2009","Nowhere","unterminated'] + lines[1:]), ext
        if m == "latin1":
            return m, _text(data).encode("latin-1", "replace") + b"\xe9\xff", ext
        if m == "huge_field":
            return m, data + b'2010,Peru,"' + b"x" * rng.randrange(100_000, 2_000_000) + b'"\n', ext
        if m == "binary":
            return m, b"year,country,text\n" + os.urandom(rng.randrange(100, 50_000)), ext
        if m == "gz_bomb":
            return m, gzip.compress(b"year,country,text\n" + b"0" * 60_000_000), ".csv.gz"
        return m, _flip(rng, data, rng.choice([1, 16, 256])), ext
    text = _text(data)
    m = rng.choice(["truncate", "bitflip", "junk", "encode", "bom_mix", "deep", "tiny_tags", "binary", "huge_line",
                    "nul", "controls", "mojibake", "broken_html", "empty", "repeat", "lang_mismatch", "ok"])
    if m == "truncate":
        return m, data[:rng.randrange(len(data) + 1)], ext
    if m == "bitflip":
        return m, _flip(rng, data, rng.choice([1, 4, 32, 256, 2048])), ext
    if m == "junk":
        i = rng.randrange(len(data) + 1)
        return m, data[:i] + os.urandom(rng.randrange(1, 5000)) + data[i:], ext
    if m == "encode":
        enc = rng.choice(ENCODINGS)
        return f"encode_{enc}", text.encode(enc, "replace"), ext
    if m == "bom_mix":
        bom = rng.choice(list(BOMS))
        body = rng.choice(["utf-8", "utf-16-le", "utf-16-be", "utf-32-le", "cp1252"])
        return f"bom_{bom}_{body}", BOMS[bom] + text.encode(body, "replace"), ext
    if m == "deep":
        depth = rng.choice([200, 255, 300, 1000, 3000])
        tag = rng.choice(["div", "span", "b", "section", "table"])
        paras = [p for p in text.split("\n\n") if p.strip()]
        inner = "".join(f"<{tag}><p>{_html_escape(p)}</p>" for p in paras)
        page = "<html><body>" + f"<{tag}>" * depth + inner + f"</{tag}>" * (depth + len(paras)) + "</body></html>"
        return f"deep_{depth}", page.encode("utf-8"), rng.choice([".html", ".htm"])
    if m == "tiny_tags":
        words = text.split()
        page = "<html><body>" + " ".join(f"<b>{_html_escape(w)}</b>" for w in words) + "</body></html>"
        return m, page.encode("utf-8"), ".html"
    if m == "binary":
        n = rng.choice([0, 1, 10, 1000, 50_000, 300_000])
        head = rng.choice([b"", b"\x89PNG\r\n\x1a\n", b"PK\x03\x04", b"\x1f\x8b\x08", b"\x7fELF", b"<html>"])
        return m, head + os.urandom(n), ext
    if m == "huge_line":
        words = text.split() or ["x"]
        n = rng.choice([200_000, 1_000_000, 4_000_000])
        line = " ".join(words[i % len(words)] for i in range(n // 6))[:n]
        if rng.random() < 0.3:
            line = rng.choice(["a", "-", ".", " ", "¶"]) * n
        return m, line.encode("utf-8"), ext
    if m == "nul":
        b = bytearray(data)
        for _ in range(rng.choice([1, 10, len(b) // 10 + 1])):
            b.insert(rng.randrange(len(b) + 1), 0)
        return m, bytes(b), ext
    if m == "controls":
        share = rng.choice([0.01, 0.05, 0.2, 0.5])
        chars = [c if rng.random() > share else chr(rng.choice([1, 2, 3, 7, 8, 11, 12, 27, 127, 0x85, 0x9b]))
                 for c in text]
        return f"controls_{share}", "".join(chars).encode("utf-8"), ext
    if m == "mojibake":
        t = text
        for _ in range(rng.choice([1, 2, 3])):
            t = t.encode("utf-8").decode("cp1252", "replace")
        return m, t.encode("utf-8"), ext
    if m == "broken_html":
        variant = rng.choice(["unclosed_comment", "unclosed_script", "stray_lt", "huge_attr", "no_gt", "cdata",
                              "nested_head"])
        body = _html_escape(text)
        page = {"unclosed_comment": f"<html><body><p>{body[:len(body) // 2]}<!-- {body[len(body) // 2:]}",
                "unclosed_script": f"<html><body><p>{body}</p><script>var x = '{body}'",
                "stray_lt": "<html><body>" + text.replace(" ", " < ", 200) + "</body>",
                "huge_attr": f"<html><body><p title=\"{'x' * 500_000}\">{body}</p></body></html>",
                "no_gt": f"<html><body><p {body}",
                "cdata": f"<html><body><![CDATA[{body}]]><p>{body}</p></body></html>",
                "nested_head": f"<html><head><head><title>{body[:100]}</title><body><p>{body}</p>"}[variant]
        return f"html_{variant}", page.encode("utf-8"), ".html"
    if m == "empty":
        return m, rng.choice([b"", b" ", b"\n\n\t  ", b"\xef\xbb\xbf", b"\xff\xfe"]), ext
    if m == "repeat":
        return m, data * rng.choice([2, 5, 20]), ext
    if m == "lang_mismatch":
        garbled = text.encode("utf-8")[: len(text) // 2 * 2].decode("utf-16-le", "replace")
        return m, f"<html lang=\"en\"><body><p>{_html_escape(garbled)}</p></body></html>".encode("utf-8"), ".html"
    return m, data, ext


def _html_escape(s: str) -> str:
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


ODD_NAMES = [b"bad\xff", b"line\nbreak", b"-dash", b"=cmd|' /C calc'!A0", b"@at", b"+plus", b"sp ace",
             b"\xe2\x80\xaertl", b"x" * 240, "\u4e2d".encode() * 80, b"back\\slash", b"q'uote\"", b"tab\tname"]


def generate(out: Path, n: int, seeds, seed: int = 13) -> dict:
    """Write n malformed files into out/batch_XX folders (plus links and a FIFO); returns the
    manifest: file path (bytes, hex) -> mutation, and counts per mutation."""
    rng = random.Random(seed)
    manifest: dict[str, str] = {}
    counts: collections.Counter = collections.Counter()
    outside = out / "outside"
    outside.mkdir(parents=True, exist_ok=True)
    (outside / "secret.txt").write_bytes(seeds[0][2])
    for i in range(n):
        batch = out / f"batch_{i // BATCH:02d}"
        batch.mkdir(exist_ok=True)
        kind, name, data = seeds[rng.randrange(len(seeds))]
        m, blob, ext = mutate(rng, kind, data)
        base = f"f{i:05d}_{m}".encode()
        if rng.random() < 0.06:
            base = base[:6] + b"_" + rng.choice(ODD_NAMES)
        fname = base + ext.encode()
        path = os.path.join(os.fsencode(batch), fname)
        try:
            with open(path, "wb") as fh:
                fh.write(blob)
        except OSError:           # a name the file system refuses: the plain name instead
            path = os.path.join(os.fsencode(batch), f"f{i:05d}_{m}{ext}".encode())
            with open(path, "wb") as fh:
                fh.write(blob)
        manifest[path.hex()] = m
        counts[m] += 1
        counts[f"kind:{kind}"] += 1
    # symbolic links and a FIFO, in the first batch folder
    b0 = out / "batch_00"
    links = {"link_out.txt": outside / "secret.txt", "link_outdir": outside, "link_loop": b0,
             "link_dangling.txt": out / "nowhere.txt", "link_in.txt": None}
    for lname, target in links.items():
        if target is None:
            first = next(p for p in sorted(b0.iterdir()) if p.is_file())
            target = first
        try:
            os.symlink(target, b0 / lname)
            counts["symlink"] += 1
        except OSError:
            pass
    try:
        os.mkfifo(b0 / "fifo.txt")
        counts["fifo"] += 1
    except (OSError, AttributeError):
        pass
    return {"manifest": manifest, "counts": dict(counts)}


# ---------------------------------------------------------------- per-file reading with a time limit

def _read_one(path_hex: str):
    from warehouse.errors import DocumentError, S301Error
    from warehouse.ingest import prepare_file
    path = Path(os.fsdecode(bytes.fromhex(path_hex)))
    t = time.perf_counter()
    try:
        docs = prepare_file(path)
        outcome = ("docs", len(docs))
    except DocumentError:
        outcome = ("refused", 0)
    except S301Error:
        outcome = ("refused", 0)
    except BaseException as exc:   # what would be a traceback
        outcome = ("unexpected", f"{type(exc).__name__}: {str(exc)[:200]}")
    return path_hex, outcome, time.perf_counter() - t


def read_each(paths_hex: list[str], jobs: int = 2) -> dict:
    """prepare_file on every file in worker processes, FILE_TIMEOUT seconds each: outcomes, the
    slowest files, hangs and unexpected exceptions."""
    import multiprocessing as mp
    ctx = mp.get_context("fork")
    res = {"docs": 0, "refused": 0, "unexpected": [], "hangs": [], "slowest": []}
    times = []
    pending = list(paths_hex)
    while pending:
        pool = ctx.Pool(jobs, maxtasksperchild=200)
        asyncs = [(p, pool.apply_async(_read_one, (p,))) for p in pending]
        pending = []
        broken = False
        for k, (p, a) in enumerate(asyncs):
            if broken:
                pending.append(p)
                continue
            try:
                _, outcome, secs = a.get(timeout=FILE_TIMEOUT)
            except mp.TimeoutError:
                res["hangs"].append(os.fsdecode(bytes.fromhex(p)))
                broken = True     # the worker is stuck: start a new pool for the rest
                continue
            times.append((secs, os.fsdecode(bytes.fromhex(p))))
            if outcome[0] == "unexpected":
                res["unexpected"].append((os.fsdecode(bytes.fromhex(p)), outcome[1]))
            else:
                res[outcome[0]] += 1
        pool.terminate()
    times.sort(reverse=True)
    res["slowest"] = [(round(s, 2), Path(p).name[:60]) for s, p in times[:5]]
    res["read_seconds_total"] = round(sum(s for s, _ in times), 1)
    return res


# ---------------------------------------------------------------- commands

def run_cli(args: list[str], timeout: float = COMMAND_TIMEOUT, env: dict | None = None) -> dict:
    t = time.time()
    try:
        p = subprocess.run([str(S301), *args], capture_output=True, timeout=timeout, env=env)
    except subprocess.TimeoutExpired as exc:
        return {"args": args, "hang": True, "rc": None, "stderr": (exc.stderr or b"").decode("utf-8", "replace"),
                "seconds": round(time.time() - t, 1)}
    err = p.stderr.decode("utf-8", "replace")
    return {"args": args, "hang": False, "rc": p.returncode, "stderr": err, "stdout": p.stdout.decode("utf-8", "replace"),
            "seconds": round(time.time() - t, 1)}


def stderr_problems(run: dict) -> list[str]:
    """Tracebacks and lines that are not `s301 COMMAND: ...` on a command's stderr."""
    bad = []
    if "Traceback" in run["stderr"]:
        bad.append("traceback")
    for line in run["stderr"].splitlines():
        if line.strip() and not line.startswith("s301 ") and not line.startswith(("ingested ", "extracted ", "scored ")):
            bad.append(f"odd line: {line[:160]}")
    return bad


# ---------------------------------------------------------------- the warehouse afterwards

def consistency(db: str | Path) -> dict:
    """What a warehouse must satisfy after any run, interrupted or not: evidence only with its
    document and never on a near-duplicate, doc_id/sha256 of the stored text, and each original
    document's evidence exactly what extracting its stored text again gives."""
    import duckdb
    from warehouse.extract import DocContext, extract_facts
    from warehouse.ingest import valid_facts
    con = duckdb.connect(str(db), read_only=True)
    tables = {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
    if not {"documents", "evidence"} <= tables:   # interrupted before the schema was made: nothing stored
        con.close()
        return {"documents": 0, "evidence": 0, "orphan_evidence": 0, "evidence_on_duplicates": 0,
                "wrong_doc_id_or_sha": 0, "evidence_not_equal_to_reextraction": 0, "examples": []}
    try:
        orphans = con.execute("SELECT count(*) FROM evidence e WHERE NOT EXISTS "
                              "(SELECT 1 FROM documents d WHERE d.doc_id = e.doc_id)").fetchone()[0]
        on_duplicates = con.execute("SELECT count(*) FROM evidence e JOIN documents d USING (doc_id) "
                                    "WHERE d.duplicate_of IS NOT NULL").fetchone()[0]
        stored = dict(con.execute("SELECT doc_id, count(*) FROM evidence GROUP BY doc_id").fetchall())
        docs = con.execute("SELECT doc_id, sha256, text, kind, country_iso3, report_date, review_year, duplicate_of "
                           "FROM documents").fetchall()
        rows = collections.defaultdict(list)
        for doc_id, feature, start, end in con.execute(
                "SELECT doc_id, feature, char_start, char_end FROM evidence").fetchall():
            rows[doc_id].append((feature, start, end))
    finally:
        con.close()
    bad_identity = mismatched = 0
    examples = []
    for doc_id, sha, text, kind, country, date, year, dup in docs:
        digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
        if digest != sha or digest[:16] != doc_id:
            bad_identity += 1
        if dup:
            continue
        facts = valid_facts(list(extract_facts(text, DocContext(country_iso3=country, report_date=date,
                                                                review_year=year, kind=kind))), text)
        want = sorted((f.feature, int(f.char_start), int(f.char_end)) for f in facts)
        got = sorted(rows.get(doc_id, []))
        if want != got or stored.get(doc_id, 0) != len(facts):
            mismatched += 1
            if len(examples) < 3:
                examples.append(f"{doc_id}: stored {stored.get(doc_id, 0)}, re-extracted {len(facts)}")
    return {"documents": len(docs), "evidence": sum(stored.values()), "orphan_evidence": orphans,
            "evidence_on_duplicates": on_duplicates, "wrong_doc_id_or_sha": bad_identity,
            "evidence_not_equal_to_reextraction": mismatched, "examples": examples}


def garbage(db: str | Path, vocab: set[str]) -> dict:
    """Stored documents that are garbage: more than 5% replacement characters, letters mostly not
    Latin (every seed is English: bytes read in the wrong encoding), or fewer than GARBAGE_WORDS of
    their words words of the seeds (noise that passed as text). Documents whose words are between
    GARBAGE_WORDS and DAMAGED_WORDS words of the seeds are counted apart as damaged: text with many
    flipped bytes is still text (the readers judge encodings, not spelling)."""
    import duckdb
    from warehouse.read import script_shares, unreadable_share
    con = duckdb.connect(str(db), read_only=True)
    try:
        tables = {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
        docs = con.execute("SELECT doc_id, path, text FROM documents").fetchall() if "documents" in tables else []
    finally:
        con.close()
    bad, damaged, lowest = [], [], 1.0
    for doc_id, path, text in docs:
        reason = None
        share = None
        words = [w.lower() for w in _WORD.findall(text)]
        if len(words) >= 20:
            share = sum(w in vocab for w in words) / len(words)
            lowest = min(lowest, share)
        scripts = script_shares(text)
        if unreadable_share(text) > 0.05:
            reason = f"{unreadable_share(text):.0%} replacement/control characters"
        elif scripts and scripts.get("LATIN", 0) < 0.5:
            reason = f"letters mostly not Latin ({max(scripts, key=scripts.get)})"
        elif share is not None and share < GARBAGE_WORDS:
            reason = f"only {share:.0%} of its words are words of the seeds"
        if reason:
            bad.append(f"{path}: {reason}: {text[:60]!r}")
        elif share is not None and share < DAMAGED_WORDS:
            damaged.append(f"{path}: {share:.0%} of its words are words of the seeds: {text[:60]!r}")
    return {"documents": len(docs), "garbage": len(bad), "examples": bad[:5], "damaged": len(damaged),
            "damaged_examples": damaged[:3], "lowest_word_share": round(lowest, 2)}


# ---------------------------------------------------------------- interrupting parallel ingests

def interrupt_inputs(batch: Path) -> list[str]:
    """What the interrupted ingests read: the NTE package, the sample cables and one folder of fuzzed files."""
    return [str(PROJECT / "warehouse" / "corpus" / "nte_ip_sections.csv.gz"), str(PROJECT / "warehouse" / "samples"),
            str(batch)]


def _default_sigint() -> None:
    """In the child before exec: SIGINT back to its default. A process started in the background by
    a non-interactive shell inherits SIGINT ignored, and Python then installs no KeyboardInterrupt
    handler: every try would run to its end and test nothing."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def interrupt_trials(inputs: list[str], work: Path, tries: int, rng: random.Random,
                     delay: tuple[float, float] = (0.3, 15.0)) -> dict:
    """`s301 ingest INPUTS --jobs 2`, SIGINT to its process group after a random delay, `tries`
    times: exit statuses, hangs, tracebacks, and the consistency of each warehouse left behind. The
    delays reach past the first stored batch of documents, so that some tries stop mid-ingest with
    documents stored and some before any."""
    out = {"tries": tries, "exit_130": 0, "finished_first": 0, "hangs": 0, "tracebacks": 0, "other_exit": 0,
           "inconsistent": 0, "documents_kept": []}
    for k in range(tries):
        db = work / f"interrupt_{k}.duckdb"
        for f in (db, Path(str(db) + ".wal")):
            if f.exists():
                f.unlink()
        p = subprocess.Popen([str(S301), "ingest", *inputs, "--db", str(db), "--jobs", "2", "--no-progress"],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True,
                             preexec_fn=_default_sigint)
        time.sleep(rng.uniform(*delay))
        try:
            os.killpg(p.pid, signal.SIGINT)
        except ProcessLookupError:
            pass
        try:
            _, err = p.communicate(timeout=120)
        except subprocess.TimeoutExpired:
            out["hangs"] += 1
            os.killpg(p.pid, signal.SIGKILL)
            p.communicate()
            continue
        err_s = err.decode("utf-8", "replace")
        out["tracebacks"] += "Traceback" in err_s
        if p.returncode == 130:
            out["exit_130"] += 1
        elif p.returncode in (0, 1) and "interrupted" not in err_s:
            out["finished_first"] += 1
        else:
            out["other_exit"] += 1
        if db.exists():
            c = consistency(db)
            out["documents_kept"].append(c["documents"])
            if c["orphan_evidence"] or c["evidence_on_duplicates"] or c["wrong_doc_id_or_sha"] \
                    or c["evidence_not_equal_to_reextraction"]:
                out["inconsistent"] += 1
        else:
            out["documents_kept"].append(0)
    return out


# ---------------------------------------------------------------- memory

def tiny_tag_page(path: Path, mb: float = 24.0) -> Path:
    """A page of tiny tags (`<b>word</b>`), `mb` megabytes: the worst case of an lxml tree."""
    words = (PROJECT / "warehouse" / "samples" / "09MOSCOW521.txt").read_text(encoding="utf-8").split()
    parts, size, i = ["<html><body>"], 0, 0
    while size < mb * 1024 * 1024:
        w = words[i % len(words)]
        i += 1
        s = f"<b>{_html_escape(w)}</b> " if i % 7 else f"<i>{_html_escape(w)}</i><br>"
        parts.append(s)
        size += len(s)
    parts.append("</body></html>")
    path.write_text("".join(parts), encoding="utf-8")
    return path


def peak_rss_mb(argv: list[str], env: dict | None = None, cwd: str | None = None) -> tuple[float, float]:
    """(peak RSS in MB, seconds) of a command, measured by a wrapper process (getrusage of its child)."""
    code = ("import resource, subprocess, sys, time; t = time.time(); "
            "subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL); "
            "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, time.time() - t)")
    out = subprocess.run([sys.executable, "-c", code, *argv], capture_output=True, text=True, env=env, cwd=cwd,
                         timeout=1800)
    kb, secs = out.stdout.split()
    return int(kb) / 1024, float(secs)


def memory(work: Path, before_commit: str | None) -> dict:
    page = tiny_tag_page(work / "tiny_tags.html")
    res = {"page_mb": round(page.stat().st_size / 1048576, 1)}
    argv = [sys.executable, "-m", "recommender.cli", "extract", str(page), "--out", str(work / "tiny.csv"),
            "--no-progress"]
    small = [sys.executable, "-m", "recommender.cli", "extract", str(PROJECT / "warehouse" / "samples" / "09MOSCOW521.txt"),
             "--out", str(work / "small.csv"), "--no-progress"]
    env = dict(os.environ, PYTHONPATH=str(PROJECT))
    res["after_peak_mb"], res["after_seconds"] = (round(x, 1) for x in peak_rss_mb(argv, env, str(PROJECT)))
    res["baseline_small_file_mb"] = round(peak_rss_mb(small, env, str(PROJECT))[0], 1)
    if before_commit:
        old = work / "before"
        try:
            if not old.exists():
                old.mkdir()
                archive = subprocess.run(["git", "-C", str(REPO), "archive", before_commit], capture_output=True,
                                         check=True).stdout
                subprocess.run(["tar", "-x", "-C", str(old)], input=archive, check=True)
            env_old = dict(os.environ, PYTHONPATH=str(old))
            argv_old = argv[:-3] + [str(work / "tiny_old.csv"), "--no-progress"]
            res["before_peak_mb"], res["before_seconds"] = (round(x, 1) for x in
                                                             peak_rss_mb(argv_old, env_old, str(old)))
            res["before_commit"] = before_commit
        except (subprocess.CalledProcessError, OSError, ValueError) as exc:
            res["before"] = f"not measured ({type(exc).__name__})"
    return res


# ---------------------------------------------------------------- the run

def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", default="../shared")
    ap.add_argument("-n", type=int, default=10_000, help="files to generate (default 10000)")
    ap.add_argument("--out", default="results/fuzz.md")
    ap.add_argument("--work", default=None, help="working folder (default: a temporary one, removed)")
    ap.add_argument("--interrupts", type=int, default=20)
    ap.add_argument("--before", default="5704fb3", help="git commit of the code before issue 13 (memory)")
    ap.add_argument("--no-score", action="store_true")
    ap.add_argument("--rerun-interrupts", action="store_true",
                    help="with --recheck: run the interrupted ingests again (--interrupts tries) on the kept folder")
    ap.add_argument("--recheck", metavar="REPORT_JSON", default=None,
                    help="recheck the warehouse of a kept --work folder (consistency, garbage) and rewrite the report "
                         "from REPORT_JSON (what an earlier run wrote beside its .md)")
    args = ap.parse_args()
    if args.recheck:
        report = json.loads(Path(args.recheck).read_text(encoding="utf-8"))
        shared = Path(args.shared) if Path(args.shared, "corpus").is_dir() else None
        work = Path(args.work)
        report["consistency"] = consistency(work / "fuzz.duckdb")
        report["garbage"] = garbage(work / "fuzz.duckdb", vocabulary(load_seeds(shared)))
        if args.rerun_interrupts:
            report["interrupts"] = interrupt_trials(interrupt_inputs(work / "files" / "batch_00"), work,
                                                    args.interrupts, random.Random(7))
            head = subprocess.run(["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"], capture_output=True,
                                  text=True).stdout.strip()
            report["interrupts"]["rerun"] = (f"Run again on {dt.datetime.now(dt.timezone.utc):%Y-%m-%d %H:%M} UTC at "
                                             f"commit {head} with `--recheck --rerun-interrupts`.")
        write_report(report, Path(args.out))
        print(f"fuzz: rechecked {work / 'fuzz.duckdb'}; wrote {args.out}; "
              f"{'all checks passed' if verdict(report) else 'CHECKS FAILED'}")
        return 0 if verdict(report) else 1
    shared = Path(args.shared) if Path(args.shared, "corpus").is_dir() else None
    work = Path(args.work) if args.work else Path(tempfile.mkdtemp(prefix="s301_fuzz_"))
    work.mkdir(parents=True, exist_ok=True)
    started = time.time()
    rng = random.Random(7)
    commit = os.environ.get("S301_FUZZ_COMMIT") or subprocess.run(
        ["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip()
    dirty = "" if os.environ.get("S301_FUZZ_COMMIT") else subprocess.run(
        ["git", "-C", str(REPO), "status", "--porcelain", "--untracked-files=no"], capture_output=True,
        text=True).stdout.strip()
    report: dict = {"n": args.n, "shared": bool(shared), "commit": commit + (" (with changes)" if dirty else "")}
    try:
        seeds = load_seeds(shared)
        vocab = vocabulary(seeds)
        files = work / "files"
        if files.exists():
            shutil.rmtree(files)
        print(f"fuzz: {len(seeds)} seeds; generating {args.n} files in {files}", flush=True)
        gen = generate(files, args.n, seeds)
        report["mutations"] = gen["counts"]
        batches = sorted(p for p in files.iterdir() if p.name.startswith("batch_"))

        print("fuzz: reading every file in a worker with a time limit", flush=True)
        report["read"] = read_each(list(gen["manifest"]))

        db = work / "fuzz.duckdb"
        for f in (db, Path(str(db) + ".wal")):
            if f.exists():
                f.unlink()
        init = run_cli(["init", "--db", str(db)])
        runs = {"ingest": [], "extract": [], "score": []}
        print("fuzz: ingest, extract" + ("" if args.no_score else ", score") + " per batch folder", flush=True)
        for b in batches:
            runs["ingest"].append(run_cli(["ingest", str(b), "--db", str(db), "--jobs", "2", "--no-progress"]))
            runs["extract"].append(run_cli(["extract", str(b), "--out", str(work / f"{b.name}.csv"), "--jobs", "2",
                                            "--no-progress"]))
            print(f"  {b.name}: ingest {runs['ingest'][-1]['rc']} ({runs['ingest'][-1]['seconds']} s), "
                  f"extract {runs['extract'][-1]['rc']}", flush=True)
        model = None
        if not args.no_score:
            print("fuzz: training a model on the fuzzed warehouse for scoring", flush=True)
            models = work / "models"
            train = run_cli(["train", "--db", str(db), "--learner", "glassbox", "--models-dir", str(models)])
            runs["train"] = [train]
            model = models / "s301.joblib"
            for b in batches:
                runs["score"].append(run_cli(["score", str(b), "--out", str(work / f"{b.name}_scores.csv"),
                                              "--db", str(db), "--model", str(model), "--no-progress"]))
                print(f"  {b.name}: score {runs['score'][-1]['rc']} ({runs['score'][-1]['seconds']} s)", flush=True)
        summary = {}
        for name, rs in runs.items():
            problems = [p for r in rs for p in stderr_problems(r)]
            summary[name] = {"runs": len(rs), "hangs": sum(r["hang"] for r in rs),
                             "tracebacks": sum("Traceback" in r["stderr"] for r in rs),
                             "exit_statuses": dict(collections.Counter(str(r["rc"]) for r in rs)),
                             "odd_stderr_lines": len([p for p in problems if p.startswith("odd")]),
                             "error_lines": sum(r["stderr"].count("error: ") for r in rs),
                             "notes": sum(r["stderr"].count(": note: ") for r in rs),
                             "seconds": round(sum(r["seconds"] for r in rs), 1),
                             "examples": problems[:3]}
        summary["init"] = {"rc": init["rc"], "tracebacks": int("Traceback" in init["stderr"])}
        report["commands"] = summary
        last = runs["ingest"][-1]["stdout"] if runs["ingest"] else ""
        report["ingest_last_line"] = last.strip().splitlines()[-1] if last.strip() else ""
        print("fuzz: checking the warehouse", flush=True)
        report["consistency"] = consistency(db)
        report["garbage"] = garbage(db, vocab)

        print(f"fuzz: {args.interrupts} interrupted parallel ingests", flush=True)
        report["interrupts"] = interrupt_trials(interrupt_inputs(batches[0]), work, args.interrupts, rng)

        print("fuzz: memory on a 24 MB page of tiny tags (this code, and the code before)", flush=True)
        report["memory"] = memory(work, args.before)
    finally:
        report["seconds"] = round(time.time() - started, 1)
        if not args.work:
            shutil.rmtree(work, ignore_errors=True)
    write_report(report, Path(args.out))
    ok = verdict(report)
    print(f"fuzz: wrote {args.out}; {'all checks passed' if ok else 'CHECKS FAILED'}")
    return 0 if ok else 1


def verdict(r: dict) -> bool:
    c = r.get("commands", {})
    return (not r["read"]["hangs"] and not r["read"]["unexpected"]
            and all(v.get("hangs", 0) == 0 and v.get("tracebacks", 0) == 0 and v.get("odd_stderr_lines", 0) == 0
                    for k, v in c.items() if k != "init")
            and r["garbage"]["garbage"] == 0
            and not any(r["consistency"][k] for k in ("orphan_evidence", "evidence_on_duplicates",
                                                      "wrong_doc_id_or_sha", "evidence_not_equal_to_reextraction"))
            and r["interrupts"]["hangs"] == 0 and r["interrupts"]["tracebacks"] == 0
            and r["interrupts"]["inconsistent"] == 0 and r["interrupts"]["other_exit"] == 0
            and (r["interrupts"]["tries"] == 0 or r["interrupts"]["exit_130"] > 0))   # something was interrupted


def write_report(r: dict, out: Path) -> None:
    stamp = dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    read, cons, gar, intr = r.get("read", {}), r.get("consistency", {}), r.get("garbage", {}), r.get("interrupts", {})
    L = ["# s301 fuzz run (`make fuzz`, bench/fuzz.py)", "",
         f"Run {stamp} on commit {r.get('commit') or '?'}; {r['n']:,} generated malformed files; shared corpus: "
         f"{'yes' if r['shared'] else 'no'}; "
         f"{r.get('seconds', '?')} s in all. Verdict: **{'all checks passed' if verdict(r) else 'CHECKS FAILED'}**.", "",
         "## Files generated", "", "| mutation | files |", "|---|---|"]
    L += [f"| {k} | {v} |" for k, v in sorted(r.get("mutations", {}).items())]
    L += ["", "## Every file read in a worker (prepare_file), "
          f"{FILE_TIMEOUT} s limit each", "",
          f"- documents from readable files: {read.get('docs')} files; refused with a one-line reason: {read.get('refused')}",
          f"- hangs (over the limit): **{len(read.get('hangs', []))}**; unexpected exceptions (tracebacks): "
          f"**{len(read.get('unexpected', []))}**",
          f"- slowest files (s): {read.get('slowest')}; reading time in all: {read.get('read_seconds_total')} s"]
    for p, e in read.get("unexpected", [])[:5]:
        L.append(f"  - {p}: {e}")
    L += ["", "## The commands (real processes, one run per folder of "
          f"{BATCH} files)", "", "| command | runs | hangs | tracebacks | odd stderr lines | exit statuses | "
          "error lines | notes | seconds |", "|---|---|---|---|---|---|---|---|---|"]
    for name, s in r.get("commands", {}).items():
        if name == "init":
            continue
        L.append(f"| {name} | {s['runs']} | {s['hangs']} | {s['tracebacks']} | {s['odd_stderr_lines']} | "
                 f"{s['exit_statuses']} | {s['error_lines']} | {s['notes']} | {s['seconds']} |")
    L += ["", f"Last ingest: `{r.get('ingest_last_line', '')}`", "",
          "## The warehouse afterwards", "",
          f"- documents stored: {cons.get('documents')}, evidence rows: {cons.get('evidence')}",
          f"- garbage documents stored: **{gar.get('garbage')}** (over 5% replacement characters, letters mostly "
          f"not Latin, or under {GARBAGE_WORDS:.0%} of its words words of the seeds)",
          f"- damaged documents stored (between {GARBAGE_WORDS:.0%} and {DAMAGED_WORDS:.0%} of their words words of "
          f"the seeds: heavy bit flips; the readers judge encodings, not spelling): {gar.get('damaged')}; lowest "
          f"share of seed words in a stored document: {gar.get('lowest_word_share')}",
          f"- evidence without its document: **{cons.get('orphan_evidence')}**; evidence on near-duplicates: "
          f"**{cons.get('evidence_on_duplicates')}**; doc_id/sha256 not those of the text: "
          f"**{cons.get('wrong_doc_id_or_sha')}**",
          f"- documents whose evidence differs from re-extracting their stored text: "
          f"**{cons.get('evidence_not_equal_to_reextraction')}**"]
    for e in gar.get("examples", []) + gar.get("damaged_examples", []) + cons.get("examples", []):
        L.append(f"  - {e}")
    L += ["", f"## Interrupting `s301 ingest --jobs 2` (SIGINT to the process group), {intr.get('tries')} tries", ""]
    if intr.get("rerun"):
        L += [intr["rerun"], ""]
    L += [
          f"- exit 130: {intr.get('exit_130')}; finished before the signal: {intr.get('finished_first')}; "
          f"other exits: **{intr.get('other_exit')}**",
          f"- hangs: **{intr.get('hangs')}**; worker or other tracebacks: **{intr.get('tracebacks')}**; "
          f"inconsistent warehouses left: **{intr.get('inconsistent')}**",
          f"- documents kept per try: {intr.get('documents_kept')}"]
    mem = r.get("memory", {})
    L += ["", f"## Memory: `s301 extract` on a {mem.get('page_mb')} MB page of tiny tags (peak RSS)", "",
          f"- before issue 13 ({mem.get('before_commit', '?')}): {mem.get('before_peak_mb', mem.get('before', '?'))} MB "
          f"in {mem.get('before_seconds', '?')} s",
          f"- now: {mem.get('after_peak_mb')} MB in {mem.get('after_seconds')} s (the same command on a 13 KB cable: "
          f"{mem.get('baseline_small_file_mb')} MB)", ""]
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text("\n".join(L), encoding="utf-8")
    out.with_suffix(".json").write_text(json.dumps(r, indent=2, default=str), encoding="utf-8")


if __name__ == "__main__":
    raise SystemExit(main())

"""Ingest benchmark: throughput (MB/s, documents/s) and peak memory of reading + extraction and of
a full ingest into a temporary DuckDB, over >= 100 MB of real cable text.

The corpus cables (../shared/corpus/cables) -- or, without ../shared, the bundled samples -- are
replicated into a temporary folder. Each replica carries a small variation (a replica mark after
every sentence end) so that neither the content hash nor the near-duplicate check short-circuits
the work. Each phase runs in a fresh interpreter (spawn) so its peak RSS is its own. Besides
wall-clock MB/s, MB per CPU-second is reported: the per-core rate, unaffected by other load. Every phase
but the last runs on one core (per-core figures); the last uses two worker processes (--jobs 2).
"""
from __future__ import annotations

import multiprocessing as mp
import os
import resource
import shutil
import tempfile
import time
from pathlib import Path

SAMPLES = Path(__file__).resolve().parent.parent / "warehouse" / "samples"


def _sources(shared: Path | None, form: str = "txt") -> list[tuple[str, str]]:
    """The cables to replicate: plain text (corpus/cables, else the bundled samples) or the
    cable-viewer HTML pages (corpus/html, the form in which further cables arrive)."""
    if form == "html":
        folder, pattern = shared / "corpus" / "html", "*.html"
    else:
        folder, pattern = (shared / "corpus" / "cables" if shared else SAMPLES), "*.txt"
    return [(f.name, f.read_text(encoding="utf-8")) for f in sorted(folder.glob(pattern))]


def build_inputs(shared: Path | None, folder: Path, target_mb: float | None = None,
                 form: str = "txt") -> tuple[int, int]:
    """Write replicas of the source cables (form txt or html) into folder until target_mb
    ($S301_BENCH_MB, default 100); returns (files, bytes)."""
    target_mb = target_mb or float(os.environ.get("S301_BENCH_MB", "100"))
    sources = _sources(shared, form)
    per_round = sum(len(t.encode("utf-8")) for _, t in sources)
    rounds = max(1, int(target_mb * 1e6 / per_round) + 1)
    files = size = 0
    for r in range(rounds):
        sub = folder / f"r{r:04d}"
        sub.mkdir(parents=True)
        for name, text in sources:
            data = text.replace(". ", f". R{r} ").encode("utf-8")
            (sub / name).write_bytes(data)
            files += 1
            size += len(data)
    return files, size


def _cpu_seconds() -> float:
    """CPU time of this process and its reaped children: per-core throughput that does not depend
    on what else the machine is doing."""
    me = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def _time_stages(ingest) -> dict:
    """Wrap prepare_file and extract in the ingest module with CPU timers; the dict they fill
    (seconds: prepare = read+detect+extract, extract) lets the caller split a full ingest into
    read+detect, extract and store (everything else) from one run."""
    stages = {"prepare": 0.0, "extract": 0.0}

    def timed(key, fn):
        def wrapper(*args, **kwargs):
            c = time.process_time()
            try:
                return fn(*args, **kwargs)
            finally:
                stages[key] += time.process_time() - c
        return wrapper

    ingest.prepare_file = timed("prepare", ingest.prepare_file)
    ingest.extract = timed("extract", ingest.extract)
    return stages


def _time_rules() -> dict:
    """Wrap every extractor's rules (extract and finalize) with a timer: the time spent inside the
    rules themselves, without the keyword pass and the sentence segmentation, is the part of
    extraction that no faster reader, segmenter or store can remove. These calls are many and
    short, so the timer is the cheap monotonic clock (a CPU-time clock would add its own cost),
    and this runs in a phase of its own so the headline figures carry no timers."""
    from warehouse.extract import pipeline
    spent = {"rules": 0.0}

    def timed(fn):
        def wrapper(*args, **kwargs):
            c = time.perf_counter()
            try:
                return fn(*args, **kwargs)
            finally:
                spent["rules"] += time.perf_counter() - c
        return wrapper

    for mod in pipeline.EXTRACTORS:   # the pipeline looks these up on the module at each call
        mod.extract = timed(mod.extract)
        if hasattr(mod, "finalize"):
            mod.finalize = timed(mod.finalize)
    return spent


def _phase(name: str, folder: str, db: str, queue) -> None:
    """Runs in a fresh interpreter; puts a dict of figures on the queue."""
    import warehouse.ingest as ingest
    from warehouse.ingest import iter_files, prepare_file
    base = _peak_mb()
    files = [p for p, missing in iter_files([folder]) if not missing]
    nbytes = sum(p.stat().st_size for p in files)
    if folder.endswith(".csv.gz"):  # an NTE package: MB of text, not of compressed file
        import gzip
        nbytes = len(gzip.decompress(Path(folder).read_bytes()))
    out: dict = {}
    t0 = time.perf_counter()
    c0 = _cpu_seconds()
    if name in ("read_detect", "read_extract", "rules"):
        if name == "read_detect":
            ingest.extract = lambda text, det: []
        if name == "rules":
            out["rules_seconds"] = _time_rules()
        docs = facts = failed = 0
        for p in files:
            try:
                prepared = prepare_file(p)
            except Exception:
                failed += 1
                continue
            docs += len(prepared)
            facts += sum(len(x.facts) for x in prepared)
        out.update(docs=docs, facts=facts, failed=failed)
    else:
        from warehouse.db import open_warehouse
        jobs = 2 if name == "ingest_2" else 1
        stages = _time_stages(ingest) if jobs == 1 else None
        pool = ingest.make_pool(jobs)  # before DuckDB starts its threads
        con = open_warehouse(db)
        res = ingest.ingest_paths(con, [folder], pool=pool)
        con.close()
        if pool is not None:
            pool.close()
            pool.join()   # reaped: their CPU time shows in RUSAGE_CHILDREN
        docs = res.ingested + res.duplicate
        if stages is not None:
            out["stages"] = stages
        out.update(docs=docs, ingested=res.ingested, duplicate=res.duplicate, failed=res.failed,
                   facts=res.facts, db_mb=round(Path(db).stat().st_size / 1e6, 1))
    secs = time.perf_counter() - t0
    cpu = _cpu_seconds() - c0
    out.update(cpu_seconds=round(cpu, 2), mb_per_cpu_s=round(nbytes / 1e6 / cpu, 2))
    out.update(seconds=round(secs, 2), mb=round(nbytes / 1e6, 1), mb_per_s=round(nbytes / 1e6 / secs, 2),
               docs_per_s=round(docs / secs, 1), peak_rss_mb=round(_peak_mb(), 1),
               rss_after_imports_mb=round(base, 1))
    queue.put(out)


def stage_breakdown(res: dict) -> dict:
    """Where the CPU of the one-core full ingest goes, per document: read+detect, extract, store
    (near-duplicate check, evidence rows, DuckDB inserts, commits, final checkpoint)."""
    st, docs, cpu = res["stages"], max(res["docs"], 1), res["cpu_seconds"]
    read_detect = st["prepare"] - st["extract"]
    store = cpu - st["prepare"]
    us = lambda seconds: round(seconds / docs * 1e6)
    out = {"full ingest stages, us/doc (read+detect / extract / store / total)":
           f"{us(read_detect)} / {us(st['extract'])} / {us(store)} / {us(cpu)}",
           "full ingest store share of CPU %": round(100 * store / cpu, 1) if cpu else 0.0}
    return out


def html_ingest(shared: Path, tmp: Path) -> dict:
    """The same one-core full ingest over replicas of the corpus's cable-viewer HTML pages (the
    form further cables arrive in): markup is part of the input bytes, so MB/s here is per MB of
    page, not of cable text."""
    from warehouse.read import decode_text
    from warehouse.read_html import viewer_page
    folder = tmp / "in_html"
    files, size = build_inputs(shared, folder, form="html")
    sample = sorted(folder.glob("r0000/*.html"))
    fast = sum(viewer_page(decode_text(p.read_bytes(), p.name)) is not None for p in sample)
    res = _run_phase("ingest", folder, tmp / "html.duckdb")
    label = "full ingest of HTML pages"
    return {"HTML input": f"{files} files, {size / 1e6:.1f} MB (corpus cable-viewer pages, replicated); "
                          f"{fast} of {len(sample)} pages of one round read by the fast path",
            f"{label} MB/s (wall clock)": res["mb_per_s"],
            f"{label} MB per CPU-second": res["mb_per_cpu_s"],
            f"{label} documents/s": res["docs_per_s"],
            f"{label} peak RSS MB": res["peak_rss_mb"],
            f"{label} stages, us/doc (read+detect / extract / store / total)":
                next(iter(stage_breakdown(res).values()))}


def nte_ingest(tmp: Path) -> dict:
    """`s301 ingest` of the embedded NTE package (1,518 chapters) into a fresh warehouse, one core,
    then again (nothing new may be stored); and how single chapters saved as files are detected."""
    from bench.nte_files import evaluate, make_files
    from warehouse.nte import EMBEDDED_PACKAGE
    res = _run_phase("ingest", EMBEDDED_PACKAGE, tmp / "nte.duckdb")
    again = _run_phase("ingest", EMBEDDED_PACKAGE, tmp / "nte.duckdb")
    det = evaluate(make_files(tmp / "nte_files"))
    label = "NTE package ingest (1,518 chapters, 4.5 MB of text)"
    return {f"{label} seconds (wall clock)": res["seconds"],
            f"{label} CPU seconds": res["cpu_seconds"],
            f"{label} documents/s": res["docs_per_s"],
            f"{label} ingested / duplicate / failed / facts":
                f"{res['ingested']} / {res['duplicate']} / {res['failed']} / {res['facts']}",
            "NTE package ingested again: ingested / duplicate / facts (0 / 0 / 0 expected)":
                f"{again['ingested']} / {again['duplicate']} / {again['facts']}",
            f"single NTE chapter files (of {det['files']}): kind / country / year / all right, refused":
                f"{det['kind']} / {det['country']} / {det['year']} / {det['all']}, {det['refused']}"}


def _run_phase(name: str, folder: Path, db: Path) -> dict:
    ctx = mp.get_context("spawn")
    queue = ctx.Queue()
    proc = ctx.Process(target=_phase, args=(name, str(folder), str(db), queue))
    proc.start()
    try:
        result = queue.get(timeout=3600)
    finally:
        proc.join(timeout=60)
    return result


def detection_accuracy(shared: Path) -> dict:
    """Share of corpus cables whose country, date and refid are detected as in index.csv, for the
    txt and html forms, with the page metadata and (txt) from the cable text alone."""
    import csv
    from warehouse.countries import get_index
    from warehouse.detect import detect
    from warehouse.read import read_file
    corpus = shared / "corpus"
    rows = list(csv.DictReader(open(corpus / "index.csv", newline="", encoding="utf-8")))
    idx = get_index()
    out = {}
    for form, sub, use_meta in (("txt", "cables", True), ("html", "html", True), ("txt, text only", "cables", False)):
        hits = {"country": 0, "date": 0, "refid": 0}
        for r in rows:
            ext = "txt" if sub == "cables" else "html"
            doc = read_file(corpus / sub / f"{r['refid']}.{ext}")[0]
            d = detect(doc.text, doc.meta if use_meta else {}, doc.title if use_meta else None)
            hits["country"] += d.country_iso3 == idx.lookup(r["country"])
            hits["date"] += str(d.report_date) == r["date"]
            hits["refid"] += d.refid == r["refid"]
        out[f"detection {form} (country / date / refid, of {len(rows)})"] = \
            " / ".join(f"{hits[k]}" for k in ("country", "date", "refid"))
    return out


def run(shared: Path | None) -> dict:
    tmp = Path(tempfile.mkdtemp(prefix="s301-bench-ingest-"))
    try:
        folder = tmp / "in"
        files, size = build_inputs(shared, folder)
        figures: dict = {"input": f"{files} files, {size / 1e6:.1f} MB "
                                  f"({'corpus cables' if shared else 'bundled samples'}, replicated)",
                         "cores": 1}
        for name in ("read_detect", "read_extract", "ingest", "ingest_2"):
            db = tmp / f"{name}.duckdb"
            res = _run_phase(name, folder, db)
            db.unlink(missing_ok=True)
            label = {"read_detect": "read+detect", "read_extract": "read+detect+extract",
                     "ingest": "full ingest (DuckDB)", "ingest_2": "full ingest, --jobs 2"}[name]
            figures[f"{label} MB/s (wall clock)"] = res["mb_per_s"]
            figures[f"{label} MB per CPU-second"] = res["mb_per_cpu_s"]
            figures[f"{label} documents/s"] = res["docs_per_s"]
            figures[f"{label} peak RSS MB"] = res["peak_rss_mb"]
            figures[f"{label} seconds"] = res["seconds"]
            if name == "read_extract":
                figures["facts extracted"] = res["facts"]
            if name == "ingest_2":
                figures[f"{label} peak RSS MB"] = f"{res['peak_rss_mb']} (main process)"
            if name == "ingest":
                figures.update(stage_breakdown(res))
                figures["ingest: ingested / duplicate / failed"] = \
                    f"{res['ingested']} / {res['duplicate']} / {res['failed']}"
                figures["warehouse file MB"] = res["db_mb"]
        res = _run_phase("rules", folder, tmp / "rules.duckdb")
        rules = res["rules_seconds"]["rules"]
        # with reading, keyword pass, segmentation and storing all free, the rules alone allow this
        figures["extractor rules alone, us/doc (and the MB/s per core they allow at most)"] = \
            f"{rules / max(res['docs'], 1) * 1e6:.0f} ({res['mb'] / rules:.1f})"
        if shared:
            figures.update(html_ingest(shared, tmp))
        figures["target MB/s per core"] = 20
        figures.update(nte_ingest(tmp))
        if shared:
            figures.update(detection_accuracy(shared))
        return figures
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":  # quick look: python -m bench.ingest [--mb N]
    import argparse
    import json
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", default="../shared")
    ap.add_argument("--mb", type=float, default=100.0)
    a = ap.parse_args()
    os.environ["S301_BENCH_MB"] = str(a.mb)
    sh = Path(a.shared) if Path(a.shared, "corpus").is_dir() else None
    print(json.dumps(run(sh), indent=2))

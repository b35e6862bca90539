"""The `s301` command: every subcommand, its output and its exit status, in one place.

The library (warehouse, recommender) returns data and raises S301Error for what users must fix;
this module parses the arguments, calls the library, prints, draws the progress bars and turns
errors into exit statuses: 0 success, 1 some input files failed (ingest, extract) or documents
(reextract), 2 an error the user must fix (one line `s301 COMMAND: error: ...` on stderr, never a
traceback) or bad arguments, 130 interrupted. Each command's docstring is its `--help`: a summary
line, what it does, and an example.

The library's modules are imported by the command that needs them, when it runs: `s301 --help` and
the warehouse commands (init, status, ingest, extract, reextract) start without loading
scikit-learn, which takes seconds.
"""
from __future__ import annotations

import argparse
import csv
import datetime as dt
import inspect
import json
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from tqdm import tqdm

from warehouse.errors import S301Error, shown
from warehouse.vocab import DEFAULT_LABEL_SOURCE, LABEL_SOURCES

EXTRACT_SUFFIXES = (".csv", ".jsonl", ".ndjson")
SCORE_SUFFIXES = (".csv", ".parquet")
EXIT_STATUSES = ("exit status: 0 done; 1 some input files (ingest, extract) or documents (reextract) failed;\n"
                 "  2 an error to fix (one line on stderr) or bad arguments; 130 interrupted;\n"
                 "  141 the output was closed early (piped to head), quietly, as other tools do.\n"
                 "s301 COMMAND --help describes a command, with an example.")
SOURCES_SHOWN = 3       # per reference table, the sources backing the most rows (`s301 status`)
TOP_SHOWN = 15          # rows of each importance table
EXPLAIN_SHOWN = 12      # contributions and evidence lines of `s301 explain`


@dataclass(frozen=True)
class Command:
    name: str
    run: Callable[[argparse.Namespace], int]
    arguments: tuple[tuple[tuple, dict], ...]


COMMANDS: dict[str, Command] = {}


def command(*arguments: tuple[tuple, dict]):
    """Register a `cmd_NAME(args) -> exit status` function as the subcommand NAME."""
    def register(fn):
        name = fn.__name__.removeprefix("cmd_")
        COMMANDS[name] = Command(name, fn, arguments)
        return fn
    return register


def arg(*flags: str, **options) -> tuple[tuple, dict]:
    return flags, options


DB = arg("--db", help="DuckDB file (default: $S301_DB or data/s301.duckdb)")
PATHS = arg("paths", nargs="+", metavar="PATH")
NO_PROGRESS = arg("--no-progress", action="store_true", help="no progress bar")
JOBS = arg("--jobs", type=int, default=1, help="worker processes for reading and extraction (default 1)")
LABEL_SOURCE = arg("--label-source", choices=LABEL_SOURCES, default=DEFAULT_LABEL_SOURCE)
MODEL = arg("--model", default=None, help="model file (default: $S301_MODEL or models/s301.joblib)")
COUNTRY = arg("--country", default=None, metavar="COUNTRY",
              help="the reports' country (name, alias or ISO3 code), instead of the one detected")
YEAR = arg("--year", default=None, metavar="YEAR", help="the reports' review year, instead of the one detected")
FOLLOW_LINKS = arg("--follow-links", action="store_true",
                   help="follow symbolic links that lead out of a named folder (default: skipped, with a note)")
RAW_CSV = arg("--raw-csv", action="store_true",
              help="CSV cells as they are (default: a cell beginning with = + - @ gets a ' in front, "
                   "so that a spreadsheet does not run it as a formula)")


# ----------------------------------------------------------------------------- output helpers

class Progress:
    """A tqdm bar on stderr fed by a library's progress(done, total) callback (made at the first call;
    off with --no-progress or when stderr is not a terminal), and the error lines printed past it."""

    def __init__(self, command_name: str, enabled: bool, unit: str = "file"):
        self.command_name = command_name
        self.enabled = enabled and sys.stderr.isatty()
        self.unit = unit
        self.bar = None

    def __call__(self, done: int, total: int) -> None:
        if self.bar is None:
            self.bar = tqdm(total=total, unit=self.unit, file=sys.stderr, dynamic_ncols=True, disable=not self.enabled)
        self.bar.update(done - self.bar.n)

    def error(self, reason: str, level: str = "error") -> None:
        from warehouse.errors import one_line
        line = f"s301 {self.command_name}: {level}: {one_line(reason)}"
        if self.bar is not None and not self.bar.disable:
            self.bar.write(line, file=sys.stderr)
        else:
            print(line, file=sys.stderr)

    def warning(self, reason: str) -> None:
        self.error(reason, "warning")

    def note(self, reason: str) -> None:
        self.error(reason, "note")

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


def _fmt(v) -> str:
    return "-" if v is None else f"{v:.3f}"


def _ranges(years: list[int]) -> str:
    """[1991, 2005, 2006, 2007] -> '1991, 2005-2007'."""
    parts, start, prev = [], None, None
    for y in sorted(years):
        if start is None:
            start = prev = y
        elif y == prev + 1:
            prev = y
        else:
            parts.append(f"{start}-{prev}" if prev != start else str(start))
            start = prev = y
    if start is not None:
        parts.append(f"{start}-{prev}" if prev != start else str(start))
    return ", ".join(parts)


# ----------------------------------------------------------------------------- warehouse commands

@command(DB)
def cmd_init(args) -> int:
    """Create or migrate the warehouse and load every reference table.

    Creates the DuckDB file when it does not exist, brings its tables, macros and views up to
    date, and reloads the reference tables from warehouse/reference/ (documents and evidence stay).

    Example:
      s301 init --db data/s301.duckdb
    """
    from warehouse.status import init_warehouse
    result = init_warehouse(args.db)
    print(f"warehouse ready: {result.path}")
    for name, n in result.counts.items():
        print(f"  {name:<26} {n:>6} rows")
    return 0


@command(DB)
def cmd_status(args) -> int:
    """Row counts, listing-year coverage, the sources of the reference tables and stale facts.

    Opens the warehouse read-only. Says how many stored documents hold facts found by other
    extraction rules than this version's (`s301 reextract` refreshes them).

    Example:
      s301 status --db data/s301.duckdb
    """
    from warehouse import fingerprint
    from warehouse.status import warehouse_status
    status = warehouse_status(args.db)
    print(f"warehouse: {status.path}\n\nrows per table")
    for name, n in status.counts:
        print(f"  {name:<26} {n:>7}")
    print("\nlisting history (year: PFC / PWL / WL / other listed; complete = every list known)")
    for c in status.coverage:
        print(f"  {c.year}: {c.pfc:>2} / {c.pwl:>2} / {c.wl:>2} / {c.other:>2}  "
              f"{'complete' if c.complete else 'partial'}")
    print(f"  complete years ({len(status.complete_years)}): {_ranges(status.complete_years) or 'none'}")
    print("\npiracy rates (country-years covered)")
    if not status.piracy:
        print("  none loaded")
    for p in status.piracy:
        label = "all sectors" if p.sector == "all" else p.sector
        print(f"  {label:<14} {p.country_years:>5} country-years, {p.countries:>3} countries, "
              f"years {p.first_year}-{p.last_year} ({p.rows} rows)")
    print(f"\nsources per reference table (top {SOURCES_SHOWN} by rows)")
    for s in status.sources:
        if s.rank == 1:
            print(f"  {s.table}: {s.n_sources} source(s)")
        if s.rank <= SOURCES_SHOWN:
            print(f"    {s.rows:>5}  {s.source}")
    print(f"\nextracted facts (original documents; rules of this version: {fingerprint.extractor_fingerprint()})")
    print("  " + _staleness_text(status.staleness, status.path))
    return 0


def _staleness_text(st, path) -> str:
    """'1520 documents, all extracted by the current rules' or how many are stale, with the fix."""
    if not st.stale:
        return f"{st.originals} document(s), all extracted by the current rules"
    return (f"{st.stale} of {st.originals} document(s) hold stale facts ({st.other_rules} extracted by other rules, "
            f"{st.unstamped} with no record of their rules): run `s301 reextract --db {shown(path)}`")


@command(PATHS, DB, NO_PROGRESS, JOBS, COUNTRY, YEAR, FOLLOW_LINKS)
def cmd_ingest(args) -> int:
    """Read reports (files or folders) and store documents and evidence.

    Files: .txt, .html/.htm, .pdf and extension-less text; folders are read recursively. Every
    document is stored whole or not at all; a file that cannot be read gives one error line and the
    others are still ingested (exit status 1 if any failed). Re-ingesting stored content adds nothing.
    --country and --year state every report's country and review year (an NTE chapter package
    states its own rows').
    Symbolic links that lead out of a named folder are skipped with a note (--follow-links follows
    them); a folder that cannot be read is an error.

    Example:
      s301 ingest warehouse/samples reports/ --db data/s301.duckdb --jobs 2
      s301 ingest peru_chapter.txt --country Peru --year 2011
    """
    from warehouse.db import default_db_path, open_warehouse
    from warehouse.detect import stated_fields
    from warehouse.fingerprint import staleness
    from warehouse.ingest import close_pool, ingest_paths, make_pool, record_run
    stated_fields(args.country, args.year)   # a bad --country/--year: one line, before any work
    started = dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)
    pool = None
    bar = Progress("ingest", not args.no_progress)
    try:
        pool = make_pool(args.jobs)   # before DuckDB opens: the workers are forked
        con = open_warehouse(args.db)
        try:
            result = ingest_paths(con, args.paths, pool=pool, progress=bar, on_error=bar.error,
                                  on_warning=bar.warning, on_note=bar.note, follow_links=args.follow_links,
                                  country=args.country, review_year=args.year)
            record_run(con, started, result, [shown(p) for p in args.paths])
            stale = staleness(con)
        finally:
            con.close()
    finally:
        bar.close()
        close_pool(pool)
    if stale.stale:
        bar.note(f"{stale.stale} stored document(s) hold facts found by other (or unrecorded) extraction rules: "
                 f"run `s301 reextract --db {shown(args.db or default_db_path())}`")
    print(f"ingested {result.ingested}, duplicate {result.duplicate}, failed {result.failed} "
          f"(unchanged {result.unchanged}, files {result.files}, facts stored {result.facts})")
    return 1 if result.failed else 0


@command(DB, JOBS, NO_PROGRESS)
def cmd_reextract(args) -> int:
    """Extract the stored documents' facts again where the extraction rules have changed.

    Every original document whose stored facts were found by other extraction rules than this
    version's (or by rules not recorded: a warehouse from before the record) is extracted again
    from its stored text, country and year; its facts are replaced whole or not at all, and marked
    as found by the current rules. A second run does nothing. Exit status 1 if any document failed
    (it keeps its old facts).

    Example:
      s301 reextract --db data/s301.duckdb --jobs 2
    """
    from warehouse import fingerprint
    from warehouse.db import open_warehouse
    from warehouse.ingest import close_pool, make_pool
    from warehouse.reextract import reextract
    pool = None
    bar = Progress("reextract", not args.no_progress, unit="doc")
    try:
        pool = make_pool(args.jobs)   # before DuckDB opens: the workers are forked
        con = open_warehouse(args.db)
        try:
            result = reextract(con, pool=pool, progress=bar, on_error=bar.error)
        finally:
            con.close()
    finally:
        bar.close()
        close_pool(pool)
    failed = f", {result.failed} failed (they keep their old facts)" if result.failed else ""
    stored = f" ({result.facts} facts stored)" if result.reextracted else ""
    print(f"{result.reextracted} documents re-extracted{stored}, {result.up_to_date} up to date{failed}; "
          f"extraction rules {fingerprint.extractor_fingerprint()}")
    return 1 if result.failed else 0


@command(PATHS, arg("--out", help="FILE.csv or FILE.jsonl (default: CSV on stdout)"), NO_PROGRESS, JOBS, DB,
         COUNTRY, YEAR, FOLLOW_LINKS, RAW_CSV)
def cmd_extract(args) -> int:
    """Extract facts from reports without writing the warehouse.

    One row per fact (path, document, country, review year, feature, value, sentence and its span)
    as CSV or JSON lines; each distinct document once. Exit status 1 if any file failed. CSV cells
    that a spreadsheet would run as a formula (= + - @ first) get a ' in front (--raw-csv: as they
    are; JSON lines are always raw). --country and --year state every report's country and review year.

    Example:
      s301 extract reports/ --out facts.csv
    """
    from warehouse.detect import stated_fields
    from warehouse.ingest import EXTRACT_COLUMNS, close_pool, extract_paths, make_pool
    from warehouse.safe_csv import escape_row
    stated_fields(args.country, args.year)   # a bad --country/--year: one line, before any output
    out = args.out
    if out and not out.lower().endswith(EXTRACT_SUFFIXES):
        raise S301Error(f"{shown(out)}: --out must end in .csv or .jsonl")
    jsonl = bool(out) and out.lower().endswith((".jsonl", ".ndjson"))
    if out:
        Path(out).parent.mkdir(parents=True, exist_ok=True)
    pool = None
    bar = Progress("extract", not args.no_progress)
    # backslashreplace: whatever slips through as a lone surrogate is written, never a crash
    fh = open(out, "w", newline="", encoding="utf-8", errors="backslashreplace") if out else sys.stdout
    try:
        pool = make_pool(args.jobs)
        if jsonl:
            def write(row: dict) -> None:
                fh.write(json.dumps(row, ensure_ascii=False) + "\n")
        else:
            writer = csv.DictWriter(fh, fieldnames=EXTRACT_COLUMNS)
            writer.writeheader()
            write = writer.writerow if args.raw_csv else (lambda row: writer.writerow(escape_row(row)))
        result = extract_paths(args.paths, write, pool=pool, progress=bar, on_error=bar.error, on_note=bar.note,
                               follow_links=args.follow_links, country=args.country, review_year=args.year)
    finally:
        bar.close()
        close_pool(pool)
        if fh is not sys.stdout:
            fh.close()
    print(f"extracted {result.facts} facts from {result.documents} documents, failed {result.failed}",
          file=sys.stderr)
    return 1 if result.failed else 0


# ----------------------------------------------------------------------------- recommender commands

@command(DB, LABEL_SOURCE,
         arg("--learner", default=None, help="glassbox or boosting (default: the backtest's better one)"),
         arg("--models-dir", default=None, help="where to save (default: the folder of $S301_MODEL, else models/)"),
         arg("--name", default="s301", help="model name: models/<name>.joblib"))
def cmd_train(args) -> int:
    """Train the model on the warehouse and save it with its model card.

    Backtests the glass-box and the boosting learner (unless --learner names one), keeps the better,
    fits it on every labelled country-year and writes <name>.joblib with .card.json,
    .backtest.json and .importance.json beside it.

    Example:
      s301 train --db data/s301.duckdb --label-source ustr --name ustr_only
    """
    from warehouse.db import connect
    from .artifact import default_model_path
    from .training import train_and_save
    models_dir = Path(args.models_dir) if args.models_dir else default_model_path().parent
    path = models_dir / f"{args.name}.joblib"
    con = connect(args.db, read_only=True)
    try:
        result = train_and_save(con, path, label_source=args.label_source, learner=args.learner)
    finally:
        con.close()
    card = result.card
    print(f"trained {card['learner']} on {card['training_rows']} country-years "
          f"(label source {card['label_source']}: {card['label_source_counts']}) in {card['train_seconds']} s")
    print(f"learner: {card['learner_reason']}")
    ag = card["agreement"]
    if ag.get("n_compared"):
        print(f"embassy vs USTR agreement: {ag['n_agree']}/{ag['n_compared']} = {ag['rate']:.0%}")
    if result.backtest:
        m, p = result.backtest.overall["model"], result.backtest.overall["persistence"]
        print(f"backtest of the chosen learner: change AUC {_fmt(m['change_auc'])}, precision of each year's top 10 "
              f"{_fmt(m['precision_at_10'])}; log-loss {m['log_loss']:.3f} vs persistence {p['log_loss']:.3f}, "
              f"accuracy {m['accuracy']:.3f} vs {p['accuracy']:.3f} (full table: s301 backtest)")
    else:
        print(f"no backtest: {card['backtest_error']}")
    print(f"saved {path} (+ .card.json, .backtest.json, .importance.json)")
    return 0


@command(DB, arg("--from", dest="year_from", type=int, default=2000, help="first test year (default 2000)"),
         arg("--to", dest="year_to", type=int, default=None, help="last test year (default: the last complete one)"),
         LABEL_SOURCE, arg("--json", dest="json_out", default=None, help="write the metrics as JSON to this file"))
def cmd_backtest(args) -> int:
    """Rolling-origin backtest against persistence and majority baselines.

    For each test year (a year whose lists are all known) the learner of the saved model (else the
    glass-box one) is trained on earlier years only and predicts that year; persistence and
    majority are scored on the same rows.

    Example:
      s301 backtest --db data/s301.duckdb --from 2007 --json results/backtest.json
    """
    from warehouse.db import connect
    from .artifact import ModelError, read_card, write_json
    from .evaluate import backtest
    try:
        learner = read_card().get("learner") or "glassbox"
    except ModelError:   # no model yet: the glass-box learner
        learner = "glassbox"
    con = connect(args.db, read_only=True)
    try:
        bt = backtest(con, year_from=args.year_from, year_to=args.year_to, label_source=args.label_source,
                      learner=learner)
    finally:
        con.close()
    print_headline(bt)
    ag = bt.agreement or {}
    if ag.get("n_compared"):
        print(f"  embassy recommendations vs USTR placements: {ag['n_agree']}/{ag['n_compared']} agree "
              f"({ag['rate']:.0%}); embassy higher {ag['embassy_higher']}, lower {ag['embassy_lower']}")
    for p in bt.per_year:
        m, q = p["model"], p["persistence"]
        print(f"    {p['year']}: n={p['n']:>3}  acc {m['accuracy']:.3f} vs {q['accuracy']:.3f}  "
              f"log-loss {m['log_loss']:.3f} vs {q['log_loss']:.3f}  changes {m['n_changes']:>2}  "
              f"caught in top 10: {round((m['recall_at_10'] or 0) * m['n_changes'])}  change AUC {_fmt(m['change_auc'])}")
    if args.json_out:
        write_json(args.json_out, bt.to_dict())
        print(f"wrote {args.json_out}")
    return 0


def print_headline(bt, title: str = "backtest") -> None:
    """The headline tables: model vs persistence vs majority; how P(change) ranks the moves; the goals."""
    years = bt.years
    print(f"\n{title}: {bt.learner} model, label source {bt.label_source}, "
          f"test years {min(years)}-{max(years)} ({len(years)} years, trained on earlier years only)")
    print(f"  {'':<12}{'accuracy':>9}{'macro_f1':>9}{'mae_tier':>9}{'log_loss':>9}{'n':>7}")
    for name in ("model", "persistence", "majority"):
        m = bt.overall[name]
        cells = [_fmt(m[k]) for k in ("accuracy", "macro_f1", "mae_tier", "log_loss")]
        print(f"  {name:<12}" + "".join(f"{c:>9}" for c in cells) + f"{m['n']:>7}")
    m, p = bt.overall["model"], bt.overall["persistence"]
    print(f"  moves: {m['n_change']} of {m['n']} country-years changed tier ({m['n_up']} up, {m['n_down']} down); "
          f"P(change) = 1 - P(last year's tier) ranks them:")
    print(f"  {'':<12}{'AUC':>7}{'prec@5':>8}{'rec@5':>7}{'prec@10':>9}{'rec@10':>8}")
    for kind, label in (("", "any move"), ("_up", "up"), ("_down", "down")):
        auc = m["change_auc" if not kind else f"{kind[1:]}_auc"]
        cells = [_fmt(auc), _fmt(m[f"precision_at_5{kind}"]), _fmt(m[f"recall_at_5{kind}"]),
                 _fmt(m[f"precision_at_10{kind}"]), _fmt(m[f"recall_at_10{kind}"])]
        print(f"  {label:<12}" + "".join(f"{c:>{w}}" for c, w in zip(cells, (7, 8, 7, 9, 8))))
    s306 = bt.section_306
    if s306 and s306.get("n"):
        print(f"  Section 306 flag (last year's flag carried forward): {s306['accuracy']:.3f} of {s306['n']} "
              f"USTR rows right; {s306['flagged_caught']} of {s306['n_flagged']} flagged rows caught, "
              f"{s306['entries']} entries and {s306['exits']} exits missed")
    short = []
    if not bt.goals["change_auc_at_least_0.80"]:
        short.append(f"change AUC {_fmt(m['change_auc'])} (goal 0.80)")
    if not bt.goals["precision_at_10_at_least_0.30"]:
        short.append(f"precision of each year's top 10 {_fmt(m['precision_at_10'])} (goal 0.30)")
    if not bt.goals["accuracy_not_below_persistence"]:
        short.append(f"accuracy {m['accuracy']:.3f} is below persistence {p['accuracy']:.3f}")
    if not bt.goals["log_loss_10pct_below_persistence"]:
        short.append(f"log-loss {m['log_loss']:.3f} is not 10% below persistence {p['log_loss']:.3f}")
    reduction = 1 - m["log_loss"] / p["log_loss"]
    print(f"  log-loss {reduction:.0%} below persistence; "
          + ("falls short: " + "; ".join(short) if short else "meets every goal"))


@command(DB, arg("--json", action="store_true", help="print JSON"), MODEL)
def cmd_importance(args) -> int:
    """Global feature importance: permutation on the backtest and the model's own.

    Reads <model>.importance.json, written by `s301 train`.

    Example:
      s301 importance --model models/s301.joblib --json
    """
    from .artifact import artifact_path, load_model, read_json
    model = load_model(args.model)
    report = read_json(artifact_path(model.path, "importance"), "importance file")
    if args.json:
        print(json.dumps(report, indent=2))
        return 0
    print(f"permutation importance on the backtest ({report['permutation_note']}):")
    for r in report["permutation"][:TOP_SHOWN]:
        print(f"  {r['log_loss_increase']:+.4f} ± {r['log_loss_increase_std']:.4f}  acc -{r['accuracy_drop']:.3f}  "
              f"{r['label']} ({r['feature']})")
    print(f"\nthe model's own ({report['model']['kind']}):")
    for r in report["model"]["features"][:TOP_SHOWN]:
        print(f"  {r['importance']:.4f}  {r['label']} ({r['feature']})")
    return 0


@command(arg("country", help="ISO3 code or name"), arg("year", type=int), DB,
         arg("--json", action="store_true", help="print JSON"), MODEL)
def cmd_explain(args) -> int:
    """Explain the forecast for one country and review year.

    Probabilities, each feature's contribution, the evidence sentences behind the text features and
    the smallest realistic set of changes that moves the forecast one tier down.

    Example:
      s301 explain Brazil 2026 --db data/s301.duckdb
    """
    from warehouse.db import connect
    from .artifact import load_model
    from .explain import explain, show_value
    model = load_model(args.model)
    con = connect(args.db, read_only=True)
    try:
        ex = explain(model, con, args.country, args.year)
    finally:
        con.close()
    if args.json:
        print(json.dumps(ex.to_dict(), indent=2))
        return 0
    print(ex.summary)
    print("\nprobabilities: " + "  ".join(f"{t} {p:.3f}" for t, p in ex.probabilities.items()))
    print("moves from " + str(ex.current_status) + ": " + "  ".join(f"{k} {v:.3f}" for k, v in ex.move_probabilities.items()))
    for move in ex.base_value:
        mine = sorted((c for c in ex.contributions if c["move"] == move), key=lambda c: -abs(c["contribution"]))
        print(f"\ncontributions to the {ex.output_kind}, move {move} (base {ex.base_value[move]:+.3f}, "
              f"output {ex.output[move]:+.3f}):")
        for c in mine[:EXPLAIN_SHOWN]:
            print(f"  {c['contribution']:+.3f}  {c['label']} = {show_value(c['value'])}")
    if ex.signals:
        print("\nleading signals:")
        for sig in ex.signals:
            print(f"  {sig['text']}  ({sig['source']})")
    if ex.evidence:
        print("\nevidence:")
        for e in ex.evidence[:EXPLAIN_SHOWN]:
            print(f"  [{e['feature']}] {_fact_text(e)}: {e['sentence'][:160]}  "
                  f"({e['doc_id']} {e['char_start']}-{e['char_end']})")
    if ex.counterfactual:
        print(f"\ncounterfactual -> {ex.counterfactual['new_status']}: " + "; ".join(ex.counterfactual["actions"]))
    return 0


def _fact_text(e: dict) -> str:
    """'658 (2007)', 'lacks', 'WCT status=ratified': the extracted value behind one evidence line."""
    value = e["value"]
    try:
        number = float(value)
        value = f"{number:,.0f}" if number.is_integer() else f"{number:,g}"
    except (TypeError, ValueError):
        pass
    text = f"{e['evidence_feature']} = {value}"
    if e["qualifier"]:
        text += f" [{e['qualifier']}]"
    if e["ref_year"]:
        text += f" ({e['ref_year']})"
    return text


@command(DB, MODEL, arg("--year", type=int, default=None, help="review year (default: the next report)"),
         arg("--top", type=int, default=10, help="how many countries (default 10)"),
         arg("--json", action="store_true", help="print JSON"))
def cmd_alerts(args) -> int:
    """Watch alerts: the countries most likely to move at the next report, with reasons.

    Ranks every country by P(change) = 1 - P(it stays at its current tier), says which way it is
    likely to move, and gives the two or three features that push that move the most with the
    evidence behind them (the report sentence, IIPA's or the post's request, an announced
    out-of-cycle review). Starts with what is known of the last report.

    Example:
      s301 alerts --top 10 --db data/s301.duckdb
    """
    from warehouse.db import connect
    from .alerts import alerts
    from .artifact import load_model
    if args.top < 1:
        raise S301Error(f"--top must be at least 1 (got {args.top})")
    model = load_model(args.model)
    con = connect(args.db, read_only=True)
    try:
        found = alerts(model, con, year=args.year, top=args.top)
    finally:
        con.close()
    if args.json:
        print(json.dumps(found.to_dict(), indent=2))
        return 0
    if found.last_report:
        print(found.last_report.describe() + "\n")
    print(f"watch alerts for the {found.year} review: the {len(found.alerts)} countries most likely to move")
    for a in found.alerts:
        since = f" in the {a.current_status_year} report" if a.current_status_year else ""
        print(f"\n{a.rank:>2}. {a.name} ({a.country_iso3}): {a.current_status}{since}; P(change) {a.p_change:.0%} "
              f"(up {a.p_up:.0%}, down {a.p_down:.0%}); likely {a.direction}; forecast {a.predicted_status} "
              f"({a.probabilities[a.predicted_status]:.0%})" + ("; previous placement forecast first" if a.chained else ""))
        for r in a.reasons:
            print(f"      {r['contribution']:+.2f}  {r['label']} = {r['value']}")
            for e in r["evidence"]:
                print(f"             \"{e['text'][:150]}\"  ({e['source'][:120]})")
    return 0


@command(arg("country", help="ISO3 code or name"), arg("year", type=int, nargs="?", default=None,
                                                       help="review year (default: the latest with reports)"),
         DB, arg("--all", dest="show_all", action="store_true", help="also list the facts that did not change"),
         arg("--json", action="store_true", help="print JSON"))
def cmd_brief(args) -> int:
    """What changed in a country's reports since the last review, fact by fact.

    Compares the facts extracted from the reports of a review (enforcement figures, ex officio
    authority, treaty acts, piracy rates, markets) with those of the latest earlier review that has
    reports: new, gone, up, down or changed, each with its sentence and document.

    Example:
      s301 brief China 2009 --db data/s301.duckdb
    """
    from warehouse.db import connect
    from .brief import brief
    con = connect(args.db, read_only=True)
    try:
        found = brief(con, args.country, args.year)
    finally:
        con.close()
    if args.json:
        print(json.dumps(found.to_dict(), indent=2))
        return 0
    since = (f"against the {found.previous_year} review ({found.previous_documents} document(s))"
             if found.previous_year else "(no earlier review with reports: every fact is new)")
    print(f"{found.name} ({found.country_iso3}), {found.year} review ({found.documents} document(s)) {since}")
    shown = [c for c in found.changes if args.show_all or c.change != "same"]
    for c in shown:
        years = f" ({c.before_year or '?'} -> {c.after_year or '?'})" if c.before_year or c.after_year else ""
        print(f"\n  {c.change:<7} {c.subject}: {c.before or '-'} -> {c.after or '-'}{years}")
        if c.sentence_after:
            print(f"          now: \"{c.sentence_after[:160]}\" ({c.doc_after})")
        if c.sentence_before and c.change != "same":
            print(f"       before: \"{c.sentence_before[:160]}\" ({c.doc_before})")
    unchanged = sum(c.change == "same" for c in found.changes)
    if unchanged and not args.show_all:
        print(f"\n  ({unchanged} fact(s) unchanged; --all lists them)")
    return 0


@command(PATHS, arg("--out", required=True, help="FILE.csv or FILE.parquet"), DB, MODEL, NO_PROGRESS, JOBS,
         COUNTRY, YEAR, RAW_CSV)
def cmd_score(args) -> int:
    """Score a folder of country reports: one row per report.

    Each report is read and its facts extracted; the forecast for its country and review comes from
    the warehouse's data with the report added (the warehouse itself is not written; a report it
    holds already is scored as stored). A file that cannot be read or scored gives a row with its
    error. --country and --year state every report's country and review year. CSV cells that a
    spreadsheet would run as a formula get a ' in front (--raw-csv: as they are; Parquet is always raw).

    Example:
      s301 score reports/ --out scores.csv --db data/s301.duckdb --jobs 2
      s301 score peru_chapter.txt --country Peru --year 2011 --out peru.csv
    """
    if Path(args.out).suffix.lower() not in SCORE_SUFFIXES:
        raise S301Error(f"{shown(args.out)}: output must end in .csv or .parquet")
    from warehouse.db import connect
    from warehouse.detect import stated_fields
    from warehouse.ingest import close_pool, make_pool
    stated_fields(args.country, args.year)   # a bad --country/--year: one line, before any work
    pool = None
    bar = Progress("score", not args.no_progress)
    try:
        pool = make_pool(args.jobs)   # before DuckDB opens: the workers are forked
        con = connect(args.db, read_only=True)
        try:
            from .score import score_paths, write_scores

            def model():   # scikit-learn takes seconds to import: loaded while the workers read
                from .artifact import load_model
                return load_model(args.model)
            frame = score_paths(args.paths, model, con, pool=pool, country=args.country,
                                review_year=args.year, progress=bar)
        finally:
            con.close()
    finally:
        bar.close()
        close_pool(pool)
    out = write_scores(frame, args.out, raw=args.raw_csv)
    bad = int(frame["error"].notna().sum())
    print(f"scored {len(frame) - bad} report(s), {bad} error row(s) -> {out}")
    return 0


# ----------------------------------------------------------------------------- parser and main

def _help_parts(fn) -> tuple[str, str, str]:
    """(summary line, description, example) of a command's docstring."""
    doc = inspect.cleandoc(fn.__doc__ or "")
    body, _, example = doc.partition("\nExample:")
    return doc.splitlines()[0] if doc else "", body.strip(), f"Example:{example}" if example else ""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="s301", description="Special 301 watch-list recommender.", epilog=EXIT_STATUSES,
        formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for cmd in COMMANDS.values():
        summary, description, example = _help_parts(cmd.run)
        p = sub.add_parser(cmd.name, help=summary, description=description, epilog=example,
                           formatter_class=argparse.RawDescriptionHelpFormatter)
        for flags, options in cmd.arguments:
            p.add_argument(*flags, **options)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run one command; returns its exit status (argparse's 2 for bad arguments, 0 for --help)."""
    _safe_streams()
    try:
        args = build_parser().parse_args(argv)
    except SystemExit as exc:
        return int(exc.code or 0)
    try:
        status = COMMANDS[args.command].run(args)
        sys.stdout.flush()   # here, not at exit: a closed pipe is handled below
        return status
    except BrokenPipeError:
        return _output_closed()
    except KeyboardInterrupt:
        return _fail(args.command, "interrupted", 130)
    except S301Error as exc:
        return _fail(args.command, f"error: {exc}")
    except OSError as exc:   # an output file or folder that cannot be written, a file that vanished
        where = f"{_shown(exc.filename)}: " if exc.filename is not None else ""
        return _fail(args.command, f"error: {where}{exc.strerror or type(exc).__name__}")
    except Exception as exc:
        from warehouse.db import damaged, interrupted
        if interrupted(exc):      # Ctrl-C while DuckDB ran a query
            return _fail(args.command, "interrupted", 130)
        duckdb = sys.modules.get("duckdb")
        if duckdb is not None and isinstance(exc, duckdb.Error):   # e.g. a truncated warehouse file
            return _fail(args.command, f"error: {damaged(getattr(args, 'db', None), exc)}")
        raise


def _shown(path) -> str:
    return shown(path)


def _fail(command_name: str, message: str, status: int = 2) -> int:
    """Print `s301 COMMAND: message` on stderr (one line) and return the exit status."""
    from warehouse.errors import one_line
    try:
        print(f"s301 {command_name}: {one_line(message)}", file=sys.stderr)
    except (OSError, ValueError):   # stderr closed too: nothing more to say
        pass
    return status


def _safe_streams() -> None:
    """Text that cannot be encoded (a lone surrogate from a file name that is not UTF-8) is written
    escaped, never a UnicodeEncodeError."""
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.reconfigure(errors="backslashreplace")
        except (AttributeError, ValueError, OSError):
            pass


def _output_closed() -> int:
    """stdout was closed by its reader (`s301 status | head -1`): stop quietly, as standard tools do
    (exit status 141 = 128 + SIGPIPE, what the shell shows for them). Further writes, including the
    interpreter's final flush, go to /dev/null."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):
        pass
    return 141


if __name__ == "__main__":
    sys.exit(main())

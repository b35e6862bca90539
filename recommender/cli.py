"""The `s301` command: one subcommand per user task, each handled by the module that owns it.

Handlers are imported lazily so that `s301 status` does not pay for scikit-learn. Every handler
takes the parsed arguments and returns the exit status. Errors meant for users (S301Error) are
printed as one line on stderr with exit status 2, never as a traceback.
"""
from __future__ import annotations

import argparse
import importlib
import sys

from warehouse.errors import S301Error

LABEL_SOURCES = ("embassy-first", "ustr", "embassy")

# subcommand -> "module:function"
HANDLERS = {
    "init": "warehouse.status:cli_init",
    "status": "warehouse.status:cli_status",
    "ingest": "warehouse.ingest:cli_ingest",
    "extract": "warehouse.ingest:cli_extract",
    "train": "recommender.model:cli_train",
    "backtest": "recommender.evaluate:cli_backtest",
    "importance": "recommender.evaluate:cli_importance",
    "explain": "recommender.explain:cli_explain",
    "score": "recommender.score:cli_score",
}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="s301", description="Special 301 watch-list recommender.")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def command(name: str, help_text: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help_text, description=help_text)
        p.add_argument("--db", help="DuckDB file (default: $S301_DB or data/s301.duckdb)")
        return p

    command("init", "Create or migrate the warehouse and load every reference table.")
    command("status", "Row counts, listing-year coverage and the sources of the reference tables.")

    p = command("ingest", "Read reports (files or folders) and store documents and evidence.")
    p.add_argument("paths", nargs="+", metavar="PATH")
    p.add_argument("--no-progress", action="store_true", help="no progress bar")
    p.add_argument("--jobs", type=int, default=1, help="worker processes for reading and extraction (default 1)")

    p = command("extract", "Extract facts from reports without writing the warehouse.")
    p.add_argument("paths", nargs="+", metavar="PATH")
    p.add_argument("--out", help="FILE.csv or FILE.jsonl (default: CSV on stdout)")
    p.add_argument("--no-progress", action="store_true", help="no progress bar")
    p.add_argument("--jobs", type=int, default=1, help="worker processes for reading and extraction (default 1)")

    p = command("train", "Train the model on the warehouse and save it with its model card.")
    p.add_argument("--label-source", choices=LABEL_SOURCES, default="embassy-first")
    p.add_argument("--learner", default=None, help="glassbox or boosting (default: the backtest's better one)")
    p.add_argument("--models-dir", default=None, help="where to save (default: models/)")
    p.add_argument("--name", default="s301", help="model name: models/<name>.joblib")

    p = command("backtest", "Rolling-origin backtest against persistence and majority baselines.")
    p.add_argument("--from", dest="year_from", type=int, default=2000)
    p.add_argument("--to", dest="year_to", type=int, default=None)
    p.add_argument("--label-source", choices=LABEL_SOURCES, default="embassy-first")
    p.add_argument("--json", dest="json_out", default=None, help="write the metrics as JSON to this file")

    p = command("importance", "Global feature importance: permutation on the backtest and the model's own.")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.add_argument("--model", default=None, help="model file (default: models/s301.joblib)")

    p = command("explain", "Explain the forecast for one country and review year.")
    p.add_argument("country", help="ISO3 code or name")
    p.add_argument("year", type=int)
    p.add_argument("--json", action="store_true", help="print JSON")
    p.add_argument("--model", default=None, help="model file (default: models/s301.joblib)")

    p = command("score", "Score a folder of country reports: one row per report.")
    p.add_argument("paths", nargs="+", metavar="PATH")
    p.add_argument("--out", required=True, help="FILE.csv or FILE.parquet")
    p.add_argument("--model", default=None, help="model file (default: models/s301.joblib)")
    p.add_argument("--no-progress", action="store_true", help="no progress bar")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    module_name, func_name = HANDLERS[args.command].split(":")
    try:
        handler = getattr(importlib.import_module(module_name), func_name)
        return int(handler(args) or 0)
    except S301Error as exc:
        print(f"s301 {args.command}: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print(f"s301 {args.command}: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())

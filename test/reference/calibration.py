"""calibration.py — scikit-learn and statsmodels reference values for the data sets written by
make_calibration_data.R, and a cross-check of calibration.R's values.

For each test/reference/data/calibration_<set>.csv (columns case_id, p, y, w) it writes

  test/reference/expected/pr_<set>.json
      scikit-learn: average_precision_score, precision_recall_curve, brier_score_loss, and the
      maximum F1 over the curve's thresholds (exact rational comparison, ties -> highest
      threshold, checked with f1_score); unweighted and with sample_weight = w.
  test/reference/expected/calibration_statsmodels_<set>.json
      statsmodels GLM(Binomial) with offset logit(p) (calibration-in-the-large) and with
      logit(p) as covariate (slope), freq_weights = w for the weighted fit; net benefit
      recomputed with numpy; and the largest differences from calibration.R's JSON.

The script fails (AssertionError) if scikit-learn's weighted results differ from those on
rows duplicated w times, or if its statsmodels / numpy values disagree with calibration.R's
beyond the stated tolerances. Run calibration.R first.

Run from the repository root:  /usr/bin/python3 test/reference/calibration.py
(Debian bookworm: python3-sklearn 1.2.1, python3-statsmodels 0.13.5, numpy 1.24.2.)
"""

import csv
import json
import platform
import warnings
from fractions import Fraction
from pathlib import Path

import numpy as np
import sklearn
import statsmodels
import statsmodels.api as sm
from statsmodels.tools.sm_exceptions import PerfectSeparationError
from sklearn.metrics import average_precision_score, brier_score_loss, f1_score, precision_recall_curve

SETS = ["well", "overconfident", "ties", "imbalanced", "clamped", "separation"]
DATA = Path("test/reference/data")
EXPECTED = Path("test/reference/expected")
CLAMP = 1e-15
VERSIONS = {
    "python": platform.python_version(),
    "sklearn": sklearn.__version__,
    "statsmodels": statsmodels.__version__,
    "numpy": np.__version__,
}


def read_set(name):
    with open(DATA / f"calibration_{name}.csv", newline="") as handle:
        rows = list(csv.DictReader(handle))
    p = np.array([float(r["p"]) for r in rows])
    y = np.array([int(r["y"]) for r in rows])
    w = np.array([int(r["w"]) for r in rows])
    return p, y, w


def maximum_f1(p, y, w):
    """Largest F1 = 2TP/(TP + FP + P) over distinct thresholds (score >= t), ties -> highest t."""
    keep = w > 0
    positives = int(np.sum(w[y == 1]))
    best = None
    for t in sorted(set(p[keep].tolist()), reverse=True):
        called = p >= t
        tp = int(np.sum(w[called & (y == 1)]))
        fp = int(np.sum(w[called & (y == 0)]))
        f1 = Fraction(2 * tp, tp + fp + positives)
        if best is None or f1 > best[0]:
            best = (f1, t, tp, fp)
    f1, t, tp, fp = best
    check = f1_score(y, (p >= t).astype(int), sample_weight=w)
    assert abs(check - float(f1)) < 1e-12, (check, float(f1))
    return {"f1": float(f1), "threshold": t, "precision": tp / (tp + fp), "recall": tp / positives}


def sklearn_measures(p, y, w):
    weights = None if w is None else w.astype(float)
    precision, recall, thresholds = precision_recall_curve(y, p, sample_weight=weights)
    return {
        "average_precision": average_precision_score(y, p, sample_weight=weights),
        "brier": brier_score_loss(y, p, sample_weight=weights),
        # precision_recall_curve returns ascending thresholds and appends (precision 1, recall 0)
        "curve": {
            "thresholds": thresholds.tolist(),
            "precision": precision[:-1].tolist(),
            "recall": recall[:-1].tolist(),
        },
        "maximum_f1": maximum_f1(p, y, np.ones_like(y) if w is None else w),
    }


def glm(y, columns, offset, w):
    exog = np.column_stack([np.ones(len(y))] + columns)
    model = sm.GLM(y, exog, family=sm.families.Binomial(), offset=offset, freq_weights=w)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            fit = model.fit(method="IRLS", tol=1e-14, maxiter=100)
        except PerfectSeparationError as error:
            return {"error": f"PerfectSeparationError: {error}"}
    return {
        "coefficients": fit.params.tolist(),
        "se": fit.bse.tolist(),
        "converged": bool(fit.converged),
        "warnings": sorted({str(c.message).splitlines()[0] for c in caught}),
    }


def net_benefit(p, y, w):
    n = w.sum()
    out = []
    for k in range(1, 100):
        t = k / 100
        called = p >= t
        tp = w[called & (y == 1)].sum()
        fp = w[called & (y == 0)].sum()
        out.append(tp / n - fp / n * (t / (1 - t)))
    return out


def main():
    for name in SETS:
        p, y, w = read_set(name)
        r_calibration = json.loads((EXPECTED / f"calibration_{name}.json").read_text())
        r_decision = json.loads((EXPECTED / f"decision_curve_{name}.json").read_text())

        unweighted = sklearn_measures(p, y, None)
        weighted = sklearn_measures(p, y, w)
        duplicated = sklearn_measures(np.repeat(p, w), np.repeat(y, w), None)
        assert abs(weighted["average_precision"] - duplicated["average_precision"]) < 1e-12
        assert weighted["curve"]["thresholds"] == duplicated["curve"]["thresholds"]
        assert weighted["maximum_f1"] == duplicated["maximum_f1"]
        pr = {
            "generated_by": "test/reference/calibration.py",
            "versions": VERSIONS,
            "data": str(DATA / f"calibration_{name}.csv"),
            "unweighted": unweighted,
            "weighted": weighted,
        }
        (EXPECTED / f"pr_{name}.json").write_text(json.dumps(pr, indent=1) + "\n")

        logit = np.log(np.clip(p, CLAMP, 1 - CLAMP) / (1 - np.clip(p, CLAMP, 1 - CLAMP)))
        differences = {}
        result = {
            "generated_by": "test/reference/calibration.py",
            "versions": VERSIONS,
            "data": str(DATA / f"calibration_{name}.csv"),
        }
        for label, weights in (("unweighted", np.ones_like(y)), ("weighted", w)):
            keep = weights > 0
            intercept = glm(y[keep], [], logit[keep], weights[keep])
            slope = glm(y[keep], [logit[keep]], None, weights[keep])
            nb = net_benefit(p, y, weights)
            r = r_calibration[label]
            rd = [point["net_benefit"] for point in r_decision[label]["points"]]
            brier = brier_score_loss(y, p, sample_weight=weights.astype(float))
            result[label] = {"intercept": intercept, "slope": slope, "net_benefit": nb}
            separated = name == "separation"
            differences[label] = {
                "brier": abs(brier - r["brier"]),
                "intercept": abs(intercept["coefficients"][0] - r["intercept"]["estimate"]),
                "intercept_se": abs(intercept["se"][0] - r["intercept"]["se_at_estimate"]),
                "slope": None if separated else abs(slope["coefficients"][1] - r["slope"]["estimate"]),
                "slope_se": None if separated else abs(slope["se"][1] - r["slope"]["se_at_estimate"]),
                "net_benefit": max(abs(a - b) for a, b in zip(nb, rd)),
            }
            d = differences[label]
            assert d["brier"] < 1e-14 and d["net_benefit"] < 1e-14, d
            assert d["intercept"] < 1e-9 and d["intercept_se"] < 1e-7, d
            if separated:
                assert "error" in slope, "statsmodels should refuse the separated slope fit"
            else:
                assert d["slope"] < 1e-9 and d["slope_se"] < 1e-7, d
        result["max_abs_difference_from_calibration_R"] = differences
        (EXPECTED / f"calibration_statsmodels_{name}.json").write_text(json.dumps(result, indent=1) + "\n")
        print(f"{name}: AP {unweighted['average_precision']:.6f}, R vs statsmodels/sklearn/numpy: {differences}")


if __name__ == "__main__":
    main()

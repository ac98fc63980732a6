#!/usr/bin/python3
"""crosscheck.py — re-derive the R reference values with Python (NumPy / SciPy /
statsmodels / scikit-learn) and fail loudly on any disagreement.

Writes nothing: it only reads test/reference/data/*.csv and test/reference/expected/*.json.
Run from the repository root with Debian's interpreter (it has the packages):

    /usr/bin/python3 test/reference/crosscheck.py

What is checked, independently of R:
  * AUC (sklearn roc_auc_score), DeLong variance / covariance / paired and unpaired z, p
    and CI (own NumPy placements), ROC points and operating-point counts (NumPy), the
    operating-point rules (re-implemented), partial AUC (own piecewise-linear integration
    of the empirical ROC polyline) and its McClish correction;
  * McNemar: exact (scipy binomtest, statsmodels mcnemar(exact=True)), mid-p (scipy
    binom), chi-square with and without correction (scipy chi2 and statsmodels);
  * Newcombe method 10 (re-implemented) and Tango (the restricted MLE found by numerical
    maximisation in SciPy, then root-finding with brentq; compared at 1e-7);
  * Wilson / Clopper-Pearson / Jeffreys (statsmodels proportion_confint), likelihood ratios;
  * Holm adjustment (statsmodels multipletests).
"""
import csv
import json
import math
import os
import sys

import numpy as np
from scipy import stats, optimize
from sklearn.metrics import roc_auc_score
from statsmodels.stats.contingency_tables import mcnemar as sm_mcnemar
from statsmodels.stats.multitest import multipletests
from statsmodels.stats.proportion import proportion_confint

ROOT = os.path.join("test", "reference")
checked = 0
failures = []


def close(a, b, what, tol=1e-12):
    global checked
    checked += 1
    if a is None or b is None:
        if a is not b:
            failures.append(f"{what}: {a!r} vs {b!r}")
        return
    if not (abs(a - b) <= tol * max(1.0, abs(b))):
        failures.append(f"{what}: {a!r} vs {b!r} (diff {abs(a - b):.3g})")


def same(a, b, what):
    global checked
    checked += 1
    if a != b:
        failures.append(f"{what}: {a!r} vs {b!r}")


# ----------------------------------------------------------------------------------------
def read_csv(path):
    with open(path) as f:
        rows = list(csv.DictReader(f))
    cols = [c for c in rows[0].keys() if c not in ("case_id", "y")]
    y = np.array([int(r["y"]) for r in rows])
    scores = {c: np.array([float(r[c]) for r in rows]) for c in cols}
    return y, cols, scores


def placements(s, y):
    pos, neg = s[y == 1], s[y == 0]
    psi = (pos[:, None] > neg[None, :]) + 0.5 * (pos[:, None] == neg[None, :])
    return psi.mean(), psi.mean(axis=1), psi.mean(axis=0)


def roc_polyline(s, y):
    """(fpr, tpr) points for thresholds +Inf, then every distinct score descending."""
    P, N = (y == 1).sum(), (y == 0).sum()
    pts = [(0.0, 0.0)]
    for t in sorted(set(s.tolist()), reverse=True):
        pts.append((((s >= t) & (y == 0)).sum() / N, ((s >= t) & (y == 1)).sum() / P))
    return np.array(pts)


def integrate_clipped(xs, ys, lo, hi):
    """Integral of the polyline (xs nondecreasing) over x in [lo, hi]."""
    total = 0.0
    for i in range(len(xs) - 1):
        x0, x1, y0, y1 = xs[i], xs[i + 1], ys[i], ys[i + 1]
        if x1 <= x0:
            continue
        a, b = max(x0, lo), min(x1, hi)
        if b <= a:
            continue
        ya = y0 + (y1 - y0) * (a - x0) / (x1 - x0)
        yb = y0 + (y1 - y0) * (b - x0) / (x1 - x0)
        total += (b - a) * (ya + yb) / 2
    return total


def partial_auc(s, y, focus, lo):
    pts = roc_polyline(s, y)
    fpr, tpr = pts[:, 0], pts[:, 1]
    if focus == "specificity":   # integral of sensitivity over specificity in [lo, 1]
        return integrate_clipped(fpr, tpr, 0.0, 1.0 - lo)
    # integral of specificity over sensitivity in [lo, 1]
    return integrate_clipped(tpr, 1.0 - fpr, lo, 1.0)


def choose(s, y, rule, value):
    P, N = int((y == 1).sum()), int((y == 0).sum())
    ts = sorted(set(s.tolist()))
    tp = [int(((s >= t) & (y == 1)).sum()) for t in ts]
    tn = [int(((s < t) & (y == 0)).sum()) for t in ts]
    if rule == "minSensitivity":
        return max(t for t, a in zip(ts, tp) if a / P >= value)
    if rule == "minSpecificity":
        ok = [(t, a) for t, a, b in zip(ts, tp, tn) if b / N >= value]
        best = max(a for _, a in ok)
        return min(t for t, a in ok if a == best)
    if rule == "youden":
        j = [a * N + b * P for a, b in zip(tp, tn)]   # exact integers
        best = max(j)
        return max(t for t, v in zip(ts, j) if v == best)
    return value


def wilson(x, n, level):
    z = stats.norm.ppf(1 - (1 - level) / 2)
    c, h = x + z * z / 2, z * math.sqrt(x * (n - x) / n + z * z / 4)
    return (c - h) / (n + z * z), (c + h) / (n + z * z)


def newcombe10(n11, n12, n21, n22, level):
    n = n11 + n12 + n21 + n22
    p1, p2 = (n11 + n12) / n, (n11 + n21) / n
    l1, u1 = wilson(n11 + n12, n, level)
    l2, u2 = wilson(n11 + n21, n, level)
    margins = [n11 + n12, n21 + n22, n11 + n21, n12 + n22]
    if min(margins) == 0:
        phi = 0.0
    else:
        A = n11 * n22 - n12 * n21
        A = A - n / 2 if A > n / 2 else (0 if A >= 0 else A)
        phi = A / math.sqrt(float(np.prod(margins)))
    d = p1 - p2
    L = d - math.sqrt((p1 - l1) ** 2 - 2 * phi * (p1 - l1) * (u2 - p2) + (u2 - p2) ** 2)
    U = d + math.sqrt((p2 - l2) ** 2 - 2 * phi * (p2 - l2) * (u1 - p1) + (u1 - p1) ** 2)
    return L, U


def tango_numeric(n11, n12, n21, n22, level):
    """Tango's score interval with the restricted MLE of p21 found numerically."""
    n = n11 + n12 + n21 + n22
    z = stats.norm.ppf(1 - (1 - level) / 2)

    def q_ml(d0):
        lo, hi = max(0.0, -d0), (1 - d0) / 2

        def negll(q):
            v = 0.0
            if n12:
                v += n12 * math.log(max(q + d0, 1e-300))
            if n21:
                v += n21 * math.log(max(q, 1e-300))
            if n11 + n22:
                v += (n11 + n22) * math.log(max(1 - 2 * q - d0, 1e-300))
            return -v

        return optimize.minimize_scalar(negll, bounds=(lo, hi), method="bounded",
                                        options={"xatol": 1e-14}).x

    def T(d0):
        num = n12 - n21 - n * d0
        den = math.sqrt(n * (2 * q_ml(d0) + d0 * (1 - d0)))
        if den == 0:   # only at d0 = the estimate with no discordant pairs
            return 0.0 if num == 0 else math.copysign(math.inf, num)
        return num / den

    d = (n12 - n21) / n
    eps = 1e-9
    L = -1.0 if d == -1 else optimize.brentq(lambda v: T(v) - z, -1 + eps, d, xtol=1e-13)
    U = 1.0 if d == 1 else optimize.brentq(lambda v: T(v) + z, d, 1 - eps, xtol=1e-13)
    return L, U


def check_paired(e, where, level):
    n11, n12, n21, n22 = e["n11"], e["b"] if "b" in e else e["n12"], e["c"] if "c" in e else e["n21"], e["n22"]
    b, c = n12, n21
    m = b + c
    mc = e["mcnemar"]
    if m == 0:
        for k in ("exact", "midp", "chisq", "chisqCc"):
            close(mc[k], 1.0, f"{where} mcnemar {k}")
    else:
        close(mc["exact"], min(1.0, stats.binomtest(b, m, 0.5).pvalue), f"{where} exact (scipy)")
        close(mc["exact"], sm_mcnemar([[n11, b], [c, n22]], exact=True).pvalue, f"{where} exact (statsmodels)")
        k = min(b, c)
        midp = 1.0 if b == c else 2 * stats.binom.cdf(k, m, 0.5) - stats.binom.pmf(k, m, 0.5)
        close(mc["midp"], midp, f"{where} midp")
        close(mc["chisqStatistic"], (b - c) ** 2 / m, f"{where} chisq stat")
        close(mc["chisq"], stats.chi2.sf((b - c) ** 2 / m, 1), f"{where} chisq p")
        close(mc["chisq"], sm_mcnemar([[n11, b], [c, n22]], exact=False, correction=False).pvalue,
              f"{where} chisq p (statsmodels)")
        cc = 0.0 if b == c else (abs(b - c) - 1) ** 2 / m
        close(mc["chisqCcStatistic"], cc, f"{where} chisq-cc stat")
        close(mc["chisqCc"], stats.chi2.sf(cc, 1), f"{where} chisq-cc p")
    L, U = newcombe10(n11, n12, n21, n22, level)
    close(e["newcombe"][0], L, f"{where} newcombe L")
    close(e["newcombe"][1], U, f"{where} newcombe U")
    L, U = tango_numeric(n11, n12, n21, n22, level)
    close(e["tango"][0], L, f"{where} tango L", tol=1e-7)
    close(e["tango"][1], U, f"{where} tango U", tol=1e-7)


# ----------------------------------------------------------------------------------------
def check_dataset(path_json):
    exp = json.load(open(path_json))
    name = exp["dataset"]
    y, cols, scores = read_csv(os.path.join(ROOT, "data", name + ".csv"))
    level = exp["level"]
    z = stats.norm.ppf(1 - (1 - level) / 2)
    P, N = int((y == 1).sum()), int((y == 0).sum())
    same(exp["n"], len(y), f"{name} n")
    same(exp["positives"], P, f"{name} positives")
    same(list(exp["models"].keys()), cols, f"{name} model order")
    pl = {}
    for m in cols:
        s, e = scores[m], exp["models"][m]
        auc, v10, v01 = placements(s, y)
        pl[m] = (auc, v10, v01)
        var = v10.var(ddof=1) / P + v01.var(ddof=1) / N
        close(e["auc"], roc_auc_score(y, s), f"{name}/{m} auc (sklearn)")
        close(e["aucVariance"], var, f"{name}/{m} var")
        close(e["aucSe"], math.sqrt(var), f"{name}/{m} se")
        close(e["aucCi"][0], max(0.0, auc - z * math.sqrt(var)), f"{name}/{m} ci lo")
        close(e["aucCi"][1], min(1.0, auc + z * math.sqrt(var)), f"{name}/{m} ci hi")
        ts = sorted(set(s.tolist()))
        same(e["roc"]["thresholds"], ts, f"{name}/{m} roc thresholds")
        for i, t in enumerate(ts):
            close(e["roc"]["sensitivity"][i], ((s >= t) & (y == 1)).sum() / P, f"{name}/{m} sens@{t}")
            close(e["roc"]["specificity"][i], ((s < t) & (y == 0)).sum() / N, f"{name}/{m} spec@{t}")
        for pa in e["partialAuc"]:
            lo = pa["range"][0]
            raw = partial_auc(s, y, pa["focus"], lo)
            close(pa["raw"], raw, f"{name}/{m} pAUC {pa['focus']}")
            mx, mn = 1 - lo, (1 - lo) ** 2 / 2
            mc = (1 + (raw - mn) / (mx - mn)) / 2
            if pa["mcclish"] is None:
                checked_below = raw < mn
                same(checked_below, True, f"{name}/{m} McClish null only below the diagonal")
            else:
                close(pa["mcclish"], mc, f"{name}/{m} McClish {pa['focus']}")
        for op, o in e["operatingPoints"].items():
            t = choose(s, y, o["rule"], o.get("value"))
            same(o["threshold"], t, f"{name}/{m} {op} threshold")
            same(o["tp"], int(((s >= t) & (y == 1)).sum()), f"{name}/{m} {op} tp")
            same(o["fp"], int(((s >= t) & (y == 0)).sum()), f"{name}/{m} {op} fp")
            same(o["tn"], int(((s < t) & (y == 0)).sum()), f"{name}/{m} {op} tn")
            same(o["fn"], int(((s < t) & (y == 1)).sum()), f"{name}/{m} {op} fn")
    pvals = []
    for cmpn in exp["comparisons"]:
        a, b = cmpn["models"]
        (A, a10, a01), (B, b10, b01) = pl[a], pl[b]
        va = a10.var(ddof=1) / P + a01.var(ddof=1) / N
        vb = b10.var(ddof=1) / P + b01.var(ddof=1) / N
        cov = np.cov(a10, b10)[0, 1] / P + np.cov(a01, b01)[0, 1] / N
        d = A - B
        se = math.sqrt(va + vb - 2 * cov)
        pr = cmpn["paired"]
        close(pr["difference"], d, f"{name} {a}-{b} diff")
        close(pr["covariance"], cov, f"{name} {a}-{b} cov")
        close(pr["z"], d / se, f"{name} {a}-{b} z", tol=1e-9)
        close(pr["p"], 2 * stats.norm.sf(abs(d / se)), f"{name} {a}-{b} p", tol=1e-9)
        close(pr["ci"][0], d - z * se, f"{name} {a}-{b} ci lo")
        close(pr["ci"][1], d + z * se, f"{name} {a}-{b} ci hi")
        up = cmpn["unpaired"]
        close(up["z"], d / math.sqrt(va + vb), f"{name} {a}-{b} unpaired z", tol=1e-9)
        D = d / math.sqrt(va + vb)
        dfw = (va + vb) ** 2 / (va ** 2 / (len(y) - 1) + vb ** 2 / (len(y) - 1))
        close(up["df"], dfw, f"{name} {a}-{b} unpaired df", tol=1e-9)
        close(up["p"], 2 * stats.t.sf(abs(D), dfw), f"{name} {a}-{b} unpaired p (t)", tol=1e-9)
        close(up["pNormal"], 2 * stats.norm.sf(abs(D)), f"{name} {a}-{b} unpaired p (normal)", tol=1e-9)
        pvals.append(pr["p"])
    if len(cols) > 2:
        h = exp["holm"][0]
        adj = multipletests(pvals, method="holm")[1]
        for i, p in enumerate(adj):
            close(h["adjusted"][i], p, f"{name} holm {i}")
    else:
        same(exp["holm"], [], f"{name} holm empty")
    for e in exp["pairedAtOperatingPoints"]:
        a, b = e["models"]
        ta = exp["models"][a]["operatingPoints"][e["operatingPoint"]]["threshold"]
        tb = exp["models"][b]["operatingPoints"][e["operatingPoint"]]["threshold"]
        cls = 1 if e["on"] == "positives" else 0
        sa, sb = scores[a][y == cls], scores[b][y == cls]
        ca = sa >= ta if cls == 1 else sa < ta
        cb = sb >= tb if cls == 1 else sb < tb
        where = f"{name} {a}-{b} {e['operatingPoint']} {e['on']}"
        same((e["n11"], e["b"], e["c"], e["n22"]),
             (int((ca & cb).sum()), int((ca & ~cb).sum()), int((~ca & cb).sum()), int((~ca & ~cb).sum())), where)
        same((e["x1"], e["x2"], e["n"]), (int(ca.sum()), int(cb.sum()), int(len(ca))), where + " x1/x2/n")
        check_paired(e, where, level)


def check_proportions():
    exp = json.load(open(os.path.join(ROOT, "expected", "proportions.json")))
    for c in exp["cases"]:
        x, n, lv = c["x"], c["n"], c["level"]
        where = f"proportion {x}/{n} @{lv}"
        lo, hi = proportion_confint(x, n, alpha=1 - lv, method="wilson")
        close(c["wilson"][0], lo, where + " wilson lo")
        close(c["wilson"][1], hi, where + " wilson hi")
        lo, hi = proportion_confint(x, n, alpha=1 - lv, method="beta")
        close(c["clopperPearson"][0], 0.0 if x == 0 else lo, where + " CP lo", tol=1e-10)
        close(c["clopperPearson"][1], 1.0 if x == n else hi, where + " CP hi", tol=1e-10)
        lo, hi = proportion_confint(x, n, alpha=1 - lv, method="jeffreys")
        close(c["jeffreys"][0], 0.0 if x == 0 else lo, where + " jeffreys lo", tol=1e-10)
        close(c["jeffreys"][1], 1.0 if x == n else hi, where + " jeffreys hi", tol=1e-10)
    for r in exp["likelihoodRatios"]:
        tp, fp, tn, fn, lv = r["tp"], r["fp"], r["tn"], r["fn"], r["level"]
        z = stats.norm.ppf(1 - (1 - lv) / 2)
        lrp = (tp / (tp + fn)) / (fp / (fp + tn))
        lrn = (fn / (tp + fn)) / (tn / (fp + tn))
        sp = math.sqrt(1 / tp - 1 / (tp + fn) + 1 / fp - 1 / (fp + tn))
        sn = math.sqrt(1 / fn - 1 / (tp + fn) + 1 / tn - 1 / (fp + tn))
        where = f"LR {tp},{fp},{tn},{fn}@{lv}"
        close(r["positive"], lrp, where + " LR+")
        close(r["negative"], lrn, where + " LR-")
        close(r["positiveCi"][0], lrp * math.exp(-z * sp), where + " LR+ lo")
        close(r["positiveCi"][1], lrp * math.exp(z * sp), where + " LR+ hi")
        close(r["negativeCi"][0], lrn * math.exp(-z * sn), where + " LR- lo")
        close(r["negativeCi"][1], lrn * math.exp(z * sn), where + " LR- hi")
    for p in exp["pairedDifferences"]:
        check_paired(p, f"paired table {p['n11']},{p['n12']},{p['n21']},{p['n22']}@{p['level']}", p["level"])


# the data sets written by make_data.R / discrimination.R (other files in data/ belong
# to other reference scripts)
for name in ("ties", "imbalanced", "three_models", "asah"):
    check_dataset(os.path.join(ROOT, "expected", name + ".json"))
check_proportions()

print(f"crosscheck: {checked} values checked, {len(failures)} disagreements")
for f in failures[:50]:
    print("  " + f)
sys.exit(1 if failures else 0)

#!/usr/bin/python3
"""per_thousand.py — expected counts per 1,000 patients for
test/report/perThousand.test.ts, computed independently of the TypeScript with exact
rational arithmetic (fractions.Fraction) and decimal ROUND_HALF_UP rounding.

    /usr/bin/python3 test/reference/per_thousand.py   # writes expected/per_thousand.json

Natural frequencies (Gigerenzer & Hoffrage 1995): positives = 1000 * prevalence (rounded),
TP = positives * sensitivity (rounded), FN = positives - TP, TN = negatives * specificity
(rounded), FP = negatives - TN; ranges scale the interval bounds by the class size.
Inputs are given as exact fractions (counts) so that nothing depends on float parsing.
"""
import json
from decimal import Decimal, ROUND_HALF_UP
from fractions import Fraction as F


def rnd(x):
    if x is None:
        return None
    return int((Decimal(x.numerator) / Decimal(x.denominator)).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def case(name, prevalence, sens, spec, sens_ci=None, spec_ci=None):
    pos = rnd(1000 * prevalence)
    neg = 1000 - pos
    tp = None if sens is None else rnd(pos * sens)
    tn = None if spec is None else rnd(neg * spec)
    rng = lambda size, lo, hi: None if lo is None else {"lower": rnd(size * lo), "upper": rnd(size * hi)}
    return {
        "name": name,
        "input": {
            "prevalence": float(prevalence),
            "sensitivity": None if sens is None else float(sens),
            "specificity": None if spec is None else float(spec),
            "sensitivityCi": None if sens_ci is None else {"lower": float(sens_ci[0]), "upper": float(sens_ci[1])},
            "specificityCi": None if spec_ci is None else {"lower": float(spec_ci[0]), "upper": float(spec_ci[1])},
        },
        "expected": {
            "positives": pos,
            "negatives": neg,
            "truePositives": tp,
            "falseNegatives": None if tp is None else pos - tp,
            "trueNegatives": tn,
            "falsePositives": None if tn is None else neg - tn,
            "truePositivesCi": None if sens_ci is None else rng(pos, sens_ci[0], sens_ci[1]),
            "falseNegativesCi": None if sens_ci is None else rng(pos, 1 - sens_ci[1], 1 - sens_ci[0]),
            "falsePositivesCi": None if spec_ci is None else rng(neg, 1 - spec_ci[1], 1 - spec_ci[0]),
        },
    }


cases = [
    # bone-tumour demo, YOLO-TL at sensitivity >= 0.90: 242/268 and 429/475 of 743 cases
    case("demo study prevalence", F(268, 743), F(242, 268), F(429, 475), (F(862, 1000), F(933, 1000)), (F(873, 1000), F(926, 1000))),
    case("demo at 5%", F(5, 100), F(242, 268), F(429, 475), (F(862, 1000), F(933, 1000)), (F(873, 1000), F(926, 1000))),
    # multi-model DenseNet at sensitivity >= 0.90: 275/335 and 975/1165 of 1500
    case("multi-model study prevalence", F(335, 1500), F(275, 335), F(975, 1165)),
    case("multi-model at 5%", F(5, 100), F(275, 335), F(975, 1165)),
    # half-way values: 1000 * 0.0625 = 62.5 positives rounds up to 63; 63 * 1/2 = 31.5 -> 32
    case("halves round up", F(1, 16), F(1, 2), F(1, 2)),
    case("perfect test", F(1, 10), F(1), F(1), (F(9, 10), F(1)), (F(99, 100), F(1))),
    case("undefined specificity", F(3, 10), F(2, 3), None),
    case("no positives", F(0), None, F(7, 8)),
]

with open("test/reference/expected/per_thousand.json", "w") as f:
    json.dump({"script": "test/reference/per_thousand.py", "cases": cases}, f, indent=2)
    f.write("\n")

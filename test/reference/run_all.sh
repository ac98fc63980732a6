#!/usr/bin/env bash
# Regenerate every reference file under test/reference/ (data, then expected values),
# then cross-check the R results with Python. Run from anywhere:
#   bash test/reference/run_all.sh
# Needs Debian's r-base-core, r-cran-proc, r-cran-hmisc, r-cran-jsonlite and
# python3-scipy, python3-statsmodels, python3-sklearn (run with /usr/bin/python3).
set -euo pipefail
cd "$(dirname "$0")/../.."

Rscript test/reference/make_data.R          # data/*.csv (seeded) + data/asah.csv (pROC)
Rscript test/reference/discrimination.R     # expected/{ties,imbalanced,three_models,asah}.json
Rscript test/reference/proportions.R        # expected/proportions.json
Rscript test/reference/predictive_values.R  # expected/predictive_values.json (Kosinski 2013)
Rscript test/reference/bootstrap.R          # expected/bootstrap.json (pROC bootstrap CI/SD, 20000 replicates; ~2 min)
Rscript test/reference/youden.R             # expected/youden.json (Youden J and its Wald interval)
Rscript test/reference/logit_auc.R          # expected/logit_auc.json (logit-transformed DeLong interval)
Rscript test/reference/bca.R                # expected/bca.json (boot::boot.ci BCa, 20000 replicates)
Rscript test/reference/clustered.R          # data/clustered_*.csv + expected/clustered_*.json (Obuchowski 1997/1998)
Rscript test/reference/make_calibration_data.R   # data/calibration_<set>.csv
Rscript test/reference/calibration.R             # expected/calibration_<set>.json, decision_curve_<set>.json
/usr/bin/python3 test/reference/calibration.py   # expected/pr_<set>.json, calibration_statsmodels_<set>.json
/usr/bin/python3 test/reference/crosscheck.py   # independent re-derivation; exits 1 on any disagreement
/usr/bin/python3 test/reference/mersenne_twister.py   # expected/mersenne_twister.json
Rscript test/reference/partial_auc_chance.R     # expected/partial_auc_chance.json (McClish on the chance line)

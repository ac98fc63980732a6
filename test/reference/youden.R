# Reference for the Youden index J = sensitivity + specificity − 1 and its Wald interval with
# the binomial variances of the two independent proportions (positives, negatives):
#   se(J) = sqrt(se·(1 − se)/m + sp·(1 − sp)/n)      (e.g. Bangdiwala et al. 2008)
#   Rscript test/reference/youden.R   → test/reference/expected/youden.json
source("test/reference/common.R")
tables <- list(c(242, 46, 429, 26), c(214, 46, 429, 54), c(39, 35, 37, 2), c(10, 6, 24, 2), c(5, 0, 20, 0))
level <- 0.95
z <- qnorm(1 - (1 - level) / 2)
cases <- lapply(tables, function(t) {
  tp <- t[1]; fp <- t[2]; tn <- t[3]; fn <- t[4]
  sens <- tp / (tp + fn); spec <- tn / (tn + fp)
  j <- sens + spec - 1
  se <- sqrt(sens * (1 - sens) / (tp + fn) + spec * (1 - spec) / (tn + fp))
  list(tp = tp, fp = fp, tn = tn, fn = fn, level = level, j = j, se = se, ci = c(j - z * se, j + z * se))
})
write_json_file(list(script = "test/reference/youden.R", versions = list(R = as.character(getRversion())), cases = cases),
                "test/reference/expected/youden.json")

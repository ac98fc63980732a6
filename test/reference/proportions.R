# proportions.R — reference values for single-proportion intervals, likelihood ratios and
# paired-difference intervals / McNemar tests on explicit 2x2 tables.
#
# Writes test/reference/expected/proportions.json
# Run from the repository root:  Rscript test/reference/proportions.R
#
#   cases[]            (x, n, level):
#     wilson           textbook Wilson score interval (Wilson 1927), no continuity correction:
#                      (x + z^2/2 -/+ z sqrt(x(n-x)/n + z^2/4)) / (n + z^2)
#     propTest         stats::prop.test(x, n, correct = FALSE)$conf.int (the same interval,
#                      written differently; R forces exactly 0 at x = 0 and 1 at x = n)
#     hmiscWilson      Hmisc::binconf(method = "wilson"): Wilson except that the lower bound
#                      at x = 1 is -log(1 - level)/n and the upper at x = n - 1 is
#                      1 + log(1 - level)/n (accepted alternative in the conformance suite)
#     clopperPearson   stats::binom.test(x, n, conf.level = level)$conf.int
#                      (= qbeta(a/2, x, n-x+1), qbeta(1-a/2, x+1, n-x); 0 at x = 0, 1 at x = n)
#     jeffreys         qbeta(a/2, x+.5, n-x+.5), qbeta(1-a/2, x+.5, n-x+.5) with the lower
#                      bound 0 at x = 0 and the upper bound 1 at x = n
#                      (Brown, Cai & DasGupta 2001, Stat Sci 16:101)
#   likelihoodRatios[] (tp, fp, tn, fn, level), log method (Simel, Samsa & Matchar 1991,
#                      J Clin Epidemiol 44:763):
#                      LR+ = sens/(1-spec), se(log LR+) = sqrt(1/tp - 1/(tp+fn) + 1/fp - 1/(fp+tn))
#                      LR- = (1-sens)/spec, se(log LR-) = sqrt(1/fn - 1/(tp+fn) + 1/tn - 1/(fp+tn))
#                      CI = exp(log LR -/+ z se). Only tables with every cell > 0 are listed.
#   pairedDifferences[] (n11, n12, n21, n22, level): McNemar p-values, Newcombe (1998) method
#                      10 and Tango (1998) intervals for x1/n - x2/n (see common.R), including
#                      published worked examples ("published" = the rounded published bounds).

suppressPackageStartupMessages({
  library(pROC)   # only for versions()
  library(Hmisc)
})
source(file.path("test", "reference", "common.R"))

# ---------------------------------------------------------------------------------------
clopper_pearson_beta <- function(x, n, level) {
  a <- 1 - level
  c(if (x == 0) 0 else qbeta(a / 2, x, n - x + 1), if (x == n) 1 else qbeta(1 - a / 2, x + 1, n - x))
}
jeffreys_ci <- function(x, n, level) {
  a <- 1 - level
  c(if (x == 0) 0 else qbeta(a / 2, x + 0.5, n - x + 0.5),
    if (x == n) 1 else qbeta(1 - a / 2, x + 0.5, n - x + 0.5))
}

grid <- list()
for (level in c(0.95, 0.9)) {
  for (n in c(1, 2, 3, 5, 10, 20, 41, 72, 100, 1000, 12345)) {
    xs <- sort(unique(c(0, 1, 2, n - 1, n, floor(n / 2), floor(n / 10), round(0.9 * n))))
    xs <- xs[xs >= 0 & xs <= n]
    for (x in xs) grid[[length(grid) + 1]] <- c(x = x, n = n, level = level)
  }
}

cases <- lapply(grid, function(g) {
  x <- g[["x"]]; n <- g[["n"]]; level <- g[["level"]]
  w <- wilson_ci(x, n, level)
  pt <- as.numeric(suppressWarnings(prop.test(x, n, correct = FALSE, conf.level = level))$conf.int)
  hw <- unname(binconf(x, n, alpha = 1 - level, method = "wilson")[1, 2:3])
  cp <- as.numeric(binom.test(x, n, conf.level = level)$conf.int)
  jf <- jeffreys_ci(x, n, level)
  # cross-checks
  stopifnot(all(abs(w - pt) < 1e-15))
  if (x != 1 && x != n - 1) stopifnot(all(abs(w - hw) < 1e-15))
  stopifnot(all(abs(cp - clopper_pearson_beta(x, n, level)) < 1e-15))
  stopifnot(all(abs(cp - unname(binconf(x, n, alpha = 1 - level, method = "exact")[1, 2:3])) < 1e-12))
  list(x = as.integer(x), n = as.integer(n), level = level, estimate = x / n,
       wilson = w, propTest = pt, hmiscWilson = hw, clopperPearson = cp, jeffreys = jf)
})

# ---------------------------------------------------------------------------------------
lr_log <- function(tp, fp, tn, fn, level) {
  z <- qnorm(1 - (1 - level) / 2)
  sens <- tp / (tp + fn); spec <- tn / (fp + tn)
  lrp <- sens / (1 - spec); lrn <- (1 - sens) / spec
  sep <- sqrt(1 / tp - 1 / (tp + fn) + 1 / fp - 1 / (fp + tn))
  sen <- sqrt(1 / fn - 1 / (tp + fn) + 1 / tn - 1 / (fp + tn))
  list(tp = as.integer(tp), fp = as.integer(fp), tn = as.integer(tn), fn = as.integer(fn), level = level,
       positive = lrp, positiveCi = exp(log(lrp) + c(-1, 1) * z * sep), positiveLogSe = sep,
       negative = lrn, negativeCi = exp(log(lrn) + c(-1, 1) * z * sen), negativeLogSe = sen)
}
lr_tables <- list(c(39, 35, 37, 2), c(18, 4, 68, 23), c(26, 12, 60, 15), c(37, 56, 16, 4),
                  c(16, 7, 65, 25), c(8, 7, 65, 33), c(1, 1, 1, 1), c(90, 10, 80, 20),
                  c(5, 95, 900, 1), c(12, 3, 27, 1), c(250, 40, 960, 50))
likelihood_ratios <- list()
for (level in c(0.95, 0.9)) for (t in lr_tables) {
  likelihood_ratios[[length(likelihood_ratios) + 1]] <- lr_log(t[1], t[2], t[3], t[4], level)
}

# ---------------------------------------------------------------------------------------
check_paired_literature()
paired_tables <- list()
for (case in paired_literature) {
  paired_tables[[length(paired_tables) + 1]] <- list(table = case$table, level = case$level,
                                                     published = list(method = case$method, ci = case$ci,
                                                                      source = case$source))
}
for (t in list(c(10, 0, 0, 5), c(0, 7, 0, 0), c(0, 0, 7, 0), c(3, 4, 0, 0), c(0, 1, 0, 0),
               c(5, 0, 0, 0), c(0, 3, 4, 0), c(1, 0, 0, 0), c(30, 5, 5, 10), c(30, 6, 5, 10),
               c(36, 3, 1, 1), c(200, 17, 4, 179), c(0, 0, 0, 9), c(2, 9, 0, 1))) {
  for (level in c(0.95, 0.9)) paired_tables[[length(paired_tables) + 1]] <- list(table = t, level = level)
}
paired <- lapply(paired_tables, function(p) {
  t <- p$table; level <- p$level
  n11 <- t[1]; n12 <- t[2]; n21 <- t[3]; n22 <- t[4]; n <- sum(t)
  tg <- tango_paired_ci(n11, n12, n21, n22, level)
  check_tango_case(n11, n12, n21, n22, level, tg)
  res <- list(n11 = as.integer(n11), n12 = as.integer(n12), n21 = as.integer(n21), n22 = as.integer(n22),
              n = as.integer(n), x1 = as.integer(n11 + n12), x2 = as.integer(n11 + n21), level = level,
              difference = (n11 + n12) / n - (n11 + n21) / n,
              mcnemar = mcnemar_all(n11, n12, n21, n22),
              newcombe = newcombe10_paired_ci(n11, n12, n21, n22, level),
              tango = tg)
  if (!is.null(p$published)) res$published <- p$published
  res
})

write_json_file(list(
  script = "test/reference/proportions.R", versions = versions(),
  cases = cases, likelihoodRatios = likelihood_ratios, pairedDifferences = paired),
  file.path("test", "reference", "expected", "proportions.json"))

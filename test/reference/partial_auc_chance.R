# partial_auc_chance.R — McClish-standardised partial AUC for ROC curves that lie exactly on
# the chance diagonal over the partial range (issue 11: the boundary case came out null).
#
#   Rscript test/reference/partial_auc_chance.R   → test/reference/expected/partial_auc_chance.json
#
# Each data set gives an empirical ROC curve whose points all lie on sensitivity = 1 − specificity
# (cases and controls with the same score distribution, or every score tied), so McClish's
# ½·(1 + (pAUC − min)/(max − min)) is exactly 0.5 in exact arithmetic. pROC (auc(...,
# partial.auc.correct = TRUE)) is the reference; where its own floating-point pAUC falls a hair
# below min it returns NA, so the script also records the exact-arithmetic value (0.5) and
# pROC's raw pAUC, and the test requires 0.5 with the raw area within 1e-12 of pROC's.
source("test/reference/common.R")
suppressPackageStartupMessages(library(pROC))

sets <- list(
  tied = list(controls = rep(1, 7), cases = rep(1, 5)),
  mirrored = list(controls = c(1, 2, 3, 4, 5), cases = c(1, 2, 3, 4, 5)),
  mirrored_tenths = list(controls = (1:10) / 10, cases = (1:10) / 10),
  doubled = list(controls = c(0.1, 0.1, 0.3, 0.3, 0.7, 0.7), cases = c(0.1, 0.3, 0.7))
)
ranges <- list(
  list(focus = "specificity", range = c(0.8, 1)),
  list(focus = "specificity", range = c(0.9, 1)),
  list(focus = "specificity", range = c(0.7, 0.9)),
  list(focus = "specificity", range = c(0.1, 0.3)),
  list(focus = "sensitivity", range = c(0.9, 1)),
  list(focus = "sensitivity", range = c(0.85, 0.95)),
  list(focus = "sensitivity", range = c(0.3, 0.6))
)
out <- list()
for (name in names(sets)) {
  s <- sets[[name]]
  r <- roc(controls = s$controls, cases = s$cases, direction = "<", quiet = TRUE)
  stopifnot(all(abs(r$sensitivities - (1 - r$specificities)) < 1e-15))
  results <- list()
  for (g in ranges) {
    raw <- as.numeric(auc(r, partial.auc = rev(g$range), partial.auc.focus = g$focus,
                          partial.auc.correct = FALSE))
    mc <- suppressWarnings(as.numeric(auc(r, partial.auc = rev(g$range), partial.auc.focus = g$focus,
                                           partial.auc.correct = TRUE)))
    e1 <- g$range[1]; e2 <- g$range[2]
    mx <- e2 - e1
    mn <- mx - (e2^2 - e1^2) / 2 # area under the diagonal over the range
    stopifnot(abs(raw - mn) < 1e-12)
    results[[length(results) + 1]] <- list(focus = g$focus, range = as.list(g$range), raw = raw,
                                           procMcclish = mc, exactMcclish = 0.5)
  }
  out[[name]] <- list(controls = as.list(s$controls), cases = as.list(s$cases), partialAuc = results)
}
write_json_file(list(versions = versions(), sets = out), "test/reference/expected/partial_auc_chance.json")

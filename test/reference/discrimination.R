# discrimination.R — reference values for AUC / DeLong / ROC points / partial AUC /
# operating points / paired tests, one JSON file per data set.
#
# Reads  test/reference/data/<dataset>.csv   (case_id, y in {0, 1}, one column per model)
# Writes test/reference/expected/<dataset>.json
#
# Run from the repository root:  Rscript test/reference/discrimination.R
#
# Conventions (shared/contract.md and shared/conformance/README.md):
# * pROC::roc(y, score, levels = c(0, 1), direction = "<"): controls (y = 0) score lower.
# * A case is called positive when score >= t. Candidate thresholds are the distinct
#   score values (never pROC's midpoints).
# * minSensitivity s: among t with sensitivity >= s, the highest t.
# * minSpecificity s: among t with specificity >= s, the highest sensitivity; ties -> the
#   lowest t.
# * youden: maximise sensitivity + specificity - 1, compared EXACTLY through the integer
#   tp * N + tn * P (P positives, N negatives); ties -> the HIGHEST t (fewest cases called
#   positive).
# * fixed: the configured value is reported as the threshold; counts at score >= value.
# * Paired tests at an operating point use each model's own threshold; "correct" means
#   called positive for a positive case (sensitivity) and called negative for a negative
#   case (specificity). b = n12 = cases only model a gets right, c = n21 = only model b.
# Every number is computed here; nothing is typed in.

suppressPackageStartupMessages({
  library(pROC)
  library(Hmisc)
})
source(file.path("test", "reference", "common.R"))

level <- 0.95
datasets <- list(
  ties         = list(fixed = 0.5),   # a tied score value present in both classes
  imbalanced   = list(fixed = 0.2),   # not a score value of either model
  three_models = list(fixed = 0.5),   # the 1..5 grade then calls every case positive
  asah         = list(fixed = 4)      # as in the conformance case (ndka: all positive)
)
op_specs <- list(
  "high-sensitivity" = list(rule = "minSensitivity", value = 0.9),
  "high-specificity" = list(rule = "minSpecificity", value = 0.9),
  "youden"           = list(rule = "youden"),
  "fixed"            = list(rule = "threshold")
)

# ---------------------------------------------------------------------------------------
roc_table <- function(score, y) {
  t <- sort(unique(score))
  pos <- score[y == 1]; neg <- score[y == 0]
  P <- length(pos); N <- length(neg)
  tp <- vapply(t, function(v) sum(pos >= v), 0L)
  fp <- vapply(t, function(v) sum(neg >= v), 0L)
  data.frame(threshold = t, tp = tp, fp = fp, tn = N - fp, fn = P - tp,
             sensitivity = tp / P, specificity = (N - fp) / N)
}

counts_at <- function(score, y, t) {
  pos <- score[y == 1]; neg <- score[y == 0]
  tp <- sum(pos >= t); fp <- sum(neg >= t)
  list(tp = tp, fp = fp, tn = length(neg) - fp, fn = length(pos) - tp)
}

select_threshold <- function(tab, rule, value, P, N) {
  if (rule == "minSensitivity") {
    ok <- which(tab$sensitivity >= value)
    return(max(tab$threshold[ok]))
  }
  if (rule == "minSpecificity") {
    ok <- which(tab$specificity >= value)
    if (length(ok) == 0) stop("no threshold reaches the minimum specificity")
    best <- max(tab$tp[ok])
    return(min(tab$threshold[ok][tab$tp[ok] == best]))
  }
  if (rule == "youden") {
    j <- tab$tp * N + tab$tn * P                     # exact integers (= P N (J + 1))
    stopifnot(all(j < 2^53))
    best <- which(j == max(j))
    return(max(tab$threshold[best]))
  }
  if (rule == "threshold") return(value)
  stop("unknown rule ", rule)
}

# Independent check of the rules on pROC's own coordinates (coords(x = "all")), mapping
# pROC's thresholds back to score values: -Inf -> the lowest score, a midpoint ->
# the next score above it, +Inf -> no score value (never a candidate).
check_rule_with_proc <- function(r, score, rule, value, chosen, tab) {
  cs <- coords(r, x = "all", input = "threshold",
               ret = c("threshold", "sensitivity", "specificity", "tp", "fp", "tn", "fn"),
               transpose = FALSE)
  cs <- cs[is.finite(cs$threshold) | cs$threshold < 0, ]     # drop +Inf
  u <- sort(unique(score))
  mapped <- vapply(cs$threshold, function(th) min(u[u > th]), 0)
  if (rule == "minSensitivity") {
    ok <- cs$sensitivity >= value
    pick <- max(mapped[ok])
  } else if (rule == "minSpecificity") {
    ok <- cs$specificity >= value
    best <- max(cs$sensitivity[ok])
    pick <- min(mapped[ok][cs$sensitivity[ok] == best])
  } else if (rule == "youden") {
    jj <- cs$sensitivity + cs$specificity - 1
    best <- max(jj)
    stopifnot(abs(best - (tab$sensitivity + tab$specificity - 1)[tab$threshold == chosen]) < 1e-12)
    # pROC's own "best" (it may list several tied thresholds; floating-point sums
    # can split exact ties, so compare J within 1e-12)
    b <- coords(r, x = "best", best.method = "youden",
                ret = c("threshold", "sensitivity", "specificity"), transpose = FALSE)
    stopifnot(all(abs(b$sensitivity + b$specificity - 1 - best) < 1e-12))
    pick <- max(mapped[abs(jj - best) < 1e-12])
  }
  if (!isTRUE(pick == chosen)) stop(sprintf("rule %s: pROC coords give %g, direct %g", rule, pick, chosen))
}

delong_direct <- function(score, y) {
  pos <- score[y == 1]; neg <- score[y == 0]
  psi <- outer(pos, neg, function(a, b) (a > b) + 0.5 * (a == b))
  v10 <- rowMeans(psi); v01 <- colMeans(psi)
  list(auc = mean(psi), var = var(v10) / length(pos) + var(v01) / length(neg), v10 = v10, v01 = v01)
}

# ---------------------------------------------------------------------------------------
run_dataset <- function(name, fixed_value) {
  d <- read_dataset(file.path("test", "reference", "data", paste0(name, ".csv")))
  y <- d$y
  models <- setdiff(names(d), c("case_id", "y"))
  P <- sum(y == 1); N <- sum(y == 0)
  z <- qnorm(1 - (1 - level) / 2)

  rocs <- list(); out_models <- list(); ops <- list()
  for (m in models) {
    s <- d[[m]]
    r <- roc(y, s, levels = c(0, 1), direction = "<", quiet = TRUE)
    rocs[[m]] <- r
    a <- as.numeric(auc(r))
    v <- var(r, method = "delong")
    ci <- as.numeric(ci.auc(r, method = "delong", conf.level = level))

    # cross-checks: own DeLong, Hmisc's C index, unclamped estimate +/- z se
    dd <- delong_direct(s, y)
    stopifnot(abs(dd$auc - a) < 1e-14, abs(dd$var - v) < 1e-14 * max(1, v) + 1e-17)
    stopifnot(abs(unname(somers2(s, y)["C"]) - a) < 1e-12)
    stopifnot(abs(ci[2] - a) < 1e-15)
    stopifnot(abs(ci[1] - max(0, a - z * sqrt(v))) < 1e-14, abs(ci[3] - min(1, a + z * sqrt(v))) < 1e-14)

    # ROC points at every distinct score, checked against pROC's curve and coords()
    tab <- roc_table(s, y)
    k <- length(tab$threshold)
    stopifnot(length(r$thresholds) == k + 1, r$thresholds[1] == -Inf, r$thresholds[k + 1] == Inf)
    stopifnot(all(abs(r$sensitivities[1:k] - tab$sensitivity) < 1e-15),
              all(abs(r$specificities[1:k] - tab$specificity) < 1e-15))
    cs <- coords(r, x = tab$threshold, input = "threshold",
                 ret = c("sensitivity", "specificity", "tp", "fp", "tn", "fn"), transpose = FALSE)
    # (pROC derives coords' tp/fp/tn/fn from sensitivity/specificity, so they can be
    # off integers by ~1e-14: compare after rounding)
    stopifnot(all(round(cs$tp) == tab$tp), all(round(cs$fp) == tab$fp),
              all(round(cs$tn) == tab$tn), all(round(cs$fn) == tab$fn),
              all(abs(cs$tp - tab$tp) < 1e-9), all(abs(cs$fp - tab$fp) < 1e-9),
              all(abs(cs$sensitivity - tab$sensitivity) < 1e-15),
              all(abs(cs$specificity - tab$specificity) < 1e-15))

    # partial AUC (pROC; McClish-corrected when partial.auc.correct = TRUE)
    pauc <- function(focus, range) {
      raw <- as.numeric(auc(r, partial.auc = rev(range), partial.auc.focus = focus, partial.auc.correct = FALSE))
      mc <- suppressWarnings(as.numeric(auc(r, partial.auc = rev(range), partial.auc.focus = focus,
                                             partial.auc.correct = TRUE)))
      list(focus = focus, range = as.list(range), raw = raw, mcclish = mc)
    }
    partial <- list(pauc("specificity", c(0.8, 1)), pauc("sensitivity", c(0.9, 1)))
    # McClish (1989) correction, recomputed: (1 + (pAUC - min)/(max - min)) / 2 with, for
    # focus on specificity in [e1, 1]: max = 1 - e1, min = ((1 - e1)^2) / 2 (the diagonal);
    # the same form with sensitivity in [e1, 1].
    for (p in partial) {
      e1 <- p$range[[1]]
      mx <- 1 - e1; mn <- (1 - e1)^2 / 2
      stopifnot(is.na(p$mcclish) || abs(p$mcclish - (1 + (p$raw - mn) / (mx - mn)) / 2) < 1e-14)
    }

    # operating points
    mops <- list()
    for (op in names(op_specs)) {
      spec <- op_specs[[op]]
      value <- if (spec$rule == "threshold") fixed_value else spec$value
      t <- select_threshold(tab, spec$rule, value, P, N)
      if (spec$rule != "threshold") {
        stopifnot(t %in% tab$threshold)
        check_rule_with_proc(r, s, spec$rule, value, t, tab)
      }
      cn <- counts_at(s, y, t)
      # pROC coords at exactly this threshold (a score value, or the fixed value)
      pc <- coords(r, x = t, input = "threshold", ret = c("tp", "fp", "tn", "fn", "sensitivity", "specificity"),
                   transpose = FALSE)
      stopifnot(round(pc$tp) == cn$tp, round(pc$fp) == cn$fp, round(pc$tn) == cn$tn, round(pc$fn) == cn$fn,
                abs(pc$sensitivity - cn$tp / P) < 1e-15, abs(pc$specificity - cn$tn / N) < 1e-15)
      head <- if (spec$rule == "youden") list(rule = spec$rule, threshold = t)
              else list(rule = spec$rule, value = value, threshold = t)
      mops[[op]] <- c(head,
                      lapply(cn, as.integer),
                      list(sensitivity = cn$tp / P, specificity = cn$tn / N))
    }
    ops[[m]] <- mops

    out_models[[m]] <- list(
      auc = a, aucVariance = v, aucSe = sqrt(v), aucCi = ci[c(1, 3)],
      roc = list(thresholds = as.list(tab$threshold), sensitivity = as.list(tab$sensitivity),
                 specificity = as.list(tab$specificity),
                 tp = as.list(as.integer(tab$tp)), fp = as.list(as.integer(tab$fp))),
      partialAuc = partial,
      operatingPoints = mops
    )
  }

  # pairwise comparisons (column order; difference = a - b)
  pairs <- if (length(models) > 1) combn(models, 2, simplify = FALSE) else list()
  comparisons <- list(); paired_p <- c()
  for (pr in pairs) {
    r1 <- rocs[[pr[1]]]; r2 <- rocs[[pr[2]]]
    tp_ <- roc.test(r1, r2, method = "delong", paired = TRUE, conf.level = level)
    tu <- suppressWarnings(roc.test(r1, r2, method = "delong", paired = FALSE, conf.level = level))
    cv <- cov(r1, r2, method = "delong")
    diff <- unname(tp_$estimate[1] - tp_$estimate[2])
    v1 <- var(r1, method = "delong"); v2 <- var(r2, method = "delong")
    # cross-checks: own covariance of the DeLong placements; z and CI from the pieces
    d1 <- delong_direct(d[[pr[1]]], y); d2 <- delong_direct(d[[pr[2]]], y)
    cv_direct <- cov(d1$v10, d2$v10) / P + cov(d1$v01, d2$v01) / N
    stopifnot(abs(cv - cv_direct) < 1e-14)
    se_p <- sqrt(v1 + v2 - 2 * cv)
    stopifnot(abs(unname(tp_$statistic) - diff / se_p) < 1e-9 * max(1, abs(diff / se_p)))
    stopifnot(abs(tp_$conf.int[1] - (diff - z * se_p)) < 1e-14, abs(tp_$conf.int[2] - (diff + z * se_p)) < 1e-14)
    # pROC's UNPAIRED DeLong test is a t test: D = diff / sqrt(v1 + v2) with
    # Welch-Satterthwaite df = (v1 + v2)^2 / (v1^2 / (n - 1) + v2^2 / (n - 1)) (n = all
    # cases of each curve), p = 2 pt(-|D|, df); it has no confidence interval.
    D <- diff / sqrt(v1 + v2)
    df_w <- (v1 + v2)^2 / (v1^2 / (nrow(d) - 1) + v2^2 / (nrow(d) - 1))
    stopifnot(abs(unname(tu$statistic) - D) < 1e-9 * max(1, abs(D)),
              abs(unname(tu$parameter) - df_w) < 1e-9 * df_w,
              abs(tu$p.value - 2 * pt(-abs(D), df_w)) < 1e-9 * tu$p.value)
    paired_p <- c(paired_p, tp_$p.value)
    unpaired <- list(difference = unname(tu$estimate[1] - tu$estimate[2]),
                     z = unname(tu$statistic), df = unname(tu$parameter), p = tu$p.value,
                     pNormal = 2 * pnorm(-abs(unname(tu$statistic))))
    if (!is.null(tu$conf.int)) unpaired$ci <- as.numeric(tu$conf.int)
    comparisons[[length(comparisons) + 1]] <- list(
      models = as.list(pr),
      paired = list(difference = diff, ci = as.numeric(tp_$conf.int), z = unname(tp_$statistic),
                    p = tp_$p.value, covariance = cv, se = se_p),
      unpaired = unpaired)
  }

  holm <- list()
  if (length(models) > 2) {
    holm <- list(list(test = "paired DeLong AUC p-values, in the order of 'comparisons'",
                      models = lapply(pairs, as.list),
                      p = as.list(paired_p), adjusted = as.list(p.adjust(paired_p, method = "holm"))))
  }

  # paired tests at operating points
  paired_ops <- list()
  for (pr in pairs) for (op in names(op_specs)) for (on in c("positives", "negatives")) {
    ta <- ops[[pr[1]]][[op]]$threshold; tb <- ops[[pr[2]]][[op]]$threshold
    sa <- d[[pr[1]]]; sb <- d[[pr[2]]]
    idx <- if (on == "positives") y == 1 else y == 0
    ca <- if (on == "positives") sa[idx] >= ta else sa[idx] < ta
    cb <- if (on == "positives") sb[idx] >= tb else sb[idx] < tb
    n11 <- sum(ca & cb); n12 <- sum(ca & !cb); n21 <- sum(!ca & cb); n22 <- sum(!ca & !cb)
    n <- sum(idx); x1 <- sum(ca); x2 <- sum(cb)
    # the counts agree with the operating points' tp / tn
    if (on == "positives") stopifnot(x1 == ops[[pr[1]]][[op]]$tp, x2 == ops[[pr[2]]][[op]]$tp)
    else stopifnot(x1 == ops[[pr[1]]][[op]]$tn, x2 == ops[[pr[2]]][[op]]$tn)
    tango <- tango_paired_ci(n11, n12, n21, n22, level)
    check_tango_case(n11, n12, n21, n22, level, tango)
    paired_ops[[length(paired_ops) + 1]] <- list(
      models = as.list(pr), operatingPoint = op, on = on,
      b = as.integer(n12), c = as.integer(n21), n = as.integer(n),
      x1 = as.integer(x1), x2 = as.integer(x2), n11 = as.integer(n11), n22 = as.integer(n22),
      difference = x1 / n - x2 / n,
      mcnemar = mcnemar_all(n11, n12, n21, n22),
      newcombe = newcombe10_paired_ci(n11, n12, n21, n22, level),
      tango = tango)
  }

  res <- list(
    dataset = name, script = "test/reference/discrimination.R", versions = versions(),
    level = level, n = as.integer(nrow(d)), positives = as.integer(P), negatives = as.integer(N),
    fixedThreshold = fixed_value,
    models = out_models, comparisons = comparisons, holm = holm,
    pairedAtOperatingPoints = paired_ops)
  write_json_file(res, file.path("test", "reference", "expected", paste0(name, ".json")))
  invisible(res)
}

check_paired_literature()
for (name in names(datasets)) run_dataset(name, datasets[[name]]$fixed)

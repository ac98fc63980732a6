# readers.R — reference values for reader studies (multi-reader multi-case), from MRMCaov 0.3.0
# (Smith, Hillis & Pesce): Obuchowski–Rockette analysis with Hillis's df for random readers and
# cases (rrrc), fixed readers (frrc) and fixed cases (rrfc); jackknife and DeLong covariances.
#
#   Rscript test/reference/readers.R      (from the repository root)
#
# Writes, for each data set <name> in {vandyke (2 modalities, 5 readers, 114 cases),
# franken (2 modalities, 4 readers, 100 cases), simulated (3 modalities, 6 readers, Roe & Metz
# 1997 model, 1..5 ratings plus one reader on a continuous scale)}:
#   data/readers_<name>_cases.csv   case_id, truth, model (a standalone model's score)
#   data/readers_<name>_reads.csv   case_id, reader, modality, rating
#   expected/readers_<name>.json    see "layout" below
# (MRMCaov's Kundel data are not factorial — each case is read in one modality — so not used.)
# Needs r-base-core, r-cran-jsonlite and MRMCaov 0.3.0 (with its trust dependency) installed
# from source (see toolchain notes). mrmc() evaluates `data =` by name in the calling
# frame's search path, so the analysed frame is assigned to the global `mrmc_data_now`.
#
# layout of expected/readers_<name>.json:
#   positiveFrom, modalities[], readers[],
#   metrics.<auc_jackknife | auc_delong | sensitivity | specificity>:
#     readerEstimates[t][r];
#     rrrc|frrc|rrfc: means[t]{estimate, se, df?, lower, upper},
#                     diffs[]{a, b (modality ids; difference a - b), estimate, se, df?, lower, upper, stat, p},
#                     test{statistic, df1|df, df2?, p}
#     vcov{reader, modalityReader, error, cov1, cov2, cov3}
#     readerDiffs[]{reader, a, b, estimate, se, lower, upper, z, p}   (each reader's own difference, readers fixed)
#   standalone[t]{modality, auc_jackknife|auc_delong|sensitivity|specificity: {threshold?,
#     readersMean, model, difference (model - readers' mean), se, df, lower, upper, t, p}}
#     by MRMCaov's rrrc analysis of two "tests": the readers and the model replicated for each
#     reader (RJafroc's 2T-RRRC form), checked here against the single-modality 1T-RRRC
#     formulas of RJafroc's StSignificanceTestingCadVsRad (Hillis 2007 section 5.3): the script
#     stops unless F = t^2, df and p agree to 1e-10.
suppressPackageStartupMessages({ library(MRMCaov); library(jsonlite) })
source("test/reference/common.R")

options(warn = 1)
# MRMCaov's jackknife ticks a progress bar and fails ("!self$finished") when its last group has
# no duplicated cases; the bar is only a display, so it is replaced by one that does nothing.
local({
  ns <- asNamespace("progress")
  unlockBinding("progress_bar", ns)
  assign("progress_bar", list(new = function(...) list(tick = function(...) invisible(NULL),
                                                     terminate = function(...) invisible(NULL))), envir = ns)
})
level <- 0.95

# ------------------------------------------------------------------------------ data sets
make_vandyke <- function() {
  data(VanDyke, package = "MRMCaov", envir = environment())
  d <- VanDyke
  data.frame(case_id = sprintf("c%03d", as.integer(as.character(d$case))),
             truth = d$truth, reader = paste0("R", d$reader),
             modality = c("A", "B")[as.integer(d$treatment)], rating = d$rating,
             stringsAsFactors = FALSE)
}
make_franken <- function() {
  data(Franken, package = "MRMCaov", envir = environment())
  d <- Franken
  data.frame(case_id = sprintf("f%03d", as.integer(d$case)), truth = d$truth,
             reader = paste0("R", d$reader), modality = paste0("T", d$treatment),
             rating = d$rating, stringsAsFactors = FALSE)
}
# Roe & Metz (1997) model: X = mu_t * D + R + C + TR + TC + RC + E (each N(0, var)), with the
# components of their "HL" structure scaled so that each class has unit variance; ratings cut
# into 1..5 at fixed points, except reader R6 whose latent value is kept (rounded to 4 decimals).
make_simulated <- function() {
  set.seed(20240612)
  n_pos <- 40; n_neg <- 60; readers <- 6; mu <- c(0.9, 1.3, 1.5)
  v <- c(R = 0.0055, TR = 0.0055, C = 0.3, TC = 0.3, RC = 0.2, E = 0.2)
  cases <- n_pos + n_neg
  truth <- c(rep(1, n_pos), rep(0, n_neg))
  C <- rnorm(cases, 0, sqrt(v[["C"]]))
  R <- rnorm(readers, 0, sqrt(v[["R"]]))
  RC <- matrix(rnorm(readers * cases, 0, sqrt(v[["RC"]])), readers)
  rows <- list()
  for (t in seq_along(mu)) {
    TR <- rnorm(readers, 0, sqrt(v[["TR"]]))
    TC <- rnorm(cases, 0, sqrt(v[["TC"]]))
    for (r in 1:readers) {
      x <- mu[t] * truth + R[r] + C + TR[r] + TC + RC[r, ] + rnorm(cases, 0, sqrt(v[["E"]]))
      rating <- if (r == 6) round(x, 4) else as.numeric(cut(x, c(-Inf, -0.3, 0.3, 0.8, 1.4, Inf)))
      rows[[length(rows) + 1]] <- data.frame(case_id = sprintf("s%03d", 1:cases), truth = truth,
        reader = paste0("R", r), modality = c("unaided", "assisted", "assisted2")[t], rating = rating,
        stringsAsFactors = FALSE)
    }
  }
  out <- do.call(rbind, rows)
  # a standalone model: the case effect plus its own noise, on a probability scale
  model <- round(plogis(1.6 * truth - 0.8 + C + rnorm(cases, 0, 0.6)), 4)
  attr(out, "model") <- setNames(model, sprintf("s%03d", 1:cases))
  out
}

# the standalone model of VanDyke and Kundel: the readers' mean rating in the last modality
consensus_model <- function(reads) {
  last <- tail(unique(reads$modality), 1)
  m <- tapply(reads$rating[reads$modality == last], reads$case_id[reads$modality == last], mean)
  m
}

# ------------------------------------------------------------------------------ analysis
frame_for_mrmc <- function(reads, rating) {
  data.frame(truth = reads$truth, rating = rating, modality = factor(reads$modality, levels = unique(reads$modality)),
             reader = factor(reads$reader, levels = unique(reads$reader)), case = factor(reads$case_id))
}

fit <- function(metric, design, cov, dat) {
  assign("mrmc_data_now", dat, envir = globalenv())
  f <- switch(metric,
    auc = quote(empirical_auc(truth, rating)),
    sensitivity = quote(binary_sens(truth, rating)),
    specificity = quote(binary_spec(truth, rating)))
  reader <- if (design == "frrc") quote(fixed(reader)) else quote(reader)
  case <- if (design == "rrfc") quote(fixed(case)) else quote(case)
  call <- bquote(mrmc(.(f), modality, .(reader), .(case), data = mrmc_data_now, cov = .(as.name(cov))))
  eval(call, globalenv())
}

means_of <- function(s, design) {
  tm <- s$test_means
  lapply(seq_len(nrow(tm)), function(i) {
    out <- list(estimate = tm$Estimate[i], se = tm$StdErr[i])
    if (design != "frrc") out$df <- tm$df[i]
    out$lower <- tm$CI[i, 1]; out$upper <- tm$CI[i, 2]
    out
  })
}
diffs_of <- function(s, design) {
  td <- s$test_diffs
  lapply(seq_len(nrow(td)), function(i) {
    ab <- strsplit(as.character(td$Comparison[i]), " - ", fixed = TRUE)[[1]]
    out <- list(a = ab[1], b = ab[2], estimate = td$Estimate[i], se = td$StdErr[i])
    if (design != "frrc") out$df <- td$df[i]
    out$lower <- td$CI[i, 1]; out$upper <- td$CI[i, 2]
    out$stat <- if (design == "frrc") td$z[i] else td$t[i]
    out$p <- td$`p-value`[i]
    out
  })
}
test_of <- function(s, design) {
  te <- s$test_equality
  if (design == "frrc") list(statistic = te$X2, df = te$df, p = te$`p-value`)
  else list(statistic = te$F, df1 = te$df1, df2 = te$df2, p = te$`p-value`)
}

analyse <- function(metric, cov, dat) {
  out <- list()
  for (design in c("rrrc", "frrc", "rrfc")) {
    est <- fit(metric, design, cov, dat)
    s <- summary(est, conf.level = level)
    if (design == "rrrc") {
      e <- est$data
      out$readerEstimates <- lapply(levels(dat$modality), function(t) as.list(e[[1]][e$modality == t]))
      vc <- s$vcov_comps$Estimate
      out$vcov <- list(reader = vc[1], modalityReader = vc[2], error = vc[3], cov1 = vc[4], cov2 = vc[5], cov3 = vc[6])
    }
    if (design == "frrc") {
      # each reader's own difference a - b (readers fixed): SE sqrt(Var_a + Var_b - 2 Cov_ab) of
      # that reader's two figures, normal interval. MRMCaov's reader_test_diffs gives the same
      # with two modalities (checked below); with three or more it recycles one SE per reader
      # over the reader's comparisons (a length mismatch in its data.frame), so it is not used.
      C <- est$cov
      e <- est$data
      mods <- levels(dat$modality)
      combs <- t(combn(length(mods), 2))
      out$readerDiffs <- list()
      for (r in levels(dat$reader)) for (k in seq_len(nrow(combs))) {
        a <- mods[combs[k, 1]]; b <- mods[combs[k, 2]]
        ia <- paste(a, r, sep = "."); ib <- paste(b, r, sep = ".")
        d <- e[[1]][e$modality == a & e$reader == r] - e[[1]][e$modality == b & e$reader == r]
        se <- sqrt(C[ia, ia] + C[ib, ib] - 2 * C[ia, ib])
        z <- d / se
        q <- qnorm((1 + level) / 2)
        out$readerDiffs[[length(out$readerDiffs) + 1]] <- list(reader = r, a = a, b = b, estimate = d, se = se,
          lower = d - q * se, upper = d + q * se, z = z, p = 2 * pnorm(-abs(z)))
      }
      if (length(mods) == 2) {
        rd <- s$reader_test_diffs
        ours <- sapply(out$readerDiffs, function(x) x$se)
        stopifnot(isTRUE(all.equal(ours, rd$StdErr, tolerance = 1e-12)))
      }
    }
    out[[design]] <- list(means = means_of(s, design), diffs = diffs_of(s, design), test = test_of(s, design))
  }
  out
}

# the model against the readers of one modality: MRMCaov rrrc on (readers, model replicated)
standalone_one <- function(metric, cov, sub, reader_rating, model_rating, model_theta, readers_theta) {
  n <- nrow(sub)
  two <- data.frame(truth = rep(sub$truth, 2), rating = c(reader_rating, model_rating),
    modality = factor(rep(c("readers", "model"), each = n), levels = c("readers", "model")),
    reader = factor(rep(sub$reader, 2), levels = unique(sub$reader)), case = factor(rep(sub$case_id, 2)))
  est <- fit(metric, "rrrc", cov, two)
  s <- summary(est, conf.level = level)
  d <- s$test_diffs; te <- s$test_equality
  # 1T-RRRC (RJafroc SingleModalityRRRC): MS(R) of the differences, Var and Cov2 of the
  # differences from the covariance matrix of (readers, model)
  R <- nlevels(two$reader)
  C <- est$cov
  idx_r <- 1:R; idx_m <- R + 1  # model's replicated figure: any of the replicated entries
  D <- readers_theta - model_theta
  msr <- sum((D - mean(D))^2) / (R - 1)
  covD <- C[idx_r, idx_r] - outer(C[idx_r, R + 1], rep(1, R)) - outer(rep(1, R), C[R + 1, idx_r]) + C[R + 1, R + 1]
  cov2 <- mean(covD[row(covD) != col(covD)])
  den <- msr + R * max(cov2, 0)
  df <- den^2 / (msr^2 / (R - 1))
  tstat <- mean(D) / sqrt(den / R)
  p <- 2 * pt(-abs(tstat), df)
  stopifnot(abs(te$F - tstat^2) < 1e-10 * max(1, te$F), abs(te$df2 - df) < 1e-10 * max(1, df),
            abs(te$`p-value` - p) < 1e-10)
  list(readersMean = mean(readers_theta), model = model_theta, difference = -d$Estimate,
       se = d$StdErr, df = d$df, lower = -d$CI[1, 2], upper = -d$CI[1, 1], t = -d$t, p = d$`p-value`)
}

threshold_at_specificity <- function(pos, neg, target) {
  for (th in sort(unique(c(pos, neg)))) if (mean(neg < th) >= target - 1e-12) return(th)
  NA
}
threshold_at_sensitivity <- function(pos, neg, target) {
  for (th in sort(unique(c(pos, neg)), decreasing = TRUE)) if (mean(pos >= th) >= target - 1e-12) return(th)
  NA
}

standalone <- function(reads, model, positive_from, metrics) {
  lapply(unique(reads$modality), function(t) {
    sub <- reads[reads$modality == t, ]
    ms <- model[sub$case_id]
    readers <- unique(sub$reader)
    theta <- function(f) sapply(readers, function(r) f(sub$truth[sub$reader == r], sub$rating[sub$reader == r]))
    auc <- function(y, x) { p <- x[y == 1]; q <- x[y == 0]; mean(outer(p, q, ">") + 0.5 * outer(p, q, "==")) }
    model_auc <- auc(sub$truth[sub$reader == readers[1]], ms[sub$reader == readers[1]])
    out <- list(modality = t)
    for (cov in c("jackknife", "DeLong")) {
      out[[paste0("auc_", tolower(cov))]] <- standalone_one("auc", cov, sub, sub$rating, ms, model_auc, theta(auc))
    }
    if (!is.na(positive_from)) {
      one <- sub$reader == readers[1]
      pos <- ms[one & sub$truth == 1]; neg <- ms[one & sub$truth == 0]
      sens_r <- theta(function(y, x) mean(x[y == 1] >= positive_from))
      spec_r <- theta(function(y, x) mean(x[y == 0] < positive_from))
      th_sens <- threshold_at_specificity(pos, neg, mean(spec_r))
      th_spec <- threshold_at_sensitivity(pos, neg, mean(sens_r))
      calls <- as.numeric(sub$rating >= positive_from)
      r1 <- standalone_one("sensitivity", "jackknife", sub, calls, as.numeric(ms >= th_sens), mean(pos >= th_sens), sens_r)
      out$sensitivity <- c(list(threshold = th_sens, matchedModel = mean(neg < th_sens)), r1)
      r2 <- standalone_one("specificity", "jackknife", sub, calls, as.numeric(ms >= th_spec), mean(neg < th_spec), spec_r)
      out$specificity <- c(list(threshold = th_spec, matchedModel = mean(pos >= th_spec)), r2)
    }
    out
  })
}

run <- function(name, reads, model, positive_from) {
  cases <- unique(reads[c("case_id", "truth")])
  cases <- cases[order(cases$case_id), ]
  cases$model <- model[cases$case_id]
  write.csv(cases, sprintf("test/reference/data/readers_%s_cases.csv", name), row.names = FALSE, quote = FALSE)
  write.csv(reads[c("case_id", "reader", "modality", "rating")],
            sprintf("test/reference/data/readers_%s_reads.csv", name), row.names = FALSE, quote = FALSE)
  # read back what the TypeScript tests read (ratings and scores as written)
  reads$rating <- parse_numbers_exactly(format(reads$rating, digits = 17, trim = TRUE))
  dat <- frame_for_mrmc(reads, reads$rating)
  calls <- frame_for_mrmc(reads, as.numeric(reads$rating >= positive_from))
  out <- list(
    dataset = name, script = "test/reference/readers.R",
    versions = list(R = paste(R.version$major, R.version$minor, sep = "."),
                    MRMCaov = as.character(packageVersion("MRMCaov")), jsonlite = as.character(packageVersion("jsonlite"))),
    level = level, positiveFrom = positive_from,
    modalities = as.list(levels(dat$modality)), readers = as.list(levels(dat$reader)),
    metrics = list(
      auc_jackknife = analyse("auc", "jackknife", dat),
      auc_delong = analyse("auc", "DeLong", dat),
      sensitivity = analyse("sensitivity", "jackknife", calls),
      specificity = analyse("specificity", "jackknife", calls)
    ),
    standalone = standalone(reads, model, positive_from)
  )
  # an infinite df or statistic (no reader-by-modality variation) is written as null, as dxreport does
  nonfinite_to_na <- function(x) {
    if (is.list(x)) return(lapply(x, nonfinite_to_na))
    if (is.numeric(x)) x[!is.finite(x)] <- NA
    x
  }
  out <- nonfinite_to_na(out)
  write_json_file(out, sprintf("test/reference/expected/readers_%s.json", name))
}

vd <- make_vandyke()
run("vandyke", vd, consensus_model(vd), 4)
fr <- make_franken()
run("franken", fr, consensus_model(fr), 3)
sim <- make_simulated()
run("simulated", sim, attr(sim, "model"), 3)

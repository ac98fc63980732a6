# clustered.R — reference values for clustered (several cases per patient) analyses.
#
#   Rscript test/reference/clustered.R        (from the repository root)
#
# Writes data/clustered_{mixed,ties,pure}.csv (seeded simulations, columns
# case_id,patient,y,model_a,model_b) and expected/clustered_{mixed,ties,pure}.json.
#
# Everything is computed here from the papers' definitions, directly on the cases; no
# dxreport code, no midrank shortcut:
#
# AUC — Obuchowski NA (1997). Nonparametric analysis of clustered ROC curve data.
# Biometrics 53:567-578. Cluster i (i = 1..I) holds m_i positives X_ij and n_i negatives
# Y_ik; M = sum m_i, N = sum n_i; psi(x, y) = 1 if x > y, 1/2 if x = y, 0 otherwise.
#   theta      = (1/(M N)) sum_ij sum_i'k psi(X_ij, Y_i'k)        (the psi matrix, M x N)
#   V10(X_ij)  = (1/N) sum_i'k psi(X_ij, Y_i'k),   V10(X_i.) = sum_j V10(X_ij)
#   V01(Y_ik)  = (1/M) sum_i'j psi(X_i'j, Y_ik),   V01(Y_i.) = sum_k V01(Y_ik)
#   S10 = I10/((I10 - 1) M) sum_i (V10(X_i.) - m_i theta)^2
#   S01 = I01/((I01 - 1) N) sum_i (V01(Y_i.) - n_i theta)^2
#   S11 = I/(I - 1)         sum_i (V10(X_i.) - m_i theta)(V01(Y_i.) - n_i theta)
#   var(theta) = S10/M + S01/N + 2 S11/(M N)
# I = all clusters, I10 = clusters with >= 1 positive, I01 = clusters with >= 1 negative.
# For two models r, s on the same cases the same sums with cross products, and
#   cov(theta_r, theta_s) = S10^rs/M + S01^rs/N + (S11^rs + S11^sr)/(M N),
#   S11^rs = I/(I - 1) sum_i (V10^r(X_i.) - m_i theta_r)(V01^s(Y_i.) - n_i theta_s).
# The same sums appear in the Cleveland Clinic funcs_clusteredROC.R / iMRMC doAUCcluster()
# (cov_12 = S10_12/M + S01_12/N + S11_12/(M N) + S11_21/(M N)). This is the cluster-robust
# (sandwich) variance of the first-order (Hoeffding) projection
#   theta_hat - theta ~ sum_i [(V10(X_i.) - m_i theta)/M + (V01(Y_i.) - n_i theta)/N],
# each factor c/(c - 1) the small-sample correction over the c clusters that contribute.
# Paired test: z = (theta_a - theta_b) / sqrt(var_a + var_b - 2 cov_ab), two-sided normal p.
#
# Paired proportions — Obuchowski NA (1998). On the comparison of correlated proportions
# for clustered data. Stat Med 17:1495-1507. Among the cases of one class (positives for
# sensitivity, negatives for specificity), K clusters with n_k >= 1 of those cases,
# N = sum n_k; x_k1, x_k2 = correct calls of test 1 and 2 in cluster k;
# p_j = sum_k x_kj / N. Obuchowski's test estimates the variances under H0: p1 = p2 with
# the pooled p = (p1 + p2)/2:
#   var_j = K/((K - 1) N^2) sum_k (x_kj - n_k p)^2
#   cov   = K/((K - 1) N^2) sum_k (x_k1 - n_k p)(x_k2 - n_k p)
#   X2_O  = (p1 - p2)^2 / (var_1 + var_2 - 2 cov)          on 1 df
# which equals ((K - 1)/K) (sum_k d_k)^2 / sum_k d_k^2, d_k = x_k1 - x_k2 = b_k - c_k
# (Yang Z, Sun X, Hardin JW (2010), "A note on the tests for clustered matched-pair binary
# data", Biometrical Journal, doi:10.1002/bimj.201000035, and CRAN clust.bin.pair 0.1.2
# .obuchowski.impl(); both forms are computed below and must agree). With one case per cluster X2_O = ((N - 1)/N) times
# McNemar's (b - c)^2/(b + c) (checked against mcnemar.test).
# Also written: the variance about each test's own proportion (not under H0),
#   var_u = K/((K - 1) N^2) sum_k (d_k - n_k D)^2,   D = p1 - p2,
# its square root (the SE of the difference, used for the Wald interval D +- z SE clamped
# to [-1, 1]) and the statistic D^2 / var_u.
#
# Cross-checks (stop() on failure), recorded under crossChecks in each JSON:
#  (a) one case per cluster: the clustered variance/covariance above equals pROC's
#      var(roc, method = "delong") / cov(method = "delong") to 1e-12, and the paired z
#      equals roc.test(method = "delong", paired = TRUE)'s;
#  (b) (mixed data set only) cluster bootstrap, resampling patients, 20000 replicates:
#      the bootstrap variance of each AUC, of the AUC difference and of the proportion
#      differences against the analytic values, with the Monte Carlo SE of the bootstrap
#      variance.
suppressPackageStartupMessages({
  library(pROC)
  library(jsonlite)
})
source("test/reference/common.R")

LEVEL <- 0.95
Z <- qnorm(1 - (1 - LEVEL) / 2)
MODELS <- c("model_a", "model_b")

# ---------------------------------------------------------------------------------------
# Simulation. Each patient has 1-4 images; a patient effect u (shared by both models) and a
# per-model patient effect make scores correlated within patient and between models.
#   mode "mixed": y ~ Bernoulli(p_i), p_i ~ Beta(1.2, 1.5) per patient
#   mode "pure":  35% of patients all negative, 30% all positive, 35% mixed (p = 0.5)
#   ties:         model_a a 1..5 grade, model_b a probability to one decimal
simulate <- function(seed, patients, mode, ties) {
  set.seed(seed)
  rows <- list()
  for (i in seq_len(patients)) {
    k <- sample(1:4, 1, prob = c(0.3, 0.3, 0.2, 0.2))
    if (mode == "mixed") {
      y <- rbinom(k, 1, rbeta(1, 1.2, 1.5))
    } else {
      type <- sample(c("neg", "pos", "mix"), 1, prob = c(0.35, 0.30, 0.35))
      y <- switch(type, neg = rep(0L, k), pos = rep(1L, k), mix = rbinom(k, 1, 0.5))
    }
    u <- rnorm(1)
    va <- rnorm(1, sd = 0.5)
    vb <- rnorm(1, sd = 0.5)
    ea <- rnorm(k)
    eb <- 0.5 * ea + sqrt(0.75) * rnorm(k)
    la <- -0.6 + 1.3 * y + 0.8 * u + va + 0.8 * ea
    lb <- -0.5 + 1.0 * y + 0.8 * u + vb + 0.9 * eb
    if (ties) {
      a <- sprintf("%d", as.integer(cut(la, c(-Inf, -0.8, -0.1, 0.6, 1.3, Inf))))
      b <- sprintf("%.1f", round(plogis(lb), 1))
    } else {
      a <- sprintf("%.4f", plogis(la))
      b <- sprintf("%.4f", plogis(lb))
    }
    pid <- sprintf("P%03d", i)
    rows[[i]] <- data.frame(case_id = sprintf("%s-%d", pid, seq_len(k)), patient = pid,
                            y = as.integer(y), model_a = a, model_b = b, stringsAsFactors = FALSE)
  }
  d <- do.call(rbind, rows)
  d[sample(nrow(d)), , drop = FALSE]   # shuffle: a patient's cases are not adjacent
}

write_data <- function(d, path) {
  dir.create(dirname(path), recursive = TRUE, showWarnings = FALSE)
  write.csv(d, path, row.names = FALSE, quote = FALSE)
  cat("wrote", path, "\n")
}

read_clustered <- function(path) {
  raw <- read.csv(path, colClasses = "character", stringsAsFactors = FALSE)
  d <- data.frame(case_id = raw$case_id, patient = raw$patient, y = as.integer(raw$y),
                  stringsAsFactors = FALSE)
  stopifnot(all(d$y %in% c(0L, 1L)), !anyDuplicated(d$case_id))
  for (m in MODELS) d[[m]] <- parse_numbers_exactly(raw[[m]])   # = JavaScript parseFloat
  d
}

# ---------------------------------------------------------------------------------------
# Obuchowski (1997) on per-case data.
psi_matrix <- function(pos, neg) outer(pos, neg, function(x, y) (x > y) + 0.5 * (x == y))

cluster_components <- function(score, y, cluster) {
  clusters <- unique(cluster)
  psi <- psi_matrix(score[y == 1], score[y == 0])
  theta <- mean(psi)
  v10 <- rowSums(psi) / ncol(psi)       # one per positive
  v01 <- colSums(psi) / nrow(psi)       # one per negative
  cp <- cluster[y == 1]; cn <- cluster[y == 0]
  X <- vapply(clusters, function(k) sum(v10[cp == k]), 0)   # 0 for a cluster without positives
  Y <- vapply(clusters, function(k) sum(v01[cn == k]), 0)
  m <- vapply(clusters, function(k) sum(cp == k), 0)
  n <- vapply(clusters, function(k) sum(cn == k), 0)
  list(theta = theta, X = X - m * theta, Y = Y - n * theta, m = m, n = n,
       I = length(clusters), I10 = sum(m > 0), I01 = sum(n > 0), M = sum(m), N = sum(n))
}

obuchowski_cov <- function(r, s) {
  I <- r$I; I10 <- r$I10; I01 <- r$I01; M <- r$M; N <- r$N
  S10 <- I10 / ((I10 - 1) * M) * sum(r$X * s$X)
  S01 <- I01 / ((I01 - 1) * N) * sum(r$Y * s$Y)
  S11rs <- I / (I - 1) * sum(r$X * s$Y)
  S11sr <- I / (I - 1) * sum(s$X * r$Y)
  list(cov = S10 / M + S01 / N + (S11rs + S11sr) / (M * N), S10 = S10, S01 = S01, S11 = S11rs)
}

# ---------------------------------------------------------------------------------------
# Obuchowski (1998) for one class of cases.
paired_proportions <- function(d, a, b, ta, tb, positives) {
  cls <- if (positives) 1L else 0L
  s <- d[d$y == cls, ]
  ca <- if (positives) as.integer(s[[a]] >= ta) else as.integer(s[[a]] < ta)
  cb <- if (positives) as.integer(s[[b]] >= tb) else as.integer(s[[b]] < tb)
  f <- factor(s$patient, levels = unique(s$patient))
  nk <- as.numeric(table(f)); x1 <- as.numeric(tapply(ca, f, sum)); x2 <- as.numeric(tapply(cb, f, sum))
  bk <- as.numeric(tapply(ca == 1 & cb == 0, f, sum)); ck <- as.numeric(tapply(ca == 0 & cb == 1, f, sum))
  K <- length(nk); N <- sum(nk)
  p1 <- sum(x1) / N; p2 <- sum(x2) / N; D <- p1 - p2; pbar <- (p1 + p2) / 2
  stopifnot(K > 1, sum((bk - ck)^2) > 0)
  # under H0 (pooled p), as in Obuchowski (1998)
  v1 <- K / ((K - 1) * N^2) * sum((x1 - nk * pbar)^2)
  v2 <- K / ((K - 1) * N^2) * sum((x2 - nk * pbar)^2)
  c12 <- K / ((K - 1) * N^2) * sum((x1 - nk * pbar) * (x2 - nk * pbar))
  var0 <- v1 + v2 - 2 * c12
  x2o <- D^2 / var0
  x2o_simple <- ((K - 1) / K) * sum(bk - ck)^2 / sum((bk - ck)^2)   # Yang et al. (2010)
  stopifnot(abs(x2o - x2o_simple) <= 1e-12 * max(1, x2o))
  # about each test's own proportion (not under H0)
  u1 <- K / ((K - 1) * N^2) * sum((x1 - nk * p1)^2)
  u2 <- K / ((K - 1) * N^2) * sum((x2 - nk * p2)^2)
  cu <- K / ((K - 1) * N^2) * sum((x1 - nk * p1) * (x2 - nk * p2))
  varu <- u1 + u2 - 2 * cu
  stopifnot(abs(varu - K / ((K - 1) * N^2) * sum((x1 - x2 - nk * D)^2)) <= 1e-15)
  se <- sqrt(varu)
  list(models = list(a, b), thresholds = list(ta, tb), on = if (positives) "positives" else "negatives",
       n = as.integer(N), clusters = as.integer(K), b = as.integer(sum(bk)), c = as.integer(sum(ck)),
       difference = D, seDifference = se, varianceDifference = varu,
       ci = list(max(-1, D - Z * se), min(1, D + Z * se)),
       obuchowski = list(statistic = x2o, p = pchisq(x2o, 1, lower.tail = FALSE), variance = var0),
       unrestricted = list(statistic = D^2 / varu, p = pchisq(D^2 / varu, 1, lower.tail = FALSE)))
}

# With one case per cluster Obuchowski's statistic is ((N - 1)/N) x McNemar's.
check_singleton_mcnemar <- function(d, ta, tb) {
  for (positives in c(TRUE, FALSE)) {
    e <- d; e$patient <- e$case_id
    r <- paired_proportions(e, "model_a", "model_b", ta, tb, positives)
    tab <- matrix(c(r$n - r$b - r$c, r$c, r$b, 0), 2)   # only the off-diagonal matters
    mc <- unname(mcnemar.test(tab, correct = FALSE)$statistic)
    stopifnot(abs(r$obuchowski$statistic - (r$n - 1) / r$n * mc) <= 1e-12 * max(1, mc))
  }
}

# ---------------------------------------------------------------------------------------
# (a) one case per cluster == pROC DeLong
check_singletons_vs_proc <- function(d) {
  comps <- lapply(MODELS, function(m) cluster_components(d[[m]], d$y, d$case_id))
  names(comps) <- MODELS
  rocs <- lapply(MODELS, function(m) roc(d$y, d[[m]], levels = c(0, 1), direction = "<", quiet = TRUE))
  names(rocs) <- MODELS
  worst <- 0
  for (m in MODELS) {
    mine <- obuchowski_cov(comps[[m]], comps[[m]])$cov
    ref <- var(rocs[[m]], method = "delong")
    worst <- max(worst, abs(mine - ref))
    stopifnot(abs(comps[[m]]$theta - as.numeric(auc(rocs[[m]]))) <= 1e-12)
  }
  mine <- obuchowski_cov(comps$model_a, comps$model_b)$cov
  ref <- cov(rocs$model_a, rocs$model_b, method = "delong")
  worst <- max(worst, abs(mine - ref))
  va <- obuchowski_cov(comps$model_a, comps$model_a)$cov
  vb <- obuchowski_cov(comps$model_b, comps$model_b)$cov
  z <- (comps$model_a$theta - comps$model_b$theta) / sqrt(va + vb - 2 * mine)
  zref <- unname(roc.test(rocs$model_a, rocs$model_b, method = "delong", paired = TRUE)$statistic)
  if (worst > 1e-12 || abs(z - zref) > 1e-9) {
    stop(sprintf("singleton clusters differ from pROC DeLong: max |var/cov diff| %.3g, z %.15g vs %.15g",
                 worst, z, zref))
  }
  list(maxAbsDifferenceVarianceCovariance = worst, pairedZ = z, pROCPairedZ = zref)
}

# ---------------------------------------------------------------------------------------
# (b) cluster bootstrap: resample patients with replacement.
auc_fast <- function(pos, neg) mean(psi_matrix(pos, neg))
cluster_bootstrap <- function(d, thresholds, replicates, seed) {
  set.seed(seed)
  patients <- unique(d$patient)
  rows_of <- split(seq_len(nrow(d)), factor(d$patient, levels = patients))
  ta <- thresholds[[1]]; tb <- thresholds[[2]]
  out <- matrix(NA_real_, replicates, 5,
                dimnames = list(NULL, c("auc_a", "auc_b", "diff", "sens_diff", "spec_diff")))
  for (r in seq_len(replicates)) {
    idx <- unlist(rows_of[sample.int(length(patients), replace = TRUE)], use.names = FALSE)
    y <- d$y[idx]; a <- d$model_a[idx]; b <- d$model_b[idx]
    if (all(y == 1) || all(y == 0)) next
    aa <- auc_fast(a[y == 1], a[y == 0]); ab <- auc_fast(b[y == 1], b[y == 0])
    sens <- mean(a[y == 1] >= ta) - mean(b[y == 1] >= tb)
    spec <- mean(a[y == 0] < ta) - mean(b[y == 0] < tb)
    out[r, ] <- c(aa, ab, aa - ab, sens, spec)
  }
  out <- out[complete.cases(out), , drop = FALSE]
  lapply(colnames(out), function(k) {
    x <- out[, k]
    dev2 <- (x - mean(x))^2
    list(variance = var(x), monteCarloSe = sd(dev2) / sqrt(length(x)), replicates = length(x))
  }) -> res
  names(res) <- colnames(out)
  res
}

# ---------------------------------------------------------------------------------------
analyse <- function(name, d, threshold_quantiles, bootstrap = FALSE) {
  comps <- lapply(MODELS, function(m) cluster_components(d[[m]], d$y, d$patient))
  names(comps) <- MODELS
  models <- list()
  for (m in MODELS) {
    cm <- comps[[m]]
    o <- obuchowski_cov(cm, cm)
    se <- sqrt(o$cov)
    models[[m]] <- list(auc = cm$theta, variance = o$cov, se = se,
                        ci = list(max(0, cm$theta - Z * se), min(1, cm$theta + Z * se)),
                        S10 = o$S10, S01 = o$S01, S11 = o$S11,
                        delongVarianceIgnoringClusters = var(roc(d$y, d[[m]], levels = c(0, 1),
                                                                 direction = "<", quiet = TRUE),
                                                             method = "delong"))
  }
  va <- models$model_a$variance; vb <- models$model_b$variance
  cab <- obuchowski_cov(comps$model_a, comps$model_b)$cov
  cba <- obuchowski_cov(comps$model_b, comps$model_a)$cov
  stopifnot(abs(cab - cba) <= 1e-15)
  diff <- comps$model_a$theta - comps$model_b$theta
  vd <- va + vb - 2 * cab
  z <- diff / sqrt(vd)
  comparisons <- list(list(models = list("model_a", "model_b"), covariance = cab, difference = diff,
                           varianceOfDifference = vd, se = sqrt(vd), z = z, p = 2 * pnorm(-abs(z)),
                           ci = list(diff - Z * sqrt(vd), diff + Z * sqrt(vd))))
  # thresholds: distinct score values of each model at the given quantile positions
  pick <- function(x, q) { u <- sort(unique(x)); u[max(1, ceiling(q * length(u)))] }
  thresholds <- lapply(threshold_quantiles, function(q) list(pick(d$model_a, q[1]), pick(d$model_b, q[2])))
  proportions <- list()
  for (t in thresholds) {
    check_singleton_mcnemar(d, t[[1]], t[[2]])
    for (positives in c(TRUE, FALSE)) {
      proportions[[length(proportions) + 1]] <- paired_proportions(d, "model_a", "model_b", t[[1]], t[[2]], positives)
    }
  }
  cross <- list(singletonClustersVsPROC = check_singletons_vs_proc(d))
  if (bootstrap) {
    B <- 20000L
    boot <- cluster_bootstrap(d, thresholds[[1]], B, 4242L)
    sens <- proportions[[1]]; spec <- proportions[[2]]
    stopifnot(sens$on == "positives", spec$on == "negatives")
    analytic <- list(auc_a = va, auc_b = vb, diff = vd, sens_diff = sens$varianceDifference,
                     spec_diff = spec$varianceDifference)
    entries <- list()
    for (k in names(analytic)) {
      zb <- (boot[[k]]$variance - analytic[[k]]) / boot[[k]]$monteCarloSe
      entries[[k]] <- list(analyticVariance = analytic[[k]], bootstrapVariance = boot[[k]]$variance,
                           monteCarloSe = boot[[k]]$monteCarloSe, ratio = boot[[k]]$variance / analytic[[k]],
                           zMonteCarlo = zb, replicates = boot[[k]]$replicates)
      cat(sprintf("  bootstrap %-9s analytic %.6g  bootstrap %.6g  (MC se %.2g, z %.2f, ratio %.4f)\n",
                  k, analytic[[k]], boot[[k]]$variance, boot[[k]]$monteCarloSe, zb,
                  boot[[k]]$variance / analytic[[k]]))
    }
    if (abs(entries$auc_a$zMonteCarlo) > 3 && abs(entries$auc_b$zMonteCarlo) > 3) {
      stop("cluster bootstrap variance of neither AUC is within 3 Monte Carlo SE of the analytic variance")
    }
    cross$clusterBootstrap <- c(list(resampling = "patients with replacement", seed = 4242L,
                                     requested = B, thresholds = thresholds[[1]]), entries)
  }
  list(dataset = name, script = "test/reference/clustered.R", versions = versions(), level = LEVEL,
       n = nrow(d), positives = sum(d$y), negatives = sum(1 - d$y),
       clusters = comps$model_a$I, clustersWithPositives = comps$model_a$I10,
       clustersWithNegatives = comps$model_a$I01,
       models = models, comparisons = comparisons, pairedProportions = proportions,
       crossChecks = cross)
}

specs <- list(
  list(name = "clustered_mixed", seed = 3101L, patients = 60L, mode = "mixed", ties = FALSE,
       q = list(c(0.5, 0.5), c(0.3, 0.6)), bootstrap = TRUE),
  list(name = "clustered_ties", seed = 3102L, patients = 50L, mode = "mixed", ties = TRUE,
       q = list(c(0.6, 0.5), c(0.4, 0.4)), bootstrap = FALSE),
  list(name = "clustered_pure", seed = 3103L, patients = 60L, mode = "pure", ties = FALSE,
       q = list(c(0.5, 0.5), c(0.7, 0.4)), bootstrap = FALSE)
)

for (s in specs) {
  path <- sprintf("test/reference/data/%s.csv", s$name)
  write_data(simulate(s$seed, s$patients, s$mode, s$ties), path)
  d <- read_clustered(path)
  res <- analyse(s$name, d, s$q, s$bootstrap)
  cat(sprintf("%s: n %d, clusters %d (I10 %d, I01 %d)\n", s$name, res$n, res$clusters,
              res$clustersWithPositives, res$clustersWithNegatives))
  write_json_file(res, sprintf("test/reference/expected/%s.json", s$name))
}

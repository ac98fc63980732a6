# calibration.R — reference values for src/statistics/{calibration,logisticRegression,loess,
# quantile,decisionCurve}.ts, from the data sets written by make_calibration_data.R.
#
# For each test/reference/data/calibration_<set>.csv it writes
#   test/reference/expected/calibration_<set>.json     Brier, scaled Brier, calibration
#       intercept and slope (glm, epsilon = 1e-14), O/E, Spiegelhalter, quantile bins with
#       Wilson intervals, loess (surface = "direct") calibration curves with ICI/E50/E90/Emax,
#       rms::val.prob cross-checks; unweighted and with the case weights w.
#   test/reference/expected/decision_curve_<set>.json  net benefit (by formula), treat-all,
#       standardized net benefit, interventions avoided, NB at a target prevalence, PPV/NPV
#       by Bayes' theorem; unweighted and weighted.
# "Weighted" always means: the data with row i repeated w[i] times. Where R's own weights
# argument means the same thing (glm prior weights, sums) it is used, and the script checks
# it against the expanded data; where it does not (loess, quantile, cut) the expanded data
# are used.
#
# Run from the repository root:  Rscript test/reference/calibration.R
# Needs r-base-core, r-cran-rms, r-cran-jsonlite (Debian bookworm: R 4.2.2, rms 6.5-0).

suppressPackageStartupMessages({
  library(rms)
  library(jsonlite)
})
# JSON with every double at 17 significant digits: the shared writer (read first: common.R
# also defines a versions() helper, which this script's versions list replaces)
source(file.path("test", "reference", "common.R"))

level <- 0.95
z <- qnorm(1 - (1 - level) / 2)
clamp <- 1e-15
glm_epsilon <- 1e-14
control <- glm.control(epsilon = glm_epsilon, maxit = 100)
spans <- list(default = 0.75, others = c(0.5, 1.5))
bins_g <- 10
thresholds <- (1:99) / 100 # exact decimals: integer / 100 is the double nearest k/100
target_prevalence <- 0.2
ppv_thresholds <- c(0.1, 0.25, 0.5)

sets <- c("well", "overconfident", "ties", "imbalanced", "clamped", "separation")
data_dir <- file.path("test", "reference", "data")
out_dir <- file.path("test", "reference", "expected")
dir.create(out_dir, recursive = TRUE, showWarnings = FALSE)

versions <- list(
  R = R.version.string,
  stats = as.character(packageVersion("stats")),
  rms = as.character(packageVersion("rms")),
  jsonlite = as.character(packageVersion("jsonlite"))
)

# ---------------------------------------------------------------------------------------
with_warnings <- function(expr) {
  messages <- character()
  value <- withCallingHandlers(expr, warning = function(w) {
    messages <<- c(messages, conditionMessage(w))
    invokeRestart("muffleWarning")
  })
  list(value = value, warnings = unique(messages))
}

glm_result <- function(fit, warnings, which) {
  co <- coef(fit)
  se <- sqrt(diag(vcov(fit)))
  ci <- confint.default(fit, level = level)
  # the inverse Fisher information at the final coefficients (vcov() uses the weights of
  # the last iteration, one step earlier)
  X <- model.matrix(fit)
  mu <- fitted(fit)
  information <- crossprod(X * sqrt(weights(fit, "prior") * mu * (1 - mu)))
  se_at_estimate <- tryCatch(sqrt(diag(solve(information))), error = function(e) rep(NA_real_, length(co)))
  list(
    estimate = unname(co[which]),
    se = unname(se[which]),
    se_at_estimate = unname(se_at_estimate[which]),
    lower = unname(ci[which, 1]),
    upper = unname(ci[which, 2]),
    coefficients = as.list(unname(co)),
    converged = fit$converged,
    iterations = as.integer(fit$iter),
    deviance = deviance(fit),
    warnings = as.list(warnings)
  )
}

fit_intercept <- function(y, lp, w) {
  r <- with_warnings(glm(y ~ 1, offset = lp, weights = w, family = binomial(), control = control))
  glm_result(r$value, r$warnings, 1)
}
fit_slope <- function(y, lp, w) {
  r <- with_warnings(glm(y ~ lp, weights = w, family = binomial(), control = control))
  glm_result(r$value, r$warnings, 2)
}

wilson <- function(x, n) {
  ci <- suppressWarnings(prop.test(x, n, correct = FALSE, conf.level = level)$conf.int)
  c(ci[1], ci[2])
}

bins_of <- function(p, y, g) {
  breaks <- unique(quantile(p, probs = (0:g) / g, type = 7, names = FALSE))
  group <- if (length(breaks) == 1) factor(rep(1, length(p))) else
    cut(p, breaks, include.lowest = TRUE, right = TRUE)
  out <- list()
  for (lev in levels(group)) {
    i <- which(group == lev)
    if (length(i) == 0) next
    x <- sum(y[i])
    ci <- wilson(x, length(i))
    out[[length(out) + 1]] <- list(bin = length(out) + 1L, n = length(i), mean_predicted = mean(p[i]),
                                   events = x, observed = x / length(i), lower = ci[1], upper = ci[2])
  }
  list(breaks = as.list(breaks), bins = out)
}

loess_curve <- function(p, y, span) {
  r <- with_warnings({
    fit <- loess(y ~ p, span = span, degree = 2, family = "gaussian", surface = "direct")
    fitted_values <- unname(predict(fit))
    grid <- min(p) + (max(p) - min(p)) * (0:99) / 99
    list(fitted = fitted_values, grid = grid, grid_fitted = unname(predict(fit, newdata = data.frame(p = grid))))
  })
  e <- abs(r$value$fitted - p)
  q <- quantile(e, c(0.5, 0.9), type = 7, names = FALSE)
  list(span = span, fitted = r$value$fitted, ici = mean(e), e50 = q[1], e90 = q[2], emax = max(e),
       grid = r$value$grid, grid_fitted = r$value$grid_fitted, warnings = as.list(r$warnings))
}

val_prob <- function(p, y) {
  r <- tryCatch(with_warnings(val.prob(p, y, pl = FALSE)), error = function(e) NULL)
  if (is.null(r)) return(NULL)
  s <- r$value
  list(Brier = s[["Brier"]], Intercept = s[["Intercept"]], Slope = s[["Slope"]], Emax = s[["Emax"]],
       E90 = s[["E90"]], Eavg = s[["Eavg"]], S_z = s[["S:z"]], S_p = s[["S:p"]],
       note = "val.prob drops p of exactly 0 or 1 from its logistic fit and smooths with lowess(iter = 0); Intercept is that of y ~ logit p, not calibration-in-the-large",
       warnings = as.list(r$warnings))
}

calibration_measures <- function(p, y, w) {
  # w: glm prior weights (all 1 = unweighted). Everything not done by glm works on the data
  # expanded by w.
  pe <- rep(p, w)
  ye <- rep(y, w)
  lp <- qlogis(pmin(pmax(p, clamp), 1 - clamp))
  lpe <- rep(lp, w)
  n <- length(pe)
  O <- sum(ye)
  E <- sum(pe)
  brier <- mean((pe - ye)^2)
  prevalence <- O / n
  intercept <- fit_intercept(y, lp, w)
  slope <- fit_slope(y, lp, w)
  # glm prior weights are the same model as duplicated rows: check (vcov() differs by up to
  # ~1e-8 between the two because it is evaluated one iteration before convergence and the
  # two runs take different numbers of iterations; the SE at the estimate agrees)
  dup_intercept <- fit_intercept(ye, lpe, rep(1, n))
  dup_slope <- fit_slope(ye, lpe, rep(1, n))
  if (intercept$converged && length(intercept$warnings) == 0)
    stopifnot(abs(dup_intercept$estimate - intercept$estimate) < 1e-9,
              abs(dup_intercept$se_at_estimate - intercept$se_at_estimate) < 1e-10,
              abs(dup_intercept$se - intercept$se) < 1e-7)
  if (slope$converged && length(slope$warnings) == 0)
    stopifnot(abs(dup_slope$estimate - slope$estimate) < 1e-9,
              abs(dup_slope$se_at_estimate - slope$se_at_estimate) < 1e-10,
              abs(dup_slope$se - slope$se) < 1e-7)
  log_se <- sqrt((1 - O / n) / O)
  s_num <- sum((ye - pe) * (1 - 2 * pe))
  s_den <- sqrt(sum((1 - 2 * pe)^2 * pe * (1 - pe)))
  s_z <- s_num / s_den
  loess_all <- c(list(loess_curve(pe, ye, spans$default)),
                 lapply(spans$others, function(s) loess_curve(pe, ye, s)))
  list(
    n = n, events = O, expected = E, clamped = sum(pe < clamp | pe > 1 - clamp),
    brier = brier,
    scaled_brier = 1 - brier / (prevalence * (1 - prevalence)),
    intercept = intercept,
    slope = slope,
    observed_expected = list(estimate = O / E, se = (O / E) * log_se,
                             lower = exp(log(O / E) - z * log_se), upper = exp(log(O / E) + z * log_se)),
    spiegelhalter = list(z = s_z, p = 2 * pnorm(-abs(s_z))),
    bins = bins_of(pe, ye, bins_g),
    loess = loess_all
  )
}

decision_measures <- function(p, y, w) {
  n <- sum(w)
  positives <- sum(w * y)
  negatives <- n - positives
  prevalence <- positives / n
  points <- lapply(thresholds, function(t) {
    treated <- p >= t
    tp <- sum(w[treated & y == 1])
    fp <- sum(w[treated & y == 0])
    odds <- t / (1 - t)
    nb <- tp / n - fp / n * odds
    all <- prevalence - (1 - prevalence) * odds
    sens <- tp / positives
    spec <- (negatives - fp) / negatives
    nb_target <- sens * target_prevalence - (1 - spec) * (1 - target_prevalence) * odds
    all_target <- target_prevalence - (1 - target_prevalence) * odds
    list(threshold = t, tp = tp, fp = fp, net_benefit = nb, treat_all = all,
         standardized_net_benefit = nb / prevalence,
         interventions_avoided_per_100 = (nb - all) / odds * 100,
         net_benefit_target = nb_target, treat_all_target = all_target,
         standardized_net_benefit_target = nb_target / target_prevalence,
         interventions_avoided_per_100_target = (nb_target - all_target) / odds * 100)
  })
  predictive <- lapply(ppv_thresholds, function(t) {
    treated <- p >= t
    sens <- sum(w[treated & y == 1]) / positives
    spec <- sum(w[!treated & y == 0]) / negatives
    ppv <- sens * target_prevalence / (sens * target_prevalence + (1 - spec) * (1 - target_prevalence))
    npv <- spec * (1 - target_prevalence) / (spec * (1 - target_prevalence) + (1 - sens) * target_prevalence)
    list(threshold = t, sensitivity = sens, specificity = spec, ppv = ppv, npv = npv)
  })
  list(n = n, prevalence = prevalence, points = points, predictive_values = predictive)
}

for (set in sets) {
  path <- file.path(data_dir, paste0("calibration_", set, ".csv"))
  d <- read.csv(path)
  p <- d$p
  y <- d$y
  w <- d$w
  ones <- rep(1, length(p))
  common <- list(
    generated_by = "test/reference/calibration.R",
    versions = versions,
    data = path,
    level = level
  )
  calibration <- c(common, list(
    clamp = clamp,
    glm_epsilon = glm_epsilon,
    bins_groups = bins_g,
    loess = "loess(y ~ p, span, degree = 2, family = 'gaussian', surface = 'direct'); grid = min(p) + (max(p) - min(p)) * (0:99)/99",
    unweighted = calibration_measures(p, y, ones),
    weighted = calibration_measures(p, y, w),
    val_prob = val_prob(p, y)
  ))
  write_json_file(calibration, file.path(out_dir, paste0("calibration_", set, ".json")))
  decision <- c(common, list(
    target_prevalence = target_prevalence,
    formula = "NB = TP/n - FP/n * t/(1-t), treated when p >= t; target prevalence: sens*pi - (1-spec)*(1-pi)*t/(1-t)",
    unweighted = decision_measures(p, y, ones),
    weighted = decision_measures(p, y, w)
  ))
  write_json_file(decision, file.path(out_dir, paste0("decision_curve_", set, ".json")))
}

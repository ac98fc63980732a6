# calibration_large.R — reference values for the calibration fits at large n, where dxreport
# fits over the distinct predicted probabilities (src/statistics/calibrationGrouped.ts,
# irlsPassesGrouped.ts): R's glm on every case.
#
# Writes test/reference/expected/calibration_large.json with, per data set, the intercept of
# glm(y ~ 1, offset = logit p) and both coefficients of glm(y ~ logit p) (binomial,
# glm.control(epsilon = 1e-14, maxit = 100), p clamped to [1e-15, 1 - 1e-15] before the
# logit, as calibration.R), their standard errors at the estimate (the inverse Fisher
# information at the final coefficients, as calibration.R's se_at_estimate), the deviance,
# the iterations, and the numbers of cases, events and distinct p.
#
# Data: the 32-bit linear congruential generator of loess_interpolate.R (reproduced bit for
# bit by test/statistics/loessGenerator.ts, so nothing large is committed):
#   state <- (69069 * state + 1) mod 2^32, two draws a, b per case;
#   continuous: p = ((a + 0.5) / 2^32)^2;  ties: p = (a mod 101) / 100 (p = 0 and p = 1
#   occur, and are clamped);  coarse: p = (a mod 11) / 10;  y = 1 when b / 2^32 < 0.8 p + 0.05.
#
# Run from the repository root:  Rscript test/reference/calibration_large.R

suppressPackageStartupMessages(library(jsonlite))
source(file.path("test", "reference", "common.R"))

clamp <- 1e-15
control <- glm.control(epsilon = 1e-14, maxit = 100)

se_at_estimate <- function(fit) {
  X <- model.matrix(fit)
  mu <- fitted(fit)
  sqrt(diag(solve(crossprod(X * sqrt(mu * (1 - mu))))))
}

result <- function(fit) {
  list(
    coefficients = as.list(unname(coef(fit))),
    se_at_estimate = as.list(unname(se_at_estimate(fit))),
    deviance = deviance(fit),
    iterations = as.integer(fit$iter),
    converged = fit$converged
  )
}

generated <- list(
  list(kind = "ties", n = 200000, seed = 5),
  list(kind = "continuous", n = 100000, seed = 4),
  list(kind = "coarse", n = 100000, seed = 3),
  list(kind = "ties", n = 1000000, seed = 6)
)
sets <- list()
for (g in generated) {
  d <- calibration_data(g$kind, g$n, g$seed)
  lp <- qlogis(pmin(pmax(d$p, clamp), 1 - clamp))
  intercept <- glm(d$y ~ 1, offset = lp, family = binomial(), control = control)
  slope <- glm(d$y ~ lp, family = binomial(), control = control)
  cat(sprintf("%-10s n = %7d  distinct p = %6d  intercept = %.10g  slope = %.10g\n", g$kind, g$n,
              length(unique(d$p)), coef(intercept)[1], coef(slope)[2]))
  sets[[length(sets) + 1]] <- list(
    name = sprintf("%s-%d", g$kind, g$n),
    generator = list(kind = g$kind, n = g$n, seed = g$seed),
    n = g$n, events = sum(d$y), distinct = length(unique(d$p)),
    clamped = sum(d$p < clamp | d$p > 1 - clamp),
    intercept = result(intercept),
    slope = result(slope)
  )
}

write_json_file(list(
  script = "test/reference/calibration_large.R",
  versions = list(R = paste(R.version$major, R.version$minor, sep = "."),
                  jsonlite = format(packageVersion("jsonlite"))),
  method = paste("glm(y ~ 1, offset = logit p) and glm(y ~ logit p), binomial,",
                 "epsilon = 1e-14, p clamped to [1e-15, 1 - 1e-15]"),
  sets = sets
), file.path("test", "reference", "expected", "calibration_large.json"))

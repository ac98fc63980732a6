# loess_interpolate.R — reference values for src/statistics/loessInterpolate.ts and the
# default smoothed calibration curve (R's loess(y ~ p) with surface = "interpolate").
#
# Writes test/reference/expected/loess_interpolate.json with, per data set:
#   n, span, vertices (every k-d tree vertex, ascending: fit$kd$vert plus the split values
#   fit$kd$xi of the non-leaf cells), values and slopes at those vertices (fit$kd$vval),
#   fitted values at a sample of cases (`sample`, 1-based indices; all cases when n <= 200),
#   predictions on the 100-point grid min(p) + (max(p) - min(p)) * (0:99)/99, and ICI, E50,
#   E90, Emax from all n fitted values (mean, type-7 median and 0.9 quantile, max of
#   |fitted - p|: Austin & Steyerberg 2019, as CalibrationCurves computes them).
#
# Data: (1) the committed calibration_<set>.csv files (unweighted, and weighted = rows
# repeated w times); (2) large sets generated here and, bit for bit, by the same generator in
# test/statistics/loessGenerator.ts (nothing large is committed):
#   state <- (69069 * state + 1) mod 2^32 (exact in doubles), two draws a, b per case;
#   continuous: u = (a + 0.5) / 2^32, p = u * u;  ties: p = (a mod 101) / 100;
#   coarse: p = (a mod 11) / 10;  y = 1 when b / 2^32 < 0.8 * p + 0.05.
#
# loess(y ~ p, span = 0.75, degree = 2, family = "gaussian") with R's defaults
# surface = "interpolate", cell = 0.2; trace.hat = "approximate" only to save time at large
# n (it does not change the fit).
#
# Run from the repository root:  Rscript test/reference/loess_interpolate.R

suppressPackageStartupMessages(library(jsonlite))
source(file.path("test", "reference", "common.R"))

reference <- function(name, p, y, span = 0.75, source) {
  n <- length(p)
  fit <- loess(y ~ p, span = span, degree = 2, family = "gaussian",
               control = loess.control(surface = "interpolate", trace.hat = "approximate"))
  kd <- fit$kd
  nv <- length(kd$vval) / 2
  vval <- matrix(kd$vval, nrow = 2)
  # vertices in creation order: the two box ends, then one per split, in cell order
  split_values <- kd$xi[kd$a != 0]
  created <- c(kd$vert, split_values)
  stopifnot(length(created) == nv)
  order_v <- order(created)
  fitted_values <- unname(fitted(fit))
  grid <- min(p) + (max(p) - min(p)) * (0:99) / 99
  grid_fitted <- unname(predict(fit, newdata = data.frame(p = grid)))
  e <- abs(fitted_values - p)
  q <- quantile(e, c(0.5, 0.9), type = 7, names = FALSE)
  sample <- if (n <= 200) seq_len(n) else unique(round(seq(1, n, length.out = 200)))
  cat(sprintf("%-28s n = %7d  vertices = %3d  ICI = %.6g\n", name, n, nv, mean(e)))
  list(name = name, source = source, n = n, span = span,
       vertices = as.list(created[order_v]), values = as.list(vval[1, order_v]),
       slopes = as.list(vval[2, order_v]),
       sample = as.list(as.integer(sample)), fitted = as.list(fitted_values[sample]),
       grid = as.list(grid), grid_fitted = as.list(grid_fitted),
       ici = mean(e), e50 = q[1], e90 = q[2], emax = max(e))
}

sets <- list()
for (set in c("well", "overconfident", "ties", "imbalanced", "clamped", "separation")) {
  path <- file.path("test", "reference", "data", paste0("calibration_", set, ".csv"))
  raw <- read.csv(path, colClasses = "character")
  p <- parse_numbers_exactly(raw$p)
  y <- as.integer(raw$y)
  w <- as.integer(raw$w)
  sets[[length(sets) + 1]] <- reference(set, p, y, source = path)
  expanded <- rep(seq_along(p), w)
  sets[[length(sets) + 1]] <- reference(paste0(set, "-weighted"), p[expanded], y[expanded],
                                        source = paste(path, "rows repeated w times"))
}
sets[[length(sets) + 1]] <- reference("well-span-0.4", calibration_data("continuous", 400, 7)$p,
                                      calibration_data("continuous", 400, 7)$y, span = 0.4,
                                      source = "generator continuous, n = 400, seed 7")
generated <- list(
  list(kind = "continuous", n = 1000, seed = 1),
  list(kind = "ties", n = 3000, seed = 2),
  list(kind = "coarse", n = 5000, seed = 3),
  list(kind = "continuous", n = 100000, seed = 4),
  list(kind = "ties", n = 200000, seed = 5)
)
for (g in generated) {
  d <- calibration_data(g$kind, g$n, g$seed)
  r <- reference(sprintf("%s-%d", g$kind, g$n), d$p, d$y,
                 source = sprintf("generator %s, n = %d, seed %d", g$kind, g$n, g$seed))
  r$generator <- list(kind = g$kind, n = g$n, seed = g$seed)
  sets[[length(sets) + 1]] <- r
}

write_json_file(list(
  script = "test/reference/loess_interpolate.R",
  versions = list(R = paste(R.version$major, R.version$minor, sep = "."),
                  jsonlite = format(packageVersion("jsonlite"))),
  method = "loess(y ~ p, span, degree = 2, family = 'gaussian'), surface = 'interpolate', cell = 0.2",
  sets = sets
), file.path("test", "reference", "expected", "loess_interpolate.json"))

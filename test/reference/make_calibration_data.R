# make_calibration_data.R — seeded synthetic data for the calibration, precision–recall and
# decision-curve reference values.
#
# Writes test/reference/data/calibration_<set>.csv with columns
#   case_id, p, y, w
# p = predicted probability, y = outcome (1 event, 0 non-event), w = a bootstrap-like case
# multiplicity (how often the case was drawn in one resample of n with replacement; 0, 1,
# 2, ...), used for the weighted references (weighted = rows duplicated w times).
# Every p is written with 17 significant digits, which reads back to the same double in R,
# Python and JavaScript; the script re-reads each file and checks that.
#
# Run from the repository root:  Rscript test/reference/make_calibration_data.R

RNGkind("Mersenne-Twister", "Inversion", "Rejection")
out_dir <- file.path("test", "reference", "data")
dir.create(out_dir, recursive = TRUE, showWarnings = FALSE)

bootstrap_weights <- function(n) tabulate(sample.int(n, n, replace = TRUE), nbins = n)

write_set <- function(name, p, y, note) {
  stopifnot(length(p) == length(y), all(p >= 0 & p <= 1), all(y %in% c(0, 1)))
  n <- length(p)
  w <- bootstrap_weights(n)
  df <- data.frame(case_id = sprintf("C%03d", seq_len(n)), p = sprintf("%.17g", p),
                   y = as.integer(y), w = as.integer(w), stringsAsFactors = FALSE)
  path <- file.path(out_dir, paste0("calibration_", name, ".csv"))
  write.csv(df, path, row.names = FALSE, quote = FALSE)
  back <- read.csv(path)
  stopifnot(identical(back$p, p), identical(back$y, as.integer(y)), identical(back$w, as.integer(w)))
  cat(sprintf("%-45s n = %3d, events = %3d, distinct p = %3d  (%s)\n", path, n, sum(y),
              length(unique(p)), note))
}

set.seed(20240611)

# well: n = 300, p is the true risk (well calibrated)
lp <- rnorm(300, -0.6, 1.3)
p <- plogis(lp)
write_set("well", p, rbinom(300, 1, p), "well calibrated")

# overconfident: n = 200, predictions too extreme (slope about 0.45)
lp <- rnorm(200, -0.3, 0.9)
y <- rbinom(200, 1, plogis(lp))
write_set("overconfident", plogis(2.2 * lp + 0.3), y, "overconfident, shifted")

# ties: n = 250, predictions rounded to one decimal (0.1 ... 0.9): heavy ties
lp <- rnorm(250, -0.2, 1.1)
y <- rbinom(250, 1, plogis(lp))
p <- as.numeric(sprintf("%.1f", pmin(pmax(plogis(lp), 0.05001), 0.94999)))
write_set("ties", p, y, "p rounded to 0.1")

# imbalanced: n = 400, about 5% events
lp <- rnorm(400, -3.6, 1)
p <- plogis(lp)
write_set("imbalanced", p, rbinom(400, 1, p), "about 5% prevalence")

# clamped: n = 80 with predictions of exactly 0 and 1 (one of them wrong), for the clamp
lp <- rnorm(80, 0, 1.5)
p <- plogis(lp)
y <- rbinom(80, 1, p)
p[1:2] <- 0; y[1:2] <- 0
p[3:4] <- 1; y[3:4] <- 1
p[5] <- 1; y[5] <- 0
write_set("clamped", p, y, "exact 0 and 1 predictions")

# separation: n = 16, events exactly the cases with p > 0.5 (perfect separation)
p <- c(0.02, 0.05, 0.11, 0.17, 0.23, 0.3, 0.36, 0.44, 0.56, 0.61, 0.68, 0.74, 0.81, 0.87, 0.93, 0.97)
write_set("separation", p, as.integer(p > 0.5), "perfectly separated")

# common.R — helpers shared by discrimination.R and proportions.R.
#
#   to_json()                 JSON writer printing every double with 17 significant digits
#   wilson_ci()               textbook Wilson score interval
#   mcnemar_all()             McNemar p-values (exact, mid-p, chi-square, chi-square with cc)
#   newcombe10_paired_ci()    Newcombe (1998) method 10 paired-difference interval
#   tango_paired_ci()         Tango (1998) score interval for a paired difference
#   check_paired_literature() the two paired intervals against published worked examples
#
# Paired 2x2 layout used throughout (model/test 1 vs model/test 2 on the same n subjects):
#   n11 = both correct, n12 = only 1 correct, n21 = only 2 correct, n22 = neither;
#   x1 = n11 + n12, x2 = n11 + n21, and the difference is x1/n - x2/n = (n12 - n21)/n.

# ---------------------------------------------------------------------------------------
# JSON. jsonlite::toJSON(digits = NA) prints only 15 significant digits (and I(17) is
# capped at 15 as well), which does not round-trip, so we write JSON ourselves.
# Conventions: a named list is an object; an unnamed list is an array; an atomic vector
# of length != 1 is an array, of length 1 a scalar (wrap in list() / as.list() to force
# an array); NA and NULL are null. Doubles are printed with sprintf("%.17g").
json_num <- function(v) {
  if (is.na(v)) return("null")
  if (is.logical(v)) return(if (v) "true" else "false")
  if (is.integer(v)) return(as.character(v))
  if (!is.finite(v)) stop("non-finite number cannot be written to JSON: ", v)
  s <- sprintf("%.17g", v)
  if (!identical(as.numeric(s), v)) stop("17-digit text does not round-trip: ", s)
  s
}
json_str <- function(s) {
  s <- gsub("\\", "\\\\", s, fixed = TRUE)
  s <- gsub("\"", "\\\"", s, fixed = TRUE)
  paste0("\"", s, "\"")
}
json_scalar <- function(v) if (is.character(v)) json_str(v) else json_num(v)
to_json <- function(x, indent = 0) {
  pad <- strrep("  ", indent + 1)
  end <- strrep("  ", indent)
  if (is.null(x)) return("null")
  if (is.list(x)) {
    if (!is.null(names(x))) {
      if (length(x) == 0) return("{}")
      items <- vapply(seq_along(x), function(i)
        paste0(pad, json_str(names(x)[i]), ": ", to_json(x[[i]], indent + 1)), "")
      return(paste0("{\n", paste(items, collapse = ",\n"), "\n", end, "}"))
    }
    if (length(x) == 0) return("[]")
    # arrays of scalars on one line, arrays of objects/arrays one element per line
    simple <- all(vapply(x, function(e) is.atomic(e) && length(e) == 1, TRUE))
    if (simple) return(paste0("[", paste(vapply(x, json_scalar, ""), collapse = ", "), "]"))
    items <- vapply(x, function(e) paste0(pad, to_json(e, indent + 1)), "")
    return(paste0("[\n", paste(items, collapse = ",\n"), "\n", end, "]"))
  }
  if (length(x) == 1 && is.null(names(x))) return(json_scalar(x))
  to_json(as.list(unname(x)), indent)
}
write_json_file <- function(x, path) {
  dir.create(dirname(path), recursive = TRUE, showWarnings = FALSE)
  txt <- to_json(x)
  writeLines(txt, path, useBytes = TRUE)
  # validate: parse back (jsonlite's parser is correctly rounded) and compare numbers
  back <- jsonlite::fromJSON(path, simplifyVector = FALSE)
  cmp <- function(a, b, where) {
    if (is.null(a)) { if (!is.null(b)) stop("round-trip mismatch (null) at ", where); return(invisible()) }
    if (is.list(a)) {
      if (length(a) != length(b)) stop("round-trip length mismatch at ", where)
      for (i in seq_along(a)) cmp(a[[i]], b[[i]], paste0(where, "/", if (is.null(names(a))) i else names(a)[i]))
      return(invisible())
    }
    if (length(a) != 1) {
      if (length(a) != length(b)) stop("round-trip length mismatch at ", where)
      for (i in seq_along(a)) cmp(a[[i]], b[[i]], paste0(where, "/", i))
      return(invisible())
    }
    if (is.na(a)) { if (!is.null(b)) stop("round-trip NA mismatch at ", where); return(invisible()) }
    if (is.numeric(a)) { if (!identical(as.numeric(a), as.numeric(b))) stop("round-trip mismatch at ", where) }
    else if (!identical(a, b)) stop("round-trip mismatch at ", where)
  }
  cmp(x, back, "")
  cat("wrote", path, "\n")
}

# ---------------------------------------------------------------------------------------
# Reading the data. R's own decimal parser (read.csv, as.numeric) is not always correctly
# rounded: "0.060533" becomes 0.060533000000000003 in R but 0.060532999999999997 (the
# nearest double) in JavaScript, Python and C. Score columns are therefore read as text
# and parsed by jsonlite's parser (C strtod, correctly rounded), so the values here are
# bit-for-bit the ones parseFloat() gives in the TypeScript tests.
parse_numbers_exactly <- function(txt) {
  v <- jsonlite::fromJSON(paste0("[", paste(txt, collapse = ","), "]"))
  stopifnot(is.numeric(v), length(v) == length(txt), all(is.finite(v)))
  as.numeric(v)
}
read_dataset <- function(path) {
  raw <- read.csv(path, colClasses = "character", stringsAsFactors = FALSE)
  d <- data.frame(case_id = raw$case_id, y = as.integer(raw$y), stringsAsFactors = FALSE)
  stopifnot(all(d$y %in% c(0L, 1L)), !anyDuplicated(d$case_id))
  for (col in setdiff(names(raw), c("case_id", "y"))) d[[col]] <- parse_numbers_exactly(raw[[col]])
  d
}

versions <- function() {
  v <- list(R = paste(R.version$major, R.version$minor, sep = "."),
            pROC = format(packageVersion("pROC")),
            Hmisc = format(packageVersion("Hmisc")),
            jsonlite = format(packageVersion("jsonlite")))
  v
}

# ---------------------------------------------------------------------------------------
# Textbook Wilson score interval (Wilson 1927), no continuity correction:
#   (x + z^2/2 -/+ z sqrt(x (n - x)/n + z^2/4)) / (n + z^2)
wilson_ci <- function(x, n, level = 0.95) {
  z <- qnorm(1 - (1 - level) / 2)
  centre <- x + z^2 / 2
  half <- z * sqrt(x * (n - x) / n + z^2 / 4)
  c((centre - half) / (n + z^2), (centre + half) / (n + z^2))
}

# ---------------------------------------------------------------------------------------
# McNemar tests on the discordant counts b = n12, c = n21 (contract + conformance README):
#   exact    binom.test(b, b + c, 0.5)$p.value
#   midp     Fagerland, Lydersen & Laake (2013): 2 P(X <= k) - P(X = k), k = min(b, c),
#            X ~ Bin(b + c, 1/2); exactly 1 when b == c
#   chisq    mcnemar.test(correct = FALSE): (b - c)^2 / (b + c) on 1 df
#   chisqCc  mcnemar.test(correct = TRUE):  (|b - c| - 1)^2 / (b + c); R applies no
#            correction when b == c (statistic 0, p = 1)
# When b + c == 0 every p is 1 and both statistics are reported as 0 (R's mcnemar.test
# gives NaN there).
mcnemar_all <- function(n11, n12, n21, n22) {
  b <- n12; c <- n21; m <- b + c
  if (m == 0) {
    return(list(exact = 1, midp = 1, chisq = 1, chisqStatistic = 0, chisqCc = 1, chisqCcStatistic = 0))
  }
  tab <- matrix(c(n11, n21, n12, n22), 2)   # tab[1, 2] = n12, tab[2, 1] = n21
  stopifnot(tab[1, 2] == b, tab[2, 1] == c)
  t0 <- mcnemar.test(tab, correct = FALSE)
  t1 <- mcnemar.test(tab, correct = TRUE)
  k <- min(b, c)
  midp <- if (b == c) 1 else 2 * pbinom(k, m, 0.5) - dbinom(k, m, 0.5)
  res <- list(exact = binom.test(b, m, 0.5)$p.value, midp = midp,
              chisq = unname(t0$p.value), chisqStatistic = unname(t0$statistic),
              chisqCc = unname(t1$p.value), chisqCcStatistic = unname(t1$statistic))
  # cross-checks against the closed forms
  stopifnot(abs(res$chisqStatistic - (b - c)^2 / m) <= 1e-12 * max(1, res$chisqStatistic))
  cc_stat <- if (b == c) 0 else (abs(b - c) - 1)^2 / m
  stopifnot(abs(res$chisqCcStatistic - cc_stat) <= 1e-12 * max(1, cc_stat))
  stopifnot(abs(res$exact - min(1, 2 * pbinom(k, m, 0.5))) <= 1e-12)
  res
}

# ---------------------------------------------------------------------------------------
# Newcombe RG (1998). Improving the confidence interval for the difference between two
# proportions based on paired data. Statistics in Medicine 17:2635-2650, method 10
# ("square-and-add" / hybrid score interval with the correlation correction):
#   l_i, u_i  Wilson score limits of p1 = x1/n and p2 = x2/n
#   phi       (n11 n22 - n12 n21) / sqrt((n11+n12)(n21+n22)(n11+n21)(n12+n22)), with the
#             numerator A replaced by A - n/2 when A > n/2, by 0 when 0 <= A <= n/2, kept
#             when A < 0; phi = 0 when any margin is 0
#   L = d - sqrt((p1 - l1)^2 - 2 phi (p1 - l1)(u2 - p2) + (u2 - p2)^2)
#   U = d + sqrt((p2 - l2)^2 - 2 phi (p2 - l2)(u1 - p1) + (u1 - p1)^2)
# Same as Fagerland, Lydersen & Laake (2017) "Statistical Analysis of Contingency Tables",
# ch. 8 (Newcombe square-and-add) and ratesci::pairbinci(method_RD = "MOVER_newc").
newcombe10_paired_ci <- function(n11, n12, n21, n22, level = 0.95) {
  n <- n11 + n12 + n21 + n22
  x1 <- n11 + n12; x2 <- n11 + n21
  p1 <- x1 / n; p2 <- x2 / n; d <- p1 - p2
  w1 <- wilson_ci(x1, n, level); w2 <- wilson_ci(x2, n, level)
  l1 <- w1[1]; u1 <- w1[2]; l2 <- w2[1]; u2 <- w2[2]
  margins <- c(n11 + n12, n21 + n22, n11 + n21, n12 + n22)
  if (any(margins == 0)) {
    phi <- 0
  } else {
    A <- n11 * n22 - n12 * n21
    Acorr <- if (A > n / 2) A - n / 2 else if (A >= 0) 0 else A
    phi <- Acorr / sqrt(prod(margins))
  }
  L <- d - sqrt((p1 - l1)^2 - 2 * phi * (p1 - l1) * (u2 - p2) + (u2 - p2)^2)
  U <- d + sqrt((p2 - l2)^2 - 2 * phi * (p2 - l2) * (u1 - p1) + (u1 - p1)^2)
  c(L, U)
}

# ---------------------------------------------------------------------------------------
# Tango T (1998). Equivalence test and confidence interval for the difference in
# proportions for the paired-sample design. Statistics in Medicine 17:891-908
# (see also the correction, Stat Med 1999;18:3511). Score statistic for H0: delta = d0,
#   T(d0) = (n12 - n21 - n d0) / sqrt(n (2 q + d0 (1 - d0))),
# where q is the restricted ML estimate of p21 under p12 - p21 = d0:
#   q = (sqrt(B^2 - 4 A C) - B) / (2 A), A = 2n, B = -n12 - n21 + (2n - n12 + n21) d0,
#   C = -n21 d0 (1 - d0).
# The interval is {d0 : |T(d0)| <= z}; T decreases in d0, so L solves T(L) = z and
# U solves T(U) = -z; L = -1 when d = -1 and U = 1 when d = 1.
tango_q <- function(d0, n12, n21, n) {
  A <- 2 * n
  B <- -n12 - n21 + (2 * n - n12 + n21) * d0
  C <- -n21 * d0 * (1 - d0)
  (sqrt(B^2 - 4 * A * C) - B) / (2 * A)
}
tango_T <- function(d0, n12, n21, n) {
  q <- tango_q(d0, n12, n21, n)
  (n12 - n21 - n * d0) / sqrt(n * (2 * q + d0 * (1 - d0)))
}
tango_paired_ci <- function(n11, n12, n21, n22, level = 0.95) {
  n <- n11 + n12 + n21 + n22
  z <- qnorm(1 - (1 - level) / 2)
  d <- (n12 - n21) / n
  f <- function(d0, target) tango_T(d0, n12, n21, n) - target
  # T(d0) -> +Inf as d0 -> -1 and -> -Inf as d0 -> 1 (0/0 exactly at the ends), so the
  # end values are given to uniroot as signs; its iterates stay strictly inside.
  L <- if (d == -1) -1 else
    uniroot(f, c(-1, d), target = z, f.lower = 1, f.upper = -z,
            tol = 1e-15, maxiter = 10000)$root
  U <- if (d == 1) 1 else
    uniroot(f, c(d, 1), target = -z, f.lower = z, f.upper = -1,
            tol = 1e-15, maxiter = 10000)$root
  c(L, U)
}

# Independent check of tango_q(): maximise the multinomial log-likelihood
#   n12 log(p21 + d0) + n21 log(p21) + (n11 + n22) log(1 - 2 p21 - d0)
# numerically over the feasible p21 (n11 and n22 share the remaining mass, which does
# not change the maximiser of the discordant part).
tango_q_numeric <- function(d0, n11, n12, n21, n22) {
  lo <- max(0, -d0); hi <- (1 - d0) / 2
  ll <- function(q) {
    s <- 0
    if (n12 > 0) s <- s + n12 * log(q + d0)
    if (n21 > 0) s <- s + n21 * log(q)
    if (n11 + n22 > 0) s <- s + (n11 + n22) * log(1 - 2 * q - d0)
    s
  }
  optimize(ll, c(lo, hi), maximum = TRUE, tol = 1e-13)$maximum
}

check_tango_case <- function(n11, n12, n21, n22, level, ci) {
  n <- n11 + n12 + n21 + n22
  z <- qnorm(1 - (1 - level) / 2)
  # the bounds solve |T| = z, to within 1e-12 (T - z changes sign across bound +/- 1e-12)
  if (ci[1] > -1) {
    stopifnot(abs(tango_T(ci[1], n12, n21, n) - z) < 1e-8)
    stopifnot(tango_T(max(-1 + 1e-15, ci[1] - 1e-12), n12, n21, n) >= z, tango_T(ci[1] + 1e-12, n12, n21, n) <= z)
  }
  if (ci[2] < 1) {
    stopifnot(abs(tango_T(ci[2], n12, n21, n) + z) < 1e-8)
    stopifnot(tango_T(ci[2] - 1e-12, n12, n21, n) >= -z, tango_T(min(1 - 1e-15, ci[2] + 1e-12), n12, n21, n) <= -z)
  }
  # restricted MLE by closed form == by numerical maximisation
  for (d0 in c(ci[ci > -1 & ci < 1], -0.3, 0.2)) {
    if (d0 <= -1 || d0 >= 1) next
    stopifnot(abs(tango_q(d0, n12, n21, n) - tango_q_numeric(d0, n11, n12, n21, n22)) < 1e-6)
  }
  # at d0 = 0 Tango's statistic is McNemar's (b - c)/sqrt(b + c)
  if (n12 + n21 > 0) stopifnot(abs(tango_T(0, n12, n21, n) - (n12 - n21) / sqrt(n12 + n21)) < 1e-12)
  invisible(TRUE)
}

# Published worked examples (rounded as published). Table = c(n11, n12, n21, n22).
paired_literature <- list(
  # Newcombe (1998) paper's example, method 10 result (0.0562, 0.3292)
  list(table = c(20, 12, 2, 16), level = 0.95, method = "newcombe", ci = c(0.0562, 0.3292), digits = 4,
       source = "Newcombe (1998) Stat Med 17:2635, method 10"),
  # Fagerland, Lydersen & Laake (2014/2017): Bentur et al. (2009) and Cavo et al. (2012)
  list(table = c(1, 1, 7, 12), level = 0.95, method = "newcombe", ci = c(-0.507, -0.026), digits = 3,
       source = "Fagerland et al. (2014) Stat Methods Med Res, Bentur data"),
  list(table = c(59, 6, 16, 80), level = 0.95, method = "newcombe", ci = c(-0.1186, -0.0046), digits = 4,
       source = "Fagerland et al. (2017) ch. 8, Cavo data"),
  list(table = c(8, 3, 1, 2), level = 0.95, method = "newcombe", ci = c(-0.1574, 0.4136), digits = 4,
       source = "Tang, Ling & Tian (2010) example, MOVER-Wilson / Newcombe method 10"),
  list(table = c(7, 25, 2, 68), level = 0.95, method = "newcombe", ci = c(0.133, 0.318), digits = 3,
       source = "Chang (2024) example"),
  list(table = c(4, 9, 3, 16), level = 0.95, method = "tango", ci = c(-0.027, 0.390), digits = 3,
       source = "Tango (1998) worked example (as quoted in the ratesci R package tests)"),
  list(table = c(43, 0, 1, 0), level = 0.90, method = "tango", ci = c(-0.096, 0.037), digits = 3,
       source = "Tango (1998) worked example, one discordant pair (as quoted in the ratesci R package tests)"),
  list(table = c(53, 16, 8, 9), level = 0.95, method = "tango", ci = c(-0.020, 0.207), digits = 3,
       source = "Agresti & Min (2005) example"),
  list(table = c(1, 1, 7, 12), level = 0.95, method = "tango", ci = c(-0.517, -0.026), digits = 3,
       source = "Fagerland et al. (2014), Bentur data"),
  list(table = c(8, 3, 1, 2), level = 0.95, method = "tango", ci = c(-0.1670, 0.4327), digits = 4,
       source = "Tang, Ling & Tian (2010) example"),
  list(table = c(7, 25, 2, 68), level = 0.95, method = "tango", ci = c(0.139, 0.321), digits = 3,
       source = "Chang (2024) example")
)

check_paired_literature <- function() {
  for (case in paired_literature) {
    t <- case$table
    got <- if (case$method == "newcombe") newcombe10_paired_ci(t[1], t[2], t[3], t[4], case$level)
           else tango_paired_ci(t[1], t[2], t[3], t[4], case$level)
    if (!isTRUE(all(round(got, case$digits) == case$ci))) {
      stop(sprintf("%s %s: got (%.6f, %.6f), published (%s)", case$method, case$source,
                   got[1], got[2], paste(case$ci, collapse = ", ")))
    }
    if (case$method == "tango") check_tango_case(t[1], t[2], t[3], t[4], case$level, got)
  }
  invisible(TRUE)
}

# Synthetic calibration data shared by calibration_large.R and loess_interpolate.R (and mirrored
# by their TypeScript tests): a 32-bit linear congruential generator (69069, +1) drawing two
# uniforms per case, p continuous (u²), on a 0.01 grid (ties) or a 0.1 grid (coarse), and
# y ~ Bernoulli(0.8·p + 0.05).
calibration_data <- function(kind, n, seed) {
  state <- seed
  a <- numeric(n)
  b <- numeric(n)
  for (i in seq_len(n)) {
    state <- (69069 * state + 1) %% 4294967296
    a[i] <- state
    state <- (69069 * state + 1) %% 4294967296
    b[i] <- state
  }
  p <- switch(kind,
    continuous = { u <- (a + 0.5) / 4294967296; u * u },
    ties = (a %% 101) / 100,
    coarse = (a %% 11) / 10
  )
  y <- as.integer(b / 4294967296 < 0.8 * p + 0.05)
  list(p = p, y = y)
}

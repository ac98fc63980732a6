# predictive_values.R — reference values for the weighted generalized score (WGS) test
# comparing the predictive values of two binary tests in a paired design
# (Kosinski 2013, Stat Med 32(6):964-977; what R package DTComPair's pv.wgs() computes).
#
# DTComPair is not packaged in Debian (no r-cran-dtcompair), so the statistic is computed
# here, independently of src/statistics/predictiveValueScoreTest.ts, in two ways that
# must agree:
#   (A) subject level: the tables are expanded to one record per subject, the two
#       predictive values are means of the outcome over each test's "called" subjects,
#       and Var(PV1 - PV2) under H0 is built from the weighted empirical covariance:
#       pooled residual variance / n_j on the diagonal, the empirical cross-products of
#       the subjects called by both tests off the diagonal;
#   (B) cell counts: the paper's closed form (PV1 - PV2)^2 /
#       [(pbar (1 - pbar) - 2 C) (1/n1 + 1/n2)], C = sum over subjects called by both
#       tests of (outcome - pbar)^2, divided by n1 + n2.
# (The TypeScript uses a third algebraically equal form; see its doc comment.)
# The example data of DTComPair (Paired1) is checked against the pv.wgs() output printed
# in DTComPair's README, to the digits printed there.
#
# Run from the repository root:  Rscript test/reference/predictive_values.R
# Writes test/reference/expected/predictive_values.json.

suppressPackageStartupMessages(library(jsonlite))

out_path <- file.path("test", "reference", "expected", "predictive_values.json")

# A paired table: counts by disease status and (test 1, test 2) calls.
paired <- function(d_pp, d_p0, d_0p, d_00, h_pp, h_p0, h_0p, h_00) {
  list(
    diseased = list(bothPositive = d_pp, firstOnly = d_p0, secondOnly = d_0p, bothNegative = d_00),
    healthy = list(bothPositive = h_pp, firstOnly = h_p0, secondOnly = h_0p, bothNegative = h_00)
  )
}

# One record per subject: d (1 diseased), y1, y2 (1 positive call).
expand_subjects <- function(tab) {
  cells <- data.frame(
    d  = c(1, 1, 1, 1, 0, 0, 0, 0),
    y1 = c(1, 1, 0, 0, 1, 1, 0, 0),
    y2 = c(1, 0, 1, 0, 1, 0, 1, 0),
    n  = c(tab$diseased$bothPositive, tab$diseased$firstOnly, tab$diseased$secondOnly,
           tab$diseased$bothNegative, tab$healthy$bothPositive, tab$healthy$firstOnly,
           tab$healthy$secondOnly, tab$healthy$bothNegative)
  )
  cells[rep(seq_len(nrow(cells)), cells$n), c("d", "y1", "y2")]
}

# (A) subject-level computation. For the PPV the outcome is d and a subject is "called"
# by test j when y_j = 1; for the NPV the outcome is 1 - d and "called" means y_j = 0.
wgs_subject_level <- function(tab, which) {
  s <- expand_subjects(tab)
  if (which == "ppv") {
    outcome <- s$d; called1 <- s$y1 == 1; called2 <- s$y2 == 1
  } else {
    outcome <- 1 - s$d; called1 <- s$y1 == 0; called2 <- s$y2 == 0
  }
  n1 <- sum(called1); n2 <- sum(called2)
  if (n1 == 0 || n2 == 0) {
    return(list(pv1 = if (n1 > 0) mean(outcome[called1]) else NA_real_,
                pv2 = if (n2 > 0) mean(outcome[called2]) else NA_real_,
                difference = NA_real_, statistic = NA_real_, p = NA_real_))
  }
  pv1 <- mean(outcome[called1]); pv2 <- mean(outcome[called2])
  # long format: one observation per (subject, test) pair with that test's call
  obs <- c(outcome[called1], outcome[called2])
  pbar <- mean(obs)
  resid_var <- mean((obs - pbar)^2)               # = pbar (1 - pbar)
  both <- called1 & called2
  cross <- sum((outcome[both] - pbar)^2)          # empirical cross-products
  v <- resid_var / n1 + resid_var / n2 - 2 * cross / (n1 * n2)
  # Var(PV1 - PV2) is zero exactly when every subject called by only one test has
  # outcome equal to pbar (no discordant calls, or all outcomes identical): 0/0.
  discordant <- xor(called1, called2)
  if (all(outcome[discordant] == pbar)) {
    return(list(pv1 = pv1, pv2 = pv2, difference = pv1 - pv2, statistic = NA_real_, p = NA_real_))
  }
  stat <- (pv1 - pv2)^2 / v
  list(pv1 = pv1, pv2 = pv2, difference = pv1 - pv2, statistic = stat,
       p = pchisq(stat, df = 1, lower.tail = FALSE))
}

# (B) closed form from the cell counts.
wgs_cells <- function(tab, which) {
  D <- tab$diseased; H <- tab$healthy
  if (which == "ppv") {
    # outcome-positive cells (diseased) and outcome-negative cells (healthy)
    o_both <- D$bothPositive; o_1 <- D$firstOnly; o_2 <- D$secondOnly
    x_both <- H$bothPositive; x_1 <- H$firstOnly; x_2 <- H$secondOnly
  } else {
    o_both <- H$bothNegative; o_1 <- H$secondOnly; o_2 <- H$firstOnly
    x_both <- D$bothNegative; x_1 <- D$secondOnly; x_2 <- D$firstOnly
  }
  n1 <- o_both + o_1 + x_both + x_1
  n2 <- o_both + o_2 + x_both + x_2
  pv1 <- (o_both + o_1) / n1; pv2 <- (o_both + o_2) / n2
  pbar <- (2 * o_both + o_1 + o_2) / (n1 + n2)
  C <- (o_both * (1 - pbar)^2 + x_both * pbar^2) / (n1 + n2)
  stat <- (pv1 - pv2)^2 / ((pbar * (1 - pbar) - 2 * C) * (1 / n1 + 1 / n2))
  list(pv1 = pv1, pv2 = pv2, statistic = stat)
}

cases <- list(
  # DTComPair's example data set Paired1 (712 subjects), counts as printed by
  # tab.paired(d = d, y1 = y1, y2 = y2, data = Paired1) in DTComPair's README.
  list(name = "DTComPair Paired1", table = paired(319, 78, 22, 32, 31, 53, 22, 155)),
  list(name = "moderate, asymmetric", table = paired(120, 40, 10, 30, 15, 25, 5, 300)),
  list(name = "large, tiny p-values", table = paired(500, 300, 10, 50, 20, 10, 200, 900)),
  list(name = "small", table = paired(5, 3, 1, 2, 1, 2, 0, 6)),
  list(name = "sparse", table = paired(0, 2, 0, 1, 1, 0, 3, 4)),
  list(name = "zero cell (no healthy subject positive on both)", table = paired(12, 4, 6, 3, 0, 5, 2, 20)),
  list(name = "single discordant subject", table = paired(4, 1, 0, 2, 2, 0, 0, 5)),
  list(name = "equal predictive values", table = paired(10, 5, 5, 4, 2, 3, 3, 8)),
  # degenerate: identical calls (no discordant subject), Var = 0 and PV1 = PV2
  list(name = "degenerate: identical calls", table = paired(10, 0, 0, 5, 3, 0, 0, 12)),
  # degenerate PPV: test 1 never positive; NPV defined
  list(name = "degenerate: test 1 never positive", table = paired(0, 0, 6, 4, 0, 0, 2, 9)),
  # degenerate PPV: no healthy subject positive on either test (pbar = 1); NPV defined
  list(name = "degenerate: all positive calls diseased", table = paired(8, 3, 2, 4, 0, 0, 0, 11))
)

rel_diff <- function(a, b) abs(a - b) / max(1, abs(a), abs(b))

results <- lapply(cases, function(cs) {
  out <- list(name = cs$name, table = cs$table)
  for (which in c("ppv", "npv")) {
    a <- wgs_subject_level(cs$table, which)
    if (!is.na(a$statistic)) {
      b <- wgs_cells(cs$table, which)
      stopifnot(rel_diff(a$pv1, b$pv1) < 1e-14, rel_diff(a$pv2, b$pv2) < 1e-14,
                rel_diff(a$statistic, b$statistic) < 1e-12)
    }
    out[[which]] <- a
  }
  out
})
names(results) <- NULL

# Check against the numbers printed by DTComPair (README.md of DTComPair 1.2.x,
# "pv.wgs(b1)" for b1 <- tab.paired(d = d, y1 = y1, y2 = y2, data = Paired1)).
# Values are printed to 7 significant digits by R's default print().
published <- list(
  list(which = "ppv", pv1 = 0.8253638, pv2 = 0.8654822, absDifference = 0.04011841,
       statistic = 5.465887, p = 0.0193912),
  list(which = "npv", pv1 = 0.7662338, pv2 = 0.6540881, absDifference = 0.1121457,
       statistic = 16.5354, p = 4.775012e-05)
)
paired1 <- results[[1]]
stopifnot(paired1$name == "DTComPair Paired1")
agrees_to_print <- function(computed, printed) {
  isTRUE(all.equal(signif(computed, 7), printed, tolerance = 0)) ||
    abs(computed - printed) <= 0.5 * 10^(floor(log10(abs(printed))) - 6) * (1 + 1e-9)
}
published_checks <- lapply(published, function(pub) {
  got <- paired1[[pub$which]]
  computed <- list(pv1 = got$pv1, pv2 = got$pv2, absDifference = abs(got$difference),
                   statistic = got$statistic, p = got$p)
  for (k in names(computed)) {
    if (!agrees_to_print(computed[[k]], pub[[k]])) {
      stop(sprintf("Paired1 %s %s: computed %.10g, published %.10g", pub$which, k,
                   computed[[k]], pub[[k]]))
    }
  }
  list(case = "DTComPair Paired1", which = pub$which,
       source = paste("DTComPair README.md (CRAN package DTComPair 1.2.x, section 'Compare",
                      "predictive values'), printed output of pv.wgs(b1) for the Paired1 data;",
                      "diff there is test2 - test1 (abs() before 1.2.2)"),
       printed = pub[names(pub) != "which"], computed = computed,
       agreement = "all computed values round to the printed ones (7 significant digits)")
})

json <- list(
  generated_by = "test/reference/predictive_values.R",
  r_version = R.version.string,
  jsonlite_version = as.character(packageVersion("jsonlite")),
  dtcompair = paste("not used: r-cran-dtcompair is not in Debian; the WGS statistic is",
                    "computed in the script from Kosinski (2013) (subject-level and",
                    "cell-count forms, cross-checked), and validated against DTComPair's",
                    "published pv.wgs() output for Paired1"),
  reference = paste("Kosinski AS (2013). A weighted generalized score statistic for comparison",
                    "of predictive values of diagnostic tests. Statistics in Medicine 32(6):964-977."),
  conventions = paste("difference = PV1 - PV2; p = upper tail of chi-squared(1) via",
                      "pchisq(lower.tail = FALSE); null = undefined (a PV undefined, or zero",
                      "variance of PV1 - PV2 under H0)"),
  published_checks = published_checks,
  cases = results
)

# jsonlite's digits = NA stops at 15 significant digits, so each double is written
# verbatim in the shortest of %.15g / %.16g / %.17g that reads back identically
# (17 significant digits always do).
exact_number <- function(x) {
  if (is.na(x)) return(structure("null", class = "json"))
  for (d in 15:17) {
    s <- sprintf("%.*g", d, x)
    if (identical(as.numeric(s), x)) break
  }
  structure(s, class = "json")
}
exact_numbers <- function(x) {
  if (is.list(x)) return(lapply(x, exact_numbers))
  if (is.numeric(x) && length(x) == 1) return(exact_number(x))
  x
}
txt <- toJSON(exact_numbers(json), auto_unbox = TRUE, json_verbatim = TRUE, na = "null",
              null = "null", pretty = TRUE)
writeLines(txt, out_path)

# The numbers must survive the round trip exactly.
back <- fromJSON(out_path, simplifyVector = FALSE)
for (i in seq_along(results)) {
  for (which in c("ppv", "npv")) {
    for (k in c("pv1", "pv2", "difference", "statistic", "p")) {
      v <- results[[i]][[which]][[k]]; w <- back$cases[[i]][[which]][[k]]
      ok <- if (is.na(v)) is.null(w) else identical(v, as.numeric(w))
      if (!ok) stop(sprintf("round trip: case %d %s %s: %.17g vs %s", i, which, k, v, format(w, digits = 17)))
    }
  }
}
cat(sprintf("wrote %s (%d cases)\n", out_path, length(results)))
for (r in results) {
  cat(sprintf("%-50s PPV T=%-22.17g p=%-12.6g  NPV T=%-22.17g p=%.6g\n", r$name,
              r$ppv$statistic, r$ppv$p, r$npv$statistic, r$npv$p))
}

# make_data.R — seeded synthetic data sets (plus pROC's aSAH) for the reference tests.
#
# Writes test/reference/data/{ties,imbalanced,three_models,asah}.csv with columns
# case_id,y,<model columns>; y is 1 for a positive case, 0 for a negative one.
# Every score is rounded before it is written, so the CSV text (short decimals) is the
# ground truth; discrimination.R reads the CSVs back with a correctly rounded parser
# (see read_dataset() in common.R), giving the same doubles as the TypeScript tests.
#
# Run from the repository root:  Rscript test/reference/make_data.R

suppressPackageStartupMessages(library(pROC))

# round() can return a double that is not the one nearest to the rounded decimal
# (e.g. round(x, 6) printing as 0.060533 but equal to 0.060532999999999997 while
# the literal 0.060533 parses to 0.060533000000000003). Round through the decimal
# text instead, so the value in memory is exactly what parsing the CSV gives.
round_dec <- function(x, digits) as.numeric(formatC(x, format = "f", digits = digits))

out_dir <- file.path("test", "reference", "data")
dir.create(out_dir, recursive = TRUE, showWarnings = FALSE)

write_data <- function(df, name) {
  path <- file.path(out_dir, paste0(name, ".csv"))
  # format() each column on its own: integers stay integers, rounded decimals are
  # written with up to 15 significant digits (enough: every value was rounded to <= 6 dp).
  txt <- as.data.frame(lapply(df, function(col) {
    if (is.numeric(col)) format(col, digits = 15, trim = TRUE, scientific = FALSE) else col
  }), stringsAsFactors = FALSE)
  write.csv(txt, path, row.names = FALSE, quote = FALSE)
  back <- read.csv(path)
  stopifnot(identical(dim(back), dim(df)))
  for (col in names(df)) stopifnot(isTRUE(all(back[[col]] == df[[col]])))
  cat(sprintf("%-20s %4d cases, %3d positives, models: %s\n", path, nrow(df), sum(df$y),
              paste(setdiff(names(df), c("case_id", "y")), collapse = ", ")))
}

# ---------------------------------------------------------------------------------------
# ties: 60 cases (20 positives), 2 models, probability-like scores rounded to 1 decimal,
# so there are many tied scores, including ties between positives and negatives.
# Scores are kept in 0.1..0.9 (never exactly 0 or 1, so logit(p) stays finite).
squeeze <- function(p) pmin(pmax(p, 0.05001), 0.94999)
set.seed(225)   # chosen so both models have exact Youden ties (see README)
n_pos <- 20; n_neg <- 40
y <- sample(c(rep(1L, n_pos), rep(0L, n_neg)))
latent <- rnorm(length(y))
a <- plogis(-0.6 + 1.3 * y + 0.8 * latent + rnorm(length(y), sd = 0.7))
b <- plogis(-0.4 + 0.9 * y + 0.8 * latent + rnorm(length(y), sd = 0.9))
ties <- data.frame(case_id = sprintf("T%03d", seq_along(y)), y = y,
                   cnn = round_dec(squeeze(a), 1), logreg = round_dec(squeeze(b), 1))
stopifnot(all(ties$cnn > 0 & ties$cnn < 1), all(ties$logreg > 0 & ties$logreg < 1))
write_data(ties, "ties")

# ---------------------------------------------------------------------------------------
# imbalanced: 400 cases, 32 positives (8%), 2 correlated continuous models with
# probability scores strictly inside (0, 1), rounded to 6 decimals.
set.seed(20240602)
n <- 400; n_pos <- 32
y <- sample(c(rep(1L, n_pos), rep(0L, n - n_pos)))
shared <- rnorm(n)
lp1 <- -3.0 + 1.8 * y + 0.9 * shared + rnorm(n, sd = 0.6)
lp2 <- -2.8 + 1.4 * y + 0.9 * shared + rnorm(n, sd = 0.8)
imbalanced <- data.frame(case_id = seq_len(n), y = y,
                         model_a = round_dec(plogis(lp1), 6), model_b = round_dec(plogis(lp2), 6))
stopifnot(all(imbalanced$model_a > 0 & imbalanced$model_a < 1),
          all(imbalanced$model_b > 0 & imbalanced$model_b < 1))
write_data(imbalanced, "imbalanced")

# ---------------------------------------------------------------------------------------
# three_models: 150 cases (~1/3 positives), a 1..5 integer grade (reader score) and two
# continuous probability-like models in (0, 1) rounded to 4 decimals.
set.seed(20240603)
n <- 150
y <- rbinom(n, 1, 0.35)
shared <- rnorm(n)
grade_latent <- 0.2 + 1.5 * y + 0.7 * shared + rnorm(n, sd = 0.9)
grade <- as.integer(cut(grade_latent, breaks = c(-Inf, -0.3, 0.5, 1.2, 1.9, Inf), labels = FALSE))
p1 <- plogis(-1.2 + 1.6 * y + 0.8 * shared + rnorm(n, sd = 0.8))
p2 <- plogis(-1.0 + 1.1 * y + 0.5 * shared + rnorm(n, sd = 1.0))
three <- data.frame(case_id = sprintf("P%03d", seq_len(n)), y = as.integer(y),
                    reader = grade, ai = round_dec(p1, 4), radiomics = round_dec(p2, 4))
stopifnot(all(three$reader %in% 1:5), all(three$ai > 0 & three$ai < 1),
          all(three$radiomics > 0 & three$radiomics < 1))
write_data(three, "three_models")

# ---------------------------------------------------------------------------------------
# asah: pROC's aSAH data; case_id = the data frame's row names, y = outcome == "Poor".
data(aSAH, package = "pROC")
asah <- data.frame(case_id = as.integer(rownames(aSAH)),
                   y = as.integer(aSAH$outcome == "Poor"),
                   wfns = as.integer(as.character(aSAH$wfns)),
                   s100b = aSAH$s100b, ndka = aSAH$ndka)
write_data(asah, "asah")

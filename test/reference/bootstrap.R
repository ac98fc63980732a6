# Reference for dxreport's bootstrap: pROC's stratified bootstrap percentile interval of the
# AUC (ci.auc(method = "bootstrap", boot.stratified = TRUE)) and its bootstrap SD, with many
# replicates so that Monte Carlo error is small; dxreport's own RNG differs, so the tests
# compare within Monte Carlo error, not to the digit.
#   Rscript test/reference/bootstrap.R   → test/reference/expected/bootstrap.json
suppressMessages(library(pROC))
source("test/reference/common.R")
set.seed(20261129)
replicates <- 20000
out <- list(script = "test/reference/bootstrap.R",
            versions = list(R = as.character(getRversion()), pROC = as.character(packageVersion("pROC"))),
            replicates = replicates, level = 0.95, cases = list())
for (dataset in c("ties", "imbalanced")) {
  d <- read.csv(file.path("test/reference/data", paste0(dataset, ".csv")), colClasses = "character")
  y <- as.integer(d$y)
  models <- setdiff(names(d), c("case_id", "y"))
  for (m in models) {
    r <- roc(y, as.numeric(d[[m]]), levels = c(0, 1), direction = "<", quiet = TRUE)
    ci <- ci.auc(r, method = "bootstrap", boot.n = replicates, boot.stratified = TRUE, conf.level = 0.95, progress = "none")
    boot_var <- var(r, method = "bootstrap", boot.n = replicates, boot.stratified = TRUE, progress = "none")
    out$cases[[length(out$cases) + 1]] <- list(dataset = dataset, model = m, auc = as.numeric(auc(r)),
      ci = c(ci[1], ci[3]), bootstrapSd = sqrt(boot_var), delongSe = sqrt(var(r, method = "delong")))
  }
}
write_json_file(out, "test/reference/expected/bootstrap.json")

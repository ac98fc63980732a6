# Reference for dxreport's BCa intervals: R's boot package (Canty & Ripley), AUC of each model
# with resampling stratified by outcome and boot.ci(type = "bca"), many replicates. dxreport's
# generator differs from R's, so tests compare within Monte Carlo error.
#   Rscript test/reference/bca.R   → test/reference/expected/bca.json
suppressMessages({ library(boot); library(pROC) })
source("test/reference/common.R")
set.seed(20261130)
replicates <- 20000
auc_of <- function(d, i, model) {
  r <- roc(d$y[i], d[[model]][i], levels = c(0, 1), direction = "<", quiet = TRUE)
  as.numeric(auc(r))
}
out <- list(script = "test/reference/bca.R",
            versions = list(R = as.character(getRversion()), boot = as.character(packageVersion("boot")),
                            pROC = as.character(packageVersion("pROC"))),
            replicates = replicates, level = 0.95, cases = list())
for (dataset in c("ties", "three_models")) {
  d <- read.csv(file.path("test/reference/data", paste0(dataset, ".csv")))
  models <- setdiff(names(d), c("case_id", "y"))
  for (m in models) {
    b <- boot(d, auc_of, R = replicates, strata = d$y, model = m)
    ci <- boot.ci(b, conf = 0.95, type = c("bca", "perc"))
    out$cases[[length(out$cases) + 1]] <- list(dataset = dataset, model = m, auc = b$t0,
      bca = c(ci$bca[4], ci$bca[5]), percentile = c(ci$percent[4], ci$percent[5]), bootstrapSd = sd(b$t[, 1]))
  }
}
write_json_file(out, "test/reference/expected/bca.json")

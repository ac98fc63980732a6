# Reference for the logit-transformed DeLong interval of the AUC (intervals.auc: delong-logit):
# logit(AUC) ± z·SE/(AUC(1 − AUC)), transformed back (delta method; e.g. Pepe 2003, §4.2),
# with AUC and the DeLong SE from pROC.
#   Rscript test/reference/logit_auc.R   → test/reference/expected/logit_auc.json
suppressMessages(library(pROC))
source("test/reference/common.R")
cases <- list()
for (dataset in c("ties", "imbalanced", "three_models")) {
  d <- read.csv(file.path("test/reference/data", paste0(dataset, ".csv")))
  for (m in setdiff(names(d), c("case_id", "y"))) {
    r <- roc(d$y, d[[m]], levels = c(0, 1), direction = "<", quiet = TRUE)
    a <- as.numeric(auc(r)); se <- sqrt(var(r, method = "delong"))
    for (level in c(0.95, 0.9)) {
      z <- qnorm(1 - (1 - level) / 2)
      half <- z * se / (a * (1 - a))
      cases[[length(cases) + 1]] <- list(dataset = dataset, model = m, level = level, auc = a, se = se,
        ci = c(plogis(qlogis(a) - half), plogis(qlogis(a) + half)))
    }
  }
}
write_json_file(list(script = "test/reference/logit_auc.R", versions = list(R = as.character(getRversion()),
  pROC = as.character(packageVersion("pROC"))), cases = cases), "test/reference/expected/logit_auc.json")

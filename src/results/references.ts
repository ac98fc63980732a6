/**
 * The literature behind every method dxreport reports: an in-text citation and the full
 * reference for each key. Methods name their references by key (see methods.ts).
 */

export type ReferenceKey =
  | 'chakraborty2017'
  | 'efron1982'
  | 'hillis2007'
  | 'hillis2008'
  | 'obuchowski1995'
  | 'smith2023'
  | 'austin2019'
  | 'bossuyt2015'
  | 'brier1950'
  | 'brown2001'
  | 'cleveland1979'
  | 'clopper1934'
  | 'cox1958'
  | 'debray2017'
  | 'delong1988'
  | 'efron1987'
  | 'efron1993'
  | 'fagerland2013'
  | 'holm1979'
  | 'kosinski2013'
  | 'mcclish1989'
  | 'mcnemar1947'
  | 'newcombe1998'
  | 'obuchowski1997'
  | 'obuchowski1998'
  | 'simel1991'
  | 'spiegelhalter1986'
  | 'steyerberg2010'
  | 'sunxu2014'
  | 'tango1998'
  | 'vancalster2016'
  | 'vickers2006'
  | 'wilson1927'
  | 'youden1950';

/** In-text citation and full reference (Vancouver-like, plain text: no links). */
export const REFERENCES: Record<ReferenceKey, { cite: string; full: string }> = {
  obuchowski1995: {
    cite: 'Obuchowski & Rockette 1995',
    full: 'Obuchowski NA, Rockette HE. Hypothesis testing of diagnostic accuracy for multiple readers and multiple tests: an ANOVA approach with dependent observations. Commun Stat Simul Comput. 1995;24(2):285–308.',
  },
  hillis2007: {
    cite: 'Hillis 2007',
    full: 'Hillis SL. A comparison of denominator degrees of freedom methods for multiple observer ROC analysis. Stat Med. 2007;26(3):596–619.',
  },
  hillis2008: {
    cite: 'Hillis et al. 2008',
    full: 'Hillis SL, Berbaum KS, Metz CE. Recent developments in the Dorfman-Berbaum-Metz procedure for multireader ROC study analysis. Acad Radiol. 2008;15(5):647–661.',
  },
  smith2023: {
    cite: 'Smith et al., MRMCaov',
    full: 'Smith BJ, Hillis SL, Pesce LL. MRMCaov: Multi-Reader Multi-Case Analysis of Variance. R package version 0.3.0.',
  },
  efron1982: {
    cite: 'Efron 1982',
    full: 'Efron B. The Jackknife, the Bootstrap and Other Resampling Plans. Philadelphia: SIAM; 1982.',
  },
  chakraborty2017: {
    cite: 'Chakraborty 2017',
    full: 'Chakraborty DP. Observer Performance Methods for Diagnostic Imaging: Foundations, Modeling, and Applications with R-Based Examples. Boca Raton: CRC Press; 2017 (RJafroc StSignificanceTestingCadVsRad, method 1T-RRRC).',
  },
  austin2019: {
    cite: 'Austin & Steyerberg 2019',
    full: 'Austin PC, Steyerberg EW. The Integrated Calibration Index (ICI) and related metrics for quantifying the calibration of logistic regression models. Stat Med. 2019;38(21):4051–4065.',
  },
  bossuyt2015: {
    cite: 'Bossuyt et al. 2015',
    full: 'Bossuyt PM, Reitsma JB, Bruns DE, et al. STARD 2015: an updated list of essential items for reporting diagnostic accuracy studies. BMJ. 2015;351:h5527.',
  },
  brier1950: {
    cite: 'Brier 1950',
    full: 'Brier GW. Verification of forecasts expressed in terms of probability. Mon Weather Rev. 1950;78(1):1–3.',
  },
  brown2001: {
    cite: 'Brown et al. 2001',
    full: 'Brown LD, Cai TT, DasGupta A. Interval estimation for a binomial proportion. Stat Sci. 2001;16(2):101–133.',
  },
  cleveland1979: {
    cite: 'Cleveland 1979',
    full: 'Cleveland WS. Robust locally weighted regression and smoothing scatterplots. J Am Stat Assoc. 1979;74(368):829–836.',
  },
  clopper1934: {
    cite: 'Clopper & Pearson 1934',
    full: 'Clopper CJ, Pearson ES. The use of confidence or fiducial limits illustrated in the case of the binomial. Biometrika. 1934;26(4):404–413.',
  },
  cox1958: {
    cite: 'Cox 1958',
    full: 'Cox DR. Two further applications of a model for binary regression. Biometrika. 1958;45(3–4):562–565.',
  },
  debray2017: {
    cite: 'Debray et al. 2017',
    full: 'Debray TPA, Damen JAAG, Snell KIE, et al. A guide to systematic review and meta-analysis of prediction model performance. BMJ. 2017;356:i6460.',
  },
  delong1988: {
    cite: 'DeLong et al. 1988',
    full: 'DeLong ER, DeLong DM, Clarke-Pearson DL. Comparing the areas under two or more correlated receiver operating characteristic curves: a nonparametric approach. Biometrics. 1988;44(3):837–845.',
  },
  efron1987: {
    cite: 'Efron 1987',
    full: 'Efron B. Better bootstrap confidence intervals. J Am Stat Assoc. 1987;82(397):171–185.',
  },
  efron1993: {
    cite: 'Efron & Tibshirani 1993',
    full: 'Efron B, Tibshirani RJ. An Introduction to the Bootstrap. New York: Chapman & Hall; 1993.',
  },
  fagerland2013: {
    cite: 'Fagerland et al. 2013',
    full: 'Fagerland MW, Lydersen S, Laake P. The McNemar test for binary matched-pairs data: mid-p and asymptotic are better than exact conditional. BMC Med Res Methodol. 2013;13:91.',
  },
  holm1979: {
    cite: 'Holm 1979',
    full: 'Holm S. A simple sequentially rejective multiple test procedure. Scand J Stat. 1979;6(2):65–70.',
  },
  kosinski2013: {
    cite: 'Kosinski 2013',
    full: 'Kosinski AS. A weighted generalized score statistic for comparison of predictive values of diagnostic tests. Stat Med. 2013;32(6):964–977.',
  },
  mcclish1989: {
    cite: 'McClish 1989',
    full: 'McClish DK. Analyzing a portion of the ROC curve. Med Decis Making. 1989;9(3):190–195.',
  },
  mcnemar1947: {
    cite: 'McNemar 1947',
    full: 'McNemar Q. Note on the sampling error of the difference between correlated proportions or percentages. Psychometrika. 1947;12(2):153–157.',
  },
  newcombe1998: {
    cite: 'Newcombe 1998',
    full: 'Newcombe RG. Improved confidence intervals for the difference between binomial proportions based on paired data. Stat Med. 1998;17(22):2635–2650.',
  },
  obuchowski1997: {
    cite: 'Obuchowski 1997',
    full: 'Obuchowski NA. Nonparametric analysis of clustered ROC curve data. Biometrics. 1997;53(2):567–578.',
  },
  obuchowski1998: {
    cite: 'Obuchowski 1998',
    full: 'Obuchowski NA. On the comparison of correlated proportions for clustered data. Stat Med. 1998;17(13):1495–1507.',
  },
  simel1991: {
    cite: 'Simel et al. 1991',
    full: 'Simel DL, Samsa GP, Matchar DB. Likelihood ratios with confidence: sample size estimation for diagnostic test studies. J Clin Epidemiol. 1991;44(8):763–770.',
  },
  spiegelhalter1986: {
    cite: 'Spiegelhalter 1986',
    full: 'Spiegelhalter DJ. Probabilistic prediction in patient management and clinical trials. Stat Med. 1986;5(5):421–433.',
  },
  steyerberg2010: {
    cite: 'Steyerberg et al. 2010',
    full: 'Steyerberg EW, Vickers AJ, Cook NR, et al. Assessing the performance of prediction models: a framework for traditional and novel measures. Epidemiology. 2010;21(1):128–138.',
  },
  sunxu2014: {
    cite: 'Sun & Xu 2014',
    full: 'Sun X, Xu W. Fast implementation of DeLong’s algorithm for comparing the areas under correlated receiver operating characteristic curves. IEEE Signal Process Lett. 2014;21(11):1389–1393.',
  },
  tango1998: {
    cite: 'Tango 1998',
    full: 'Tango T. Equivalence test and confidence interval for the difference in proportions for the paired-sample design. Stat Med. 1998;17(8):891–908.',
  },
  vancalster2016: {
    cite: 'Van Calster et al. 2016',
    full: 'Van Calster B, Nieboer D, Vergouwe Y, De Cock B, Pencina MJ, Steyerberg EW. A calibration hierarchy for risk models was defined: from utopia to empirical data. J Clin Epidemiol. 2016;74:167–176.',
  },
  vickers2006: {
    cite: 'Vickers & Elkin 2006',
    full: 'Vickers AJ, Elkin EB. Decision curve analysis: a novel method for evaluating prediction models. Med Decis Making. 2006;26(6):565–574.',
  },
  wilson1927: {
    cite: 'Wilson 1927',
    full: 'Wilson EB. Probable inference, the law of succession, and statistical inference. J Am Stat Assoc. 1927;22(158):209–212.',
  },
  youden1950: {
    cite: 'Youden 1950',
    full: 'Youden WJ. Index for rating diagnostic tests. Cancer. 1950;3(1):32–35.',
  },
};

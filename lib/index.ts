/**
 * Public API of the toolkit. Re-exports only; each concept lives in its own file.
 *
 *   import { score, scoreAndGrad, listMeasures } from "./lib";
 *   score("cka", X, Y);
 */
export { InputError, NumericalError } from "./errors";
export { Rng } from "./random";
export { Matrix, gemmKernelInUse, withSingleThreadKernels } from "./tensor/matrix";
export { initBackend, activeBackend } from "./tensor/backend";
export type { BackendName } from "./tensor/backend";
export { eighSolverInUse } from "./tensor/linalg/eigh";
export type { ActivityLike, ArrayInput } from "./tensor/arrays";
export { toFlat, toNested } from "./tensor/arrays";
export { score, scoreAndGrad, scoreAndGradsMatrix, prepareMeasure } from "./measures/api";
export type { ScoreOptions, BoundMeasure } from "./measures/api";
export { listMeasures, listPatterns, getMeasure, hasMeasure } from "./measures/registry";
export type { MeasureInfo, Invariances } from "./measures/types";
export { Adam } from "./optimize/adam";
export type { AdamOptions } from "./optimize/adam";
export { optimize, Optimization } from "./optimize/optimize";
export type { OptimizeOptions, OptimizeResult, OptimizeRecord, OptimizeState, OptimizeProgress, OptimizationStep, Recorder, StopReason } from "./optimize/optimize";
export { measureObjective, combineMeasures } from "./optimize/objective";
export type { Objective, ObjectiveValue, ObjectiveContext, Combiner } from "./optimize/objective";
export { squareTargets, l1ToTarget, optimizeToTargets } from "./optimize/joint";
export type { ScorePair, TargetRun, TargetOptions } from "./optimize/joint";
export { allowedRegion, impliedBound } from "./analysis/regions";
export type { AllowedRegion, Implication } from "./analysis/regions";
export { pcR2, pcR2Recorder, captureScores, pcLearningOrder, spectrumSurrogateComparison } from "./analysis/pcs";
export type { PcLearningOrder } from "./analysis/pcs";
export { perturbationTheory, perturbPc, perturbationSimulation, PERTURBATION_MEASURES } from "./analysis/perturbation";
export type { Perturbation, PerturbationMeasure, PerturbationComparison, PerturbationConstruction } from "./analysis/perturbation";
export { toy2d, ultrametric, expGaussian, spectrumMatchedGaussian } from "./data/toys";
export type { UltrametricOptions, ExpGaussianOptions } from "./data/toys";
export { pca } from "./tensor/linalg/pca";
export type { Pca } from "./tensor/linalg/pca";
export { showFigure, figureBundle, figureHtml, PLOTLY_MIME } from "./display/figure";
export type { ShowFigureOptions } from "./display/figure";
export type { Figure, Trace } from "./display/figure-spec";
export { figureToPng, figureToSvg, saveFigure, closeRenderer, chromiumPath } from "./display/static-export";
export type { ImageOptions } from "./display/static-export";
export { showTable, tableHtml, tableText, formatNumber } from "./display/table";
export type { TableInput, TableOptions, DataFrameLike } from "./display/table";
export { progress, trackProgress } from "./display/progress";
export type { Progress, ProgressOptions } from "./display/progress";
export { displayBundle, inKernel, newDisplayId } from "./display/kernel";
export type { MimeBundle, DisplayOptions } from "./display/kernel";
export { showExplorer, explorerHtml, explorerPage } from "./display/explorer";
export { explorerSettings, EXPLORER_MEASURES } from "./display/explorer-settings";
export type { ExplorerOptions, ExplorerSettings } from "./display/explorer-settings";
export { decode, chanceLevel, decodingThreshold, thresholdScore } from "./analysis/decoding";
export type { ChanceRule, CrossingRule, DecodeOptions, DecodeResult, DecodeWarmStart, ThresholdCrossing } from "./analysis/decoding";
export { decodingRecorder, decodingAlong } from "./analysis/trajectory";
export type { DecodingAlong, DecodingAlongOptions, DecodingRecorderOptions } from "./analysis/trajectory";
export { thinSvd } from "./tensor/linalg/svd";
export type { ThinSvd } from "./tensor/linalg/svd";
export { polar, polarNewtonSchulz } from "./tensor/linalg/polar";
export type { Polar } from "./tensor/linalg/polar";
export { partialWhitening } from "./tensor/linalg/whitening";
export type { Whitening } from "./tensor/linalg/whitening";
export { loadOwnDataset } from "./data/own";
export type { OwnDatasetOptions } from "./data/own";
export { downloadDataset, loadRealFromCache, listRealDatasets, progressBar, resolveCacheDir, realDataManifest, DownloadError } from "./data/real";
export type { DownloadProgress, ManifestDataset } from "./data/real";
export { loadDataset, listDatasets } from "./data/datasets";
export type { LoadDatasetOptions, DatasetInfo, SourceOption } from "./data/datasets";
export type { Dataset, DatasetMeta, DatasetSource, LabelSet } from "./data/types";
export { run, computeRun, normalizeConfig, runKey, NUMBERS_VERSION, arrayHash, expandGrid, parseGridFile, openStore, defaultStorePath, sweep, shardOf, mergeStores, runsFrame } from "./runs";
export type { RunConfig, NormalizedRunConfig, Grid, RunStore, RunResult, RunSummary, RunQuery, RunOptions, UserArrays, SweepOptions, SweepProgress, SweepSummary } from "./runs";
export { perturbationCurves } from "./analysis/perturbation-curves";
export type { PerturbationCurves } from "./analysis/perturbation-curves";
export { powerLawFit, logSpacedIndices } from "./analysis/power-law";
export type { PowerLawFit } from "./analysis/power-law";
export { classifyRelation } from "./analysis/region-relation";
export type { RegionRelation } from "./analysis/region-relation";
export { placeInRegion } from "./analysis/region-placement";
export type { RegionPlacement, RangeCheck, RangePosition } from "./analysis/region-placement";
export {
  dataCaption, figureTitle, comparePaper, measureStyle, panelAxes, axisKey, panelTitle, perturbationFigure, scalingFigure,
  perturbationEndPointRows, lossExponentRows, PERTURBATION_TOLERANCES, regionsFigure, relationSchematicFigure, regionComparisonRows,
  independentScoresFigure, measureCatalogueRows, PAPER_DATASETS, PAPER_MEASURES, PAPER_PERTURBATION_END_POINTS,
  PAPER_LOSS_EXPONENTS, PAPER_REGION_CONCLUSIONS, PAPER_INITIAL_SCORES, PAPER_DECODING_REFERENCE, PAPER_THRESHOLD_SCORES, PAPER_PCS_CAPTURED,
  PAPER_TEST_VECTORS, PAPER_RIDGE_SWEEP, labelCurvesFigure, groupedTraces, paperRunConfigs, fig3Label, storedRuns, decodingCurve, decodingThresholds, thresholdPaperRows, finalAccuracyPaperRows, lowestThresholdRows, decodingFigure, pcCapture, captureSlope, pcsCapturedPaperRows, captureScoreFigure, r2VsScoreFigure, placeScore, guaranteeRows,
  modelRegionsFigure, regionGuaranteeRows, regionSummary,
} from "./figures";
export type {
  DataUsed, PlotlyTitle, PaperRow, NumericPaperRow, RulePaperRow, ComparisonRow, PerturbationPanel, PaperDataset, PerturbationEndPoint,
  ScoreRelation, PaperRegionConclusion, PaperThreshold, CatalogueRow, GroupedTrace, PaperRunOptions, DecodingCurve, DecodingThreshold, PcCapture, ScorePlacement, GuaranteeRow,
  RegionGuaranteeRow,
} from "./figures";
export { neuralDecoding, decodingFolds } from "./analysis/decoding-reference";
export type { NeuralDecoding } from "./analysis/decoding-reference";
export { measureEquivalences } from "./analysis/equivalences";
export type { Equivalence } from "./analysis/equivalences";
export { invarianceDemo, INVARIANCE_TRANSFORMS } from "./analysis/invariance-demo";
export type { InvarianceRow } from "./analysis/invariance-demo";
export { scoresOnIndependentData } from "./analysis/independent-scores";
export type { IndependentScore } from "./analysis/independent-scores";
export { randomFeatureModel } from "./analysis/random-feature-model";
export type { RandomFeatureOptions } from "./analysis/random-feature-model";

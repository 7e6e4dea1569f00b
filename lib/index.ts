/**
 * Public API of the toolkit. Re-exports only; each concept lives in its own file.
 *
 *   import { score, scoreAndGrad, listMeasures } from "./lib";
 *   score("cka", X, Y);
 */
export { InputError } from "./errors";
export { Rng } from "./random";
export { Matrix } from "./tensor/matrix";
export type { ArrayInput } from "./tensor/arrays";
export { toFlat, toNested } from "./tensor/arrays";
export { score, scoreAndGrad, scoreAndGradsMatrix, prepareMeasure } from "./measures/api";
export type { ScoreOptions, BoundMeasure } from "./measures/api";
export { listMeasures, listPatterns, getMeasure, hasMeasure } from "./measures/registry";
export type { MeasureInfo, Invariances } from "./measures/types";
export { Adam } from "./optimize/adam";
export type { AdamOptions } from "./optimize/adam";
export { optimize } from "./optimize/optimize";
export type { OptimizeOptions, OptimizeResult, OptimizeRecord, OptimizeState, OptimizeProgress, Recorder, StopReason } from "./optimize/optimize";
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
export { decode, chanceLevel, decodingThreshold, thresholdScore } from "./analysis/decoding";
export type { DecodeOptions, DecodeResult } from "./analysis/decoding";
export { decodingRecorder, decodingAlong } from "./analysis/trajectory";
export type { DecodingAlong } from "./analysis/trajectory";
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

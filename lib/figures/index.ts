/**
 * Figure builders, paper reference numbers and the paper-vs-this-run table of the notebooks
 * (re-exports only; one concept per file).
 *
 *   import { comparePaper, perturbationFigure, PAPER_PERTURBATION_END_POINTS } from "./lib";
 */
export { dataCaption, figureTitle } from "./caption";
export type { DataUsed, PlotlyTitle } from "./caption";
export { comparePaper } from "./compare-paper";
export type { PaperRow, NumericPaperRow, RulePaperRow, ComparisonRow } from "./compare-paper";
export {
  PAPER_DATASETS, PAPER_MEASURES, PAPER_PERTURBATION_END_POINTS, PAPER_LOSS_EXPONENTS, PAPER_REGION_CONCLUSIONS, PAPER_INITIAL_SCORES,
  PAPER_DECODING_REFERENCE, PAPER_THRESHOLD_SCORES, PAPER_PCS_CAPTURED, PAPER_TEST_VECTORS, PAPER_RIDGE_SWEEP, PAPER_PROTOCOL,
} from "./paper-numbers";
export type { PaperDataset, PerturbationEndPoint, ScoreRelation, PaperRegionConclusion, PaperThreshold } from "./paper-numbers";
export { measureStyle } from "./style";
export { panelAxes, axisKey, panelTitle } from "./subplots";
export { perturbationFigure } from "./perturbation-figure";
export type { PerturbationPanel } from "./perturbation-figure";
export { scalingFigure } from "./scaling-figure";
export { perturbationEndPointRows, lossExponentRows, PERTURBATION_TOLERANCES } from "./perturbation-comparison";
export { regionsFigure } from "./regions-figure";
export { relationSchematicFigure } from "./relation-schematic";
export { regionComparisonRows } from "./regions-comparison";
export { independentScoresFigure } from "./independent-scores-figure";
export { measureCatalogueRows } from "./measure-catalogue";
export type { CatalogueRow } from "./measure-catalogue";
export { groupedTraces } from "./dropdown";
export type { GroupedTrace } from "./dropdown";
export { paperRunConfigs, fig3Label, storedRuns } from "./paper-runs";
export type { PaperRunOptions } from "./paper-runs";
export { decodingCurve, decodingThresholds, thresholdPaperRows, finalAccuracyPaperRows, lowestThresholdRows, decodingFigure } from "./decoding-vs-score";
export type { DecodingCurve, DecodingThreshold } from "./decoding-vs-score";
export { pcCapture, captureSlope, pcsCapturedPaperRows, captureScoreFigure, r2VsScoreFigure } from "./pc-learning-order";
export type { PcCapture } from "./pc-learning-order";
export { labelCurvesFigure } from "./label-curves-figure";
export { placeScore, guaranteeRows } from "./place-score";
export type { ScorePlacement, GuaranteeRow } from "./place-score";
export { modelRegionsFigure } from "./model-regions-figure";
export { regionGuaranteeRows, regionSummary } from "./region-guarantees";
export type { RegionGuaranteeRow } from "./region-guarantees";

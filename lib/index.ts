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

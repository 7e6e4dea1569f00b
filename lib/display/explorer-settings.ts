/**
 * Settings of the live explorer (display/explorer.ts), shared by the Node side that writes them into
 * the page and the browser side that starts from them (display/browser/explorer-app.ts).
 *
 *   explorerSettings({ measure: "nbs" })   // { measures: EXPLORER_MEASURES, measure: "nbs", lr: 0.1, … }
 */
import { InputError } from "../errors";
import { getMeasure } from "../measures/registry";

/** Everything the page needs to start (filled in and checked by explorerSettings). */
export interface ExplorerSettings {
  /** Measure ids offered in the drop-down (differentiable). */
  measures: string[];
  /** The measure selected at start. */
  measure: string;
  /** Adam learning rate at start. */
  lr: number;
  /** Seed of Y₀ at start (lib's Rng, as optimize()). */
  seed: number;
  /** The run stops after this many steps… */
  maxIter: number;
  /** …or as soon as the score is above this. */
  stopScore: number;
  /** Animation speed at start (Adam steps per second). */
  stepsPerSecond: number;
  /** Start playing as soon as the page shows the explorer. */
  autoplay: boolean;
}

/** The measures of the paper's Fig. 1–3 offered by default: CKA, angular Procrustes, NBS, ridge CV λ=100, linear regression, angular CKA. */
export const EXPLORER_MEASURES = ["cka", "procrustes-angular-score", "nbs", "ridge-lambda100-r2#5folds_cv", "linreg", "cka-angular-score"];

/** Options of the explorer; every field has a default (see explorerSettings). */
export type ExplorerOptions = Partial<ExplorerSettings>;

/**
 * The explorer's settings with defaults filled in and checked: measures = EXPLORER_MEASURES (registered,
 * differentiable ids), measure = the first, lr = 0.1 (the paper's), seed = 0, maxIter = 1000,
 * stopScore = 0.99 (the paper's benchmarks), stepsPerSecond = 20, autoplay = false.
 *
 *   explorerSettings({ measure: "nbs" }).lr   // 0.1
 */
export function explorerSettings(options: ExplorerOptions = {}): ExplorerSettings {
  const measures = options.measures ?? EXPLORER_MEASURES;
  if (!Array.isArray(measures) || measures.length === 0) throw new InputError("measures", "a non-empty list of measure ids", `got ${JSON.stringify(measures)}`);
  for (const id of measures) if (!getMeasure(id).differentiable) throw new InputError("measures", "differentiable measures (the explorer follows their gradient)", `"${id}" is value-only`);
  const measure = options.measure ?? measures[0];
  if (!measures.includes(measure)) throw new InputError("measure", `one of the offered measures (${measures.join(", ")})`, `got "${measure}"`);
  const settings: ExplorerSettings = {
    measures: [...measures],
    measure,
    lr: options.lr ?? 0.1,
    seed: options.seed ?? 0,
    maxIter: options.maxIter ?? 1000,
    stopScore: options.stopScore ?? 0.99,
    stepsPerSecond: options.stepsPerSecond ?? 20,
    autoplay: options.autoplay ?? false,
  };
  if (!(settings.lr > 0 && Number.isFinite(settings.lr))) throw new InputError("lr", "a finite learning rate > 0", `got ${settings.lr}`);
  if (!Number.isInteger(settings.seed) || settings.seed < 0) throw new InputError("seed", "an integer ≥ 0", `got ${settings.seed}`);
  if (!Number.isInteger(settings.maxIter) || settings.maxIter < 1 || settings.maxIter > 100_000) throw new InputError("maxIter", "an integer in [1, 100000]", `got ${settings.maxIter}`);
  if (typeof settings.stopScore !== "number" || Number.isNaN(settings.stopScore)) throw new InputError("stopScore", "a number (Infinity: never stop early)", `got ${settings.stopScore}`);
  if (!(settings.stepsPerSecond > 0 && settings.stepsPerSecond <= 1000)) throw new InputError("stepsPerSecond", "a number in (0, 1000]", `got ${settings.stepsPerSecond}`);
  if (typeof settings.autoplay !== "boolean") throw new InputError("autoplay", "true or false", `got ${String(settings.autoplay)}`);
  return settings;
}


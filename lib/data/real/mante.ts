import { existsSync, readFileSync, readdirSync } from "fs";
import { basename, join } from "path";
import { InputError } from "../../errors";
import { Matrix } from "../../tensor/matrix";
import { MatFile, matField, matNumbers, matRows } from "../formats/mat-value";
import { readMat5 } from "../formats/mat5";
import { withZipArchive } from "../formats/zip";
import type { Dataset } from "../types";
import { binarizeAtMedian, labelSet, makeDataset } from "../dataset";

/** Monkey A ("ar") and monkey F ("fe") of Mante et al. 2013: data folder and the file that defines the condition labels. */
const SUBJECTS = {
  ar: { folder: "PFC data 1", reference: "ar090313_1_a1_Vstim_100_850_ms.mat" },
  fe: { folder: "PFC data 2", reference: "fe111019_2_a1_Vstim_100_850_ms.mat" },
} as const;

/** The zip as distributed by the Mante lab, and the folder it extracts to. */
export const MANTE_ZIP = "PFC data.zip";
const EXTRACTED_ROOT = "PFC data";
/** Task variables that define a condition, in diffscore's order, and their names in the dataset. */
const CONDITION_VARIABLES = ["targ_dir", "stim_dir", "stim_col2dir", "context"] as const;
const N_CONDITIONS = 72;

/** One unit after diffscore's per-unit processing. */
export interface ManteUnit {
  /** Kept condition tuples (targ_dir, stim_dir, stim_col2dir, context), sorted lexicographically. */
  conditions: number[][];
  /** Trial-averaged, downsampled activity: one row of bins per kept condition (spikes per ms). */
  activity: Float64Array[];
}

export interface ManteOptions {
  /** "ar" (monkey A, the paper's 727 units; default) or "fe" (monkey F). */
  subject?: "ar" | "fe";
  /** Bin width in ms (default 50). */
  dt?: number;
}

/**
 * diffscore's per-unit processing of one Mante 2013 `unit` struct (datasets.md §1.2, steps 1–5):
 * group trials 0 … stim_trial[end]−1 by (targ_dir, stim_dir, stim_col2dir, context); sort the tuples
 * lexicographically; drop a tuple unless all its trials are correct; average its trials; downsample
 * the n_steps samples to n = ⌊n_steps·Δt_unit/dt⌋ bins by averaging windows of w = ⌊n_steps/n⌋ samples
 * (751 samples at 1 ms → 15 bins of 50, the last sample dropped).
 *
 *   const unit = processManteUnit(readMat5(bytes, name), name);   // unit.activity: 72 × 15
 */
export function processManteUnit(file: MatFile, where: string, dt = 50): ManteUnit {
  const unit = file.unit;
  const time = matNumbers(matField(unit, "time", `${where}: unit`), `${where}: unit.time`);
  const response = matRows(matField(unit, "response", `${where}: unit`), `${where}: unit.response`);
  const task = matField(unit, "task_variable", `${where}: unit`);
  const variable = (name: string) => matNumbers(matField(task, name, `${where}: unit.task_variable`), `${where}: unit.task_variable.${name}`);
  const stimTrial = variable("stim_trial");
  const columns = CONDITION_VARIABLES.map(variable);
  const correct = variable("correct");
  const nTrials = stimTrial[stimTrial.length - 1];
  if (time.length < 2) throw new InputError(`${where}: unit.time`, "at least 2 samples", `got ${time.length}`);
  for (const [name, values] of [["response", response], ["correct", correct], ...CONDITION_VARIABLES.map((n, k) => [n, columns[k]])] as [string, ArrayLike<unknown>][]) {
    if (!(values.length >= nTrials)) throw new InputError(`${where}: unit.${name}`, `at least stim_trial(end) = ${nTrials} trials`, `got ${values.length}`);
  }

  const groups = new Map<string, { tuple: number[]; trials: number[] }>();
  for (let trial = 0; trial < nTrials; trial++) {
    const tuple = columns.map((c) => c[trial]);
    const key = tuple.join(",");
    const group = groups.get(key) ?? { tuple, trials: [] };
    group.trials.push(trial);
    groups.set(key, group);
  }
  const sorted = [...groups.values()].sort((a, b) => compareTuples(a.tuple, b.tuple));

  const nSteps = response.length ? response[0].length : 0;
  const unitDt = (time[1] - time[0]) * 1000;
  const nBins = Math.trunc((nSteps * unitDt) / dt);
  if (nBins < 1) throw new InputError(`${where}: unit.response`, `at least one ${dt}-ms bin of samples`, `got ${nSteps} samples`);
  const window = Math.trunc(nSteps / nBins);
  const conditions: number[][] = [];
  const activity: Float64Array[] = [];
  for (const { tuple, trials } of sorted) {
    if (!trials.every((t) => correct[t] !== 0)) continue;
    const mean = new Float64Array(nSteps);
    for (const t of trials) for (let s = 0; s < nSteps; s++) mean[s] += response[t][s];
    for (let s = 0; s < nSteps; s++) mean[s] /= trials.length;
    const bins = new Float64Array(nBins);
    for (let k = 0; k < nBins; k++) {
      let sum = 0;
      for (let s = k * window; s < (k + 1) * window; s++) sum += mean[s];
      bins[k] = sum / window;
    }
    conditions.push(tuple);
    activity.push(bins);
  }
  return { conditions, activity };
}

/**
 * Loads Mante et al. 2013 (PFC) from `dir` holding either `PFC data.zip` or its extracted folder
 * `PFC data/`, with diffscore's preprocessing (datasets.md §1.2–1.3): every unit file of the subject's
 * folder (sorted by name) is processed by `processManteUnit`; units with all 72 conditions are kept;
 * X has shape (T, C, N) = (15, 72, units) in spikes per ms. Labels come from the reference recording
 * (ar090313_1_a1 for monkey A): `context` (±1), `gt_choice` (targ_dir with −1 → 2), `coh_mod1` and
 * `coh_mod2` (stim_dir and stim_col2dir: 0 below the median of their unique values, else 1).
 * Returns null when neither the zip nor the folder is in `dir`.
 *
 *   const data = loadMante2013(join(cacheDir, "Mante2013"));   // shape [15, 72, 727]
 */
export function loadMante2013(dir: string, options: ManteOptions = {}): Dataset | null {
  const subject = SUBJECTS[options.subject ?? "ar"];
  const dt = options.dt ?? 50;
  const processed = withUnitFiles(dir, subject.folder, (files) => {
    if (files.length === 0) throw new InputError(dir, `unit files in '${EXTRACTED_ROOT}/${subject.folder}'`, "none found");
    const reference = files.find((f) => f.name === subject.reference);
    if (!reference) throw new InputError(dir, `the reference recording ${subject.reference} (it defines the condition labels)`, "it is missing");
    const units: Float64Array[][] = [];
    let labelsFrom: number[][] = [];
    for (const file of files) {
      const unit = processManteUnit(readMat5(file.read(), file.name, ["unit"]), file.name, dt);
      if (file === reference) labelsFrom = unit.conditions;
      if (unit.activity.length === N_CONDITIONS) units.push(unit.activity);
    }
    return { units, labelsFrom };
  });
  if (!processed) return null;
  const { units: kept, labelsFrom } = processed;
  if (kept.length === 0) throw new InputError(dir, `at least one unit with all ${N_CONDITIONS} conditions`, "none");
  const T = kept[0][0].length;
  const N = kept.length;
  const X = new Matrix(T * N_CONDITIONS, N);
  kept.forEach((unit, n) => unit.forEach((bins, c) => bins.forEach((v, t) => (X.data[(t * N_CONDITIONS + c) * N + n] = v))));

  const column = (k: number) => labelsFrom.map((tuple) => tuple[k]);
  const labels = [
    labelSet("gt_choice", column(0).map((v) => (v === -1 ? 2 : v))),
    labelSet("coh_mod1", binarizeAtMedian(column(1))),
    labelSet("coh_mod2", binarizeAtMedian(column(2))),
    labelSet("context", column(3)),
  ];
  return makeDataset(X, [T, N_CONDITIONS, N], labels, {
    id: options.subject === "fe" ? "Mante2013-fe" : "Mante2013",
    source: "real",
    units: "spikes per ms (trial-averaged counts in 1-ms samples, averaged over 50-ms bins)",
    preprocessing:
      "diffscore mante2013: correct-trial conditions (targ_dir, stim_dir, stim_col2dir, context) sorted lexicographically, " +
      `trial-averaged, ${dt}-ms bins from 100–850 ms after dots onset, units with all 72 conditions (files in name order), labels from ${subject.reference}`,
    citation: "Mante, Sussillo, Shenoy & Newsome 2013, Nature 503:78 (PFC data, monkey A)",
    primaryLabel: "context",
    referenceAccuracy: 0.886,
  });
}

interface UnitFile {
  name: string;
  read(): Uint8Array;
}

/**
 * Runs `fn` on the subject's .mat files, from the extracted folder or else the zip (opened once and
 * read entry by entry); null when neither exists.
 */
function withUnitFiles<T>(dir: string, folder: string, fn: (files: UnitFile[]) => T): T | null {
  const extracted = join(dir, EXTRACTED_ROOT, folder);
  if (existsSync(extracted)) {
    const names = readdirSync(extracted).filter((name) => name.endsWith(".mat")).sort();
    return fn(names.map((name) => ({ name, read: () => readFileSync(join(extracted, name)) })));
  }
  const zipPath = join(dir, MANTE_ZIP);
  if (!existsSync(zipPath)) return null;
  return withZipArchive(zipPath, (zip) => {
    const entries = zip.entries
      .filter((e) => e.name.includes(`${folder}/`) && e.name.endsWith(".mat") && !e.name.startsWith("__MACOSX"))
      .map((entry) => ({ name: basename(entry.name), read: () => zip.read(entry) }))
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    return fn(entries);
  });
}

function compareTuples(a: number[], b: number[]): number {
  for (let k = 0; k < a.length; k++) if (a[k] !== b[k]) return a[k] < b[k] ? -1 : 1;
  return 0;
}

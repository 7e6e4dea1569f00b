import { existsSync } from "fs";
import { join } from "path";
import { InputError } from "../../errors";
import { Matrix } from "../../tensor/matrix";
import { readMatFile } from "../formats/mat";
import { MatValue, describeMat, matNumbers } from "../formats/mat-value";
import type { Dataset } from "../types";
import { labelSet, makeDataset } from "../dataset";

/** The Dryad file (MAT v7.3) and diffscore's converted copy (MAT v7); either may be in the cache. */
export const HATSOPOULOS_FILES = [
  "Dataset5_Monkey4_Session1_ReachDataSimultaneousRecording.mat",
  "Dataset5_Monkey4_Session1_ReachDataSimultaneousRecording-v7.mat",
];
const N_TARGETS = 8;

export interface HatsopoulosOptions {
  /** Bin width in ms (default 50). */
  dt?: number;
  /** Window relative to movement onset in ms (default [0, 500]). */
  alignRange?: [number, number];
  /** Gaussian smoothing SD in ms (default 25); 0 disables smoothing. */
  smoothStd?: number;
}

/**
 * np.histogram(values, bins, (lo, hi)) with numpy's exact bin assignment for equal-width bins: edges
 * lo + i·(hi − lo)/bins, values outside [lo, hi] ignored, the last bin closed on the right.
 *
 *   histogram([0, 10, 49.9, 50], 2, 0, 50);   // [2, 2]
 */
export function histogram(values: ArrayLike<number>, bins: number, lo: number, hi: number): Float64Array {
  const counts = new Float64Array(bins);
  const step = (hi - lo) / bins;
  const edge = (i: number) => (i === bins ? hi : i * step + lo);
  for (let k = 0; k < values.length; k++) {
    const v = values[k];
    if (!(v >= lo && v <= hi)) continue;
    let i = Math.trunc(((v - lo) / (hi - lo)) * bins);
    if (i === bins) i--;
    if (v < edge(i)) i--;
    else if (i !== bins - 1 && v >= edge(i + 1)) i++;
    counts[i]++;
  }
  return counts;
}

/**
 * np.convolve(a, v, mode="same"): the full discrete convolution c[k] = Σ_j a[j]·v[k−j] (zero padded),
 * cut to length max(|a|, |v|) starting at offset ⌊(min(|a|, |v|) − 1)/2⌋.
 *
 *   convolveSame([1, 0, 0], [1, 2, 3]);   // [2, 3, 0]
 */
export function convolveSame(a: ArrayLike<number>, v: ArrayLike<number>): Float64Array {
  const length = Math.max(a.length, v.length);
  const offset = (Math.min(a.length, v.length) - 1) >> 1;
  const out = new Float64Array(length);
  for (let k = 0; k < length; k++) {
    let sum = 0;
    for (let j = 0; j < a.length; j++) {
      const i = k + offset - j;
      if (i >= 0 && i < v.length) sum += a[j] * v[i];
    }
    out[k] = sum;
  }
  return out;
}

/**
 * diffscore's un-normalized "Gaussian" taps: N(x; 0, σ) at x = linspace(−⌊size/2⌋, ⌊size/2⌋, size)
 * (σ in bins). For size 10, σ = 0.5 the taps sum to 0.867 and act as 0.43·(m[n−1] + m[n]).
 *
 *   gaussianTaps(10, 0.5);
 */
export function gaussianTaps(size: number, sigma: number): Float64Array {
  const half = Math.trunc(size / 2);
  const step = size > 1 ? (2 * half) / (size - 1) : 0;
  const taps = new Float64Array(size);
  for (let i = 0; i < size; i++) {
    const x = i === size - 1 && size > 1 ? half : i * step - half;
    taps[i] = (1 / (sigma * Math.sqrt(2 * Math.PI))) * Math.exp(-(x ** 2) / (2 * sigma ** 2));
  }
  return taps;
}

/**
 * The units of a `spikes` cell: every non-empty numeric array, visiting cells row by row (the order
 * scipy's loadmat gives) and descending into nested per-unit cells; empty channels are skipped.
 *
 *   spikeUnits(vars.spikes).length;   // 141 for the Dryad recording
 */
export function spikeUnits(spikes: MatValue): Float64Array[] {
  const units: Float64Array[] = [];
  const visit = (value: MatValue) => {
    if (value.kind === "numeric") {
      if (value.data.length > 0) units.push(value.data);
    } else if (value.kind === "cell") {
      const [m, n] = [value.dims[0], value.items.length / Math.max(value.dims[0], 1)];
      for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) visit(value.items[i + j * m]);
    } else throw new InputError("spikes", "cells of numeric spike-time arrays", `found ${describeMat(value)}`);
  };
  visit(spikes);
  return units;
}

/**
 * Loads Hatsopoulos 2007 (M1 center-out reach; Suresh et al. 2020 Dataset5) from `dir` with diffscore's
 * preprocessing (datasets.md §3.2): spike times s → ms; each unit histogrammed into ⌈T_end/dt⌉ equal bins
 * over [0, T_end] (T_end the latest last spike; bins slightly narrower than dt — the quirk is kept); for
 * target k = 0…7 and each trial, bins ⌊(onset + a)/dt⌋ … ⌊(onset + b)/dt⌋ − 1 around movement onset
 * (`stmv_cell`), trials concatenated in target order; no averaging; then every (trial, unit) sequence is
 * convolved ('same') with `gaussianTaps(T, smoothStd/dt)`. X: (10, trials, units) smoothed counts per
 * bin; label `target`. Reads the MAT v7.3 original or the v7 copy; null when neither is in `dir`.
 *
 *   const data = loadHatsopoulos2007(join(cacheDir, "Hatsopoulos2007"));   // shape [10, 391, 141]
 */
export function loadHatsopoulos2007(dir: string, options: HatsopoulosOptions = {}): Dataset | null {
  const file = HATSOPOULOS_FILES.map((name) => join(dir, name)).find(existsSync);
  if (!file) return null;
  const dt = options.dt ?? 50;
  const [from, to] = options.alignRange ?? [0, 500];
  const smoothStd = options.smoothStd ?? 25;
  const vars = readMatFile(file, ["spikes", "stmv_cell"]);
  if (!vars.spikes) throw new InputError(file, "a variable 'spikes'", `variables are ${Object.keys(vars).join(", ")}`);
  const onsets = vars.stmv_cell;
  if (!onsets || onsets.kind !== "cell" || onsets.items.length !== N_TARGETS)
    throw new InputError(`${file}: stmv_cell`, `a cell of ${N_TARGETS} movement-onset vectors`, `got ${describeMat(onsets)}`);

  const units = spikeUnits(vars.spikes).map((times) => times.map((t) => t * 1000));
  if (units.length === 0) throw new InputError(`${file}: spikes`, "at least one unit with spikes", "none");
  const tEnd = Math.max(...units.map((times) => times[times.length - 1]));
  const nBins = Math.ceil(tEnd / dt);
  const binned = units.map((times) => histogram(times, nBins, 0, tEnd));

  const windows: number[][] = [];
  const targets: number[] = [];
  for (let k = 0; k < N_TARGETS; k++) {
    for (const onsetSeconds of matNumbers(onsets.items[k], `${file}: stmv_cell{${k + 1}}`)) {
      const onset = onsetSeconds * 1000;
      const first = Math.trunc((onset + from) / dt);
      const last = Math.trunc((onset + to) / dt);
      if (first < 0 || last > nBins)
        throw new InputError(`${file}: stmv_cell{${k + 1}}`, `movement onsets whose window lies inside the recording (0–${tEnd} ms)`, `onset ${onset} ms`);
      windows.push([first, last]);
      targets.push(k);
    }
  }
  const T = windows[0][1] - windows[0][0];
  const trials = windows.length;
  const N = units.length;
  const taps = smoothStd ? gaussianTaps(T, smoothStd / dt) : null;
  const X = new Matrix(T * trials, N);
  windows.forEach(([first, last], c) => {
    if (last - first !== T) throw new InputError(file, `${T} bins in every trial window`, `trial ${c} has ${last - first}`);
    for (let n = 0; n < N; n++) {
      const sequence = binned[n].subarray(first, last);
      const smoothed = taps ? convolveSame(sequence, taps) : sequence;
      for (let t = 0; t < T; t++) X.data[(t * trials + c) * N + n] = smoothed[t];
    }
  });
  return makeDataset(X, [T, trials, N], [labelSet("target", targets)], {
    id: "Hatsopoulos2007",
    source: "real",
    units: `spike counts per ${dt}-ms bin, smoothed (un-normalized Gaussian taps, sum ≈ 0.87)`,
    preprocessing:
      `diffscore hatsopoulos2007: ${dt}-ms histogram bins over the recording, ${from}–${to} ms after movement onset, ` +
      `single trials in target order, 'same' convolution with Gaussian taps (σ = ${smoothStd} ms)`,
    citation: "Hatsopoulos et al. 2007 via Suresh et al. 2020, eLife 9:e58848 (Dryad doi:10.5061/dryad.xsj3tx9cm, Dataset5 Monkey4)",
    primaryLabel: "target",
    referenceAccuracy: 0.767,
  });
}

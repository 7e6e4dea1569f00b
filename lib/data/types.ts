import type { Matrix } from "../tensor/matrix";

/** Where a dataset's numbers came from. */
export type DatasetSource = "real" | "surrogate" | "toy" | "user";

/** One task variable: a value per condition (3-D data: per condition, shared by all time steps; 2-D: per sample). */
export interface LabelSet {
  name: string;
  /** Label value of each condition / sample, in row order of the condition axis. */
  values: number[];
  /** Sorted distinct values. */
  classes: number[];
  /** Optional names of the classes, aligned with `classes` (e.g. ["Animals", "Boats", ...]). */
  classNames?: string[];
}

/** Provenance and description. */
export interface DatasetMeta {
  id: string;
  source: DatasetSource;
  isSurrogate: boolean;
  /** Shape after preprocessing: [T, C, N] or [n, N]. */
  shape: number[];
  units: string;
  preprocessing: string;
  citation: string;
  /** Free text shown to users, e.g. why the surrogate was used ("real data not in cache at …"). */
  notes?: string;
  /** Label plotted in the paper's Fig. 3 for this dataset, if any. */
  primaryLabel?: string;
  /** Neural decoding reference accuracy of the paper for the primary label, if known. */
  referenceAccuracy?: number;
  /** Version of the surrogate recipe (surrogates only): results of different versions must not be mixed. */
  version?: number;
}

/**
 * A loaded dataset. `activity` is the flattened (T·C, N) float64 matrix (row t·C + c), `shape` the
 * original [T, C, N] (or [n, N] for 2-D data), labels are per condition.
 */
export interface Dataset {
  id: string;
  activity: Matrix;
  shape: number[];
  labels: Record<string, LabelSet>;
  meta: DatasetMeta;
  /** The activity as nested number arrays in its original shape. */
  toArray(): number[][] | number[][][];
}

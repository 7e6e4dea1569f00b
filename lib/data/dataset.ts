import { InputError } from "../errors";
import { toNested } from "../tensor/arrays";
import type { Matrix } from "../tensor/matrix";
import type { Dataset, DatasetMeta, LabelSet } from "./types";

/**
 * A label set from per-condition values. Numbers are kept as they are; strings become class indices in
 * sorted order (numpy's `np.unique` order, as diffscore converts them) with the strings as class names.
 *
 *   labelSet("texture_type", ["texture", "noise", "noise"]);
 *   // { values: [1, 0, 0], classes: [0, 1], classNames: ["noise", "texture"] }
 */
export function labelSet(name: string, values: ArrayLike<number> | readonly string[]): LabelSet {
  const list = Array.from(values as ArrayLike<number | string>);
  if (list.every((v) => typeof v === "number")) {
    const numbers = list as number[];
    return { name, values: numbers, classes: [...new Set(numbers)].sort((a, b) => a - b) };
  }
  const strings = list.map(String);
  const classNames = [...new Set(strings)].sort();
  const index = new Map(classNames.map((s, k) => [s, k]));
  return { name, values: strings.map((s) => index.get(s) as number), classes: classNames.map((_, k) => k), classNames };
}

/**
 * Binary labels as diffscore makes them for Mante's and Siegel's stimulus values: 0 below the median
 * of the distinct values, 1 at or above it.
 *
 *   binarizeAtMedian([-3, -1, -1, 1, 3]);   // median of {−3, −1, 1, 3} is 0 → [0, 0, 0, 1, 1]
 */
export function binarizeAtMedian(values: readonly number[]): number[] {
  const unique = [...new Set(values)].sort((a, b) => a - b);
  const m = unique.length >> 1;
  const median = unique.length % 2 ? unique[m] : (unique[m - 1] + unique[m]) / 2;
  return values.map((v) => (v < median ? 0 : 1));
}

/**
 * The one constructor of a Dataset (real loaders, surrogates, toys, the user's own files): wraps
 * activity (flattened (T·C, N), row t·C + c, or 2-D (n, N)) with its shape, labels and metadata,
 * checking that every value is finite and every label has one value per condition. `meta.isSurrogate`
 * is set from `meta.source === "surrogate"`; `toArray()` gives the activity nested in `shape`.
 *
 *   makeDataset(X, [15, 72, 727], [labelSet("context", ctx)], { id: "Mante2013", source: "real", … });
 */
export function makeDataset(activity: Matrix, shape: number[], labels: LabelSet[], meta: Omit<DatasetMeta, "shape" | "isSurrogate">): Dataset {
  const conditions = shape.length === 3 ? shape[1] : shape[0];
  for (const label of labels) {
    if (label.values.length !== conditions)
      throw new InputError(`${meta.id}: label ${label.name}`, `${conditions} values (one per ${shape.length === 3 ? "condition" : "sample"})`, `got ${label.values.length}`);
    if (label.values.some((v) => !Number.isFinite(v))) throw new InputError(`${meta.id}: label ${label.name}`, "finite values", "got NaN or Inf");
  }
  for (let i = 0; i < activity.data.length; i++) {
    if (!Number.isFinite(activity.data[i])) {
      const row = Math.floor(i / activity.cols);
      throw new InputError(`${meta.id}: activity`, "finite values (no NaN or Inf)", `row ${row}, column ${i % activity.cols} is ${activity.data[i]}`);
    }
  }
  return {
    id: meta.id,
    activity,
    shape,
    labels: Object.fromEntries(labels.map((l) => [l.name, l])),
    meta: { ...meta, shape, isSurrogate: meta.source === "surrogate" },
    toArray: () => toNested(activity, shape),
  };
}


/**
 * The data of a run: a built-in dataset loaded by id/source/seed (kept in a small in-process cache, so
 * the keys and runs of a grid load each dataset once), or a user array identified by its content hash.
 *
 *   const X = loadOwnDataset("rec.npz");
 *   const ref = { array: arrayHash(X), name: "rec" };                    // a RunConfig dataset
 *   resolveDataset(ref, { [ref.array]: X }).shape;
 */
import { createHash } from "crypto";
import { labelSet, makeDataset } from "../data/dataset";
import { loadDataset } from "../data/datasets";
import { isDataset } from "../data/toys";
import type { Dataset } from "../data/types";
import { InputError } from "../errors";
import { ArrayInput, toFlat } from "../tensor/arrays";
import { withSingleThreadKernels } from "../tensor/matrix";
import type { ArrayRef, DatasetRef } from "./config";

/** User arrays by content hash (arrayHash), as passed to run() and sweep(). */
export type UserArrays = Record<string, ArrayInput | Dataset>;

/**
 * sha256 (hex) of an array's contents: its shape and its float64 values (little-endian, row-major);
 * for a Dataset also its labels (names in sorted order with their values), which decoding uses.
 *
 *   arrayHash([[1, 2], [3, 4]]);   // "…" 64 hex digits, the same for a Matrix or {data, shape} with these numbers
 */
export function arrayHash(x: ArrayInput | Dataset): string {
  const { matrix, shape } = isDataset(x) ? { matrix: x.activity, shape: x.shape } : toFlat(x, "array");
  const hash = createHash("sha256").update(`shape ${shape.join(",")}\n`);
  const bytes = Buffer.alloc(matrix.data.length * 8);
  matrix.data.forEach((v, i) => bytes.writeDoubleLE(v, i * 8));
  hash.update(bytes);
  if (isDataset(x))
    for (const name of Object.keys(x.labels).sort()) hash.update(`\nlabel ${name} ${x.labels[name].values.join(",")}`);
  return hash.digest("hex");
}

const CACHE_SIZE = 8;
const cache = new Map<string, Dataset>();

/**
 * The Dataset of a run config's `dataset`: loadDataset(id, { source, seed }) (quiet; with the native
 * kernels pinned to one thread, so a generated surrogate has the same bits in every process), or the
 * user array whose hash is `ref.array` from `arrays` (checked against its hash; a bare array becomes a
 * Dataset without labels). Throws an InputError when the array is not given or does not match.
 *
 *   resolveDataset({ id: "toy2d", source: "auto", seed: 0 }).shape;    // [10, 6, 2]
 */
export function resolveDataset(ref: DatasetRef | ArrayRef, arrays: UserArrays = {}): Dataset {
  if ("array" in ref) return userDataset(ref, arrays);
  const cacheKey = JSON.stringify([ref.id, ref.source ?? "auto", ref.seed ?? 0]);
  const hit = cache.get(cacheKey);
  if (hit) {
    cache.delete(cacheKey);
    cache.set(cacheKey, hit); // most recently used last
    return hit;
  }
  const dataset = withSingleThreadKernels(() => loadDataset(ref.id, { source: ref.source ?? "auto", seed: ref.seed ?? 0, quiet: true }));
  cache.set(cacheKey, dataset);
  if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value as string);
  return dataset;
}

function userDataset(ref: ArrayRef, arrays: UserArrays): Dataset {
  const x = arrays[ref.array];
  if (x === undefined) throw new InputError("arrays", `the user array with hash ${ref.array} (pass it as arrays: { [hash]: X })`, "not given");
  const hash = arrayHash(x);
  if (hash !== ref.array) throw new InputError(`arrays["${ref.array.slice(0, 12)}…"]`, `an array whose arrayHash is ${ref.array}`, `its hash is ${hash}`);
  if (isDataset(x)) return x;
  const { matrix, shape } = toFlat(x, "array");
  const name = ref.name ?? ref.array.slice(0, 12);
  return makeDataset(matrix, shape, [], { id: name, source: "user", units: "user units", preprocessing: "none", citation: "user array" });
}

/** User arrays in a form that crosses process boundaries (structured clone keeps no classes or functions). */
export type PortableArrays = Record<string, { data: Float64Array; shape: number[]; labels?: Record<string, number[]>; name: string }>;

/**
 * The user arrays as plain data for a worker process (flat float64 values, shape, a Dataset's labels);
 * fromPortable rebuilds them with the same arrayHash.
 *
 *   worker.send({ arrays: toPortable(arrays) });   // in the worker: fromPortable(message.arrays)
 */
export function toPortable(arrays: UserArrays): PortableArrays {
  const out: PortableArrays = {};
  for (const [hash, x] of Object.entries(arrays)) {
    if (isDataset(x)) {
      const labels = Object.fromEntries(Object.entries(x.labels).map(([name, l]) => [name, [...l.values]]));
      out[hash] = { data: x.activity.data, shape: [...x.shape], labels, name: x.id };
    } else {
      const { matrix, shape } = toFlat(x, "array");
      out[hash] = { data: matrix.data, shape, name: hash.slice(0, 12) };
    }
  }
  return out;
}

/**
 * The inverse of toPortable: {data, shape} arrays, and Datasets (source "user") where labels were given.
 *
 *   const arrays = fromPortable(message.arrays);   // arrayHash(arrays[h]) === h for every h
 */
export function fromPortable(portable: PortableArrays): UserArrays {
  const out: UserArrays = {};
  for (const [hash, p] of Object.entries(portable)) {
    if (!p.labels) {
      out[hash] = { data: p.data, shape: p.shape };
      continue;
    }
    const { matrix, shape } = toFlat({ data: p.data, shape: p.shape }, "array");
    const labels = Object.entries(p.labels).map(([name, values]) => labelSet(name, values));
    out[hash] = makeDataset(matrix, shape, labels, { id: p.name, source: "user", units: "user units", preprocessing: "none", citation: "user array" });
  }
  return out;
}

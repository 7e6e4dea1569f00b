import { InputError } from "../errors";
import { Matrix } from "./matrix";

/**
 * Everything the public API accepts as a data array: nested number arrays (2-D samples × features or
 * 3-D time × conditions × neurons), a tfjs tensor, a Matrix, a flat typed array with its shape, or a
 * loaded dataset (anything with the flattened `activity` Matrix and its original `shape`).
 */
export type ArrayInput = number[][] | number[][][] | Matrix | TensorLike | ShapedArray | ActivityLike;

/** The part of a tfjs tensor the library reads (duck-typed, so this file needs no tfjs import). */
export interface TensorLike {
  shape: number[];
  dataSync(): ArrayLike<number>;
}

/** A flat row-major array with its shape. */
export interface ShapedArray {
  data: ArrayLike<number>;
  shape: readonly number[];
}

/** A loaded dataset as far as arrays go (lib/data `Dataset` is one): the (T·C, N) matrix and the shape [T, C, N] or [n, N]. */
export interface ActivityLike {
  activity: Matrix;
  shape: readonly number[];
}

/** An input after conversion: the row-major 2-D matrix and the shape it came in. */
export interface Flat {
  matrix: Matrix;
  /** Original shape: [n, N] or [T, C, N]. Row t·C + c of the matrix is (t, c) of a 3-D input. */
  shape: number[];
}

function isTensorLike(x: unknown): x is TensorLike {
  return typeof x === "object" && x !== null && typeof (x as TensorLike).dataSync === "function" && Array.isArray((x as TensorLike).shape);
}

function isActivityLike(x: unknown): x is ActivityLike {
  return typeof x === "object" && x !== null && "activity" in x && "shape" in x;
}

function isShaped(x: unknown): x is ShapedArray {
  return typeof x === "object" && x !== null && !Array.isArray(x) && "data" in x && "shape" in x && !(x instanceof Matrix);
}

/**
 * Convert and validate a data argument, flattening 3-D (T, C, N) to (T·C, N) row-major (a dataset's
 * `activity` already is; its data are used without a copy, like a Matrix's).
 * Throws InputError naming `name` for a wrong rank, ragged rows, an empty array or a NaN/Inf entry.
 *
 *   const { matrix, shape } = toFlat([[[1, 2]], [[3, 4]]], "X"); // matrix 2×2, shape [2, 1, 2]
 *   toFlat(loadDataset("Mante2013"), "X").shape;                 // [15, 72, 727]
 */
export function toFlat(input: ArrayInput, name: string): Flat {
  let data: Float64Array;
  let shape: number[];
  if (input instanceof Matrix) {
    data = input.data;
    shape = [input.rows, input.cols];
  } else if (isTensorLike(input)) {
    shape = input.shape.slice();
    data = Float64Array.from(input.dataSync());
  } else if (isActivityLike(input)) {
    if (!(input.activity instanceof Matrix) || !Array.isArray(input.shape))
      throw new InputError(name, "a dataset with an `activity` Matrix and a `shape` array", `got activity ${typeof input.activity}, shape ${typeof input.shape}`);
    shape = Array.from(input.shape);
    data = input.activity.data;
    const size = shape.reduce((a, b) => a * b, 1);
    if (data.length !== size) throw new InputError(name, `an activity of ${size} values for shape [${shape}]`, `got ${data.length}`);
  } else if (isShaped(input)) {
    shape = Array.from(input.shape);
    data = input.data instanceof Float64Array ? input.data : Float64Array.from(input.data);
    const size = shape.reduce((a, b) => a * b, 1);
    if (data.length !== size) throw new InputError(name, `${size} values for shape [${shape}]`, `got ${data.length}`);
  } else if (Array.isArray(input)) {
    ({ data, shape } = fromNested(input, name));
  } else {
    throw new InputError(name, "a 2-D or 3-D nested number array, a tfjs tensor, a Matrix or {data, shape}", `got ${typeof input}`);
  }
  if (shape.length !== 2 && shape.length !== 3)
    throw new InputError(name, "a 2-D (samples × features) or 3-D (time × conditions × neurons) array", `got rank ${shape.length} with shape [${shape}]`);
  if (shape.some((s) => s === 0)) throw new InputError(name, "a non-empty array", `got shape [${shape}]`);
  for (let i = 0; i < data.length; i++)
    if (!Number.isFinite(data[i])) {
      const idx = unravel(i, shape);
      throw new InputError(name, "finite values (no NaN or Inf)", `entry [${idx}] is ${data[i]}`);
    }
  const cols = shape[shape.length - 1];
  const rows = data.length / cols;
  return { matrix: new Matrix(rows, cols, data), shape };
}

function fromNested(input: unknown[], name: string): { data: Float64Array; shape: number[] } {
  const shape: number[] = [];
  let level: unknown = input;
  while (Array.isArray(level)) {
    shape.push(level.length);
    if (level.length === 0) break;
    level = level[0];
  }
  const size = shape.reduce((a, b) => a * b, 1);
  const data = new Float64Array(size);
  let k = 0;
  const walk = (node: unknown, depth: number, path: number[]) => {
    if (depth === shape.length) {
      if (typeof node !== "number") throw new InputError(name, "numbers", `entry [${path}] is ${typeof node}`);
      data[k++] = node;
      return;
    }
    if (!Array.isArray(node) || node.length !== shape[depth])
      throw new InputError(name, `a rectangular array of shape [${shape}]`, `entry [${path}] has ${Array.isArray(node) ? `length ${node.length}` : "no array"}`);
    for (let i = 0; i < node.length; i++) walk(node[i], depth + 1, [...path, i]);
  };
  walk(input, 0, []);
  return { data, shape };
}

function unravel(i: number, shape: number[]): number[] {
  const idx: number[] = [];
  for (let d = shape.length - 1; d >= 0; d--) {
    idx.unshift(i % shape[d]);
    i = Math.floor(i / shape[d]);
  }
  return idx;
}

/** A flat matrix back in an original shape, as nested number arrays. */
export function toNested(m: Matrix, shape: readonly number[]): number[][] | number[][][] {
  if (shape.length === 2) return m.toRows();
  const [T, C, N] = shape;
  const out: number[][][] = [];
  for (let t = 0; t < T; t++) {
    const block: number[][] = [];
    for (let c = 0; c < C; c++) {
      const r = t * C + c;
      block.push(Array.from(m.data.subarray(r * N, (r + 1) * N)));
    }
    out.push(block);
  }
  return out;
}

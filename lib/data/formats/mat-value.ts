import { InputError } from "../../errors";

/**
 * A MATLAB value as read from a .mat file (v5/v7 or v7.3), independent of the file format.
 * Arrays keep MATLAB's dimensions and column-major element order: element (i, j) of an m×n array is
 * `data[i + j·m]`.
 */
export type MatValue = MatNumeric | MatChar | MatCell | MatStruct;

/** A numeric or logical array, converted to float64 (int64 beyond 2^53 loses precision). */
export interface MatNumeric {
  kind: "numeric";
  /** MATLAB class name: "double", "single", "int32", "uint8", "logical", … */
  matlabClass: string;
  dims: number[];
  data: Float64Array;
  /** Imaginary part of a complex array. */
  imag?: Float64Array;
}

/** A char array; `text` is its characters in column-major order (for a 1×n row, the string itself). */
export interface MatChar {
  kind: "char";
  dims: number[];
  text: string;
}

/** A cell array; `items` in column-major order. */
export interface MatCell {
  kind: "cell";
  dims: number[];
  items: MatValue[];
}

/** A struct array; `items[k][field]` is field `field` of element k (column-major). */
export interface MatStruct {
  kind: "struct";
  dims: number[];
  fields: string[];
  items: Record<string, MatValue>[];
}

/** The variables of one .mat file by name. */
export type MatFile = Record<string, MatValue>;

/** Number of elements of a MATLAB array with dimensions `dims`. */
export function matNumel(dims: readonly number[]): number {
  return dims.reduce((a, b) => a * b, 1);
}

/**
 * Field `name` of a scalar struct (or of element 0 of a struct array); throws InputError naming `where`.
 *
 *   const unit = matField(file.unit, "response", "unit");
 */
export function matField(value: MatValue | undefined, name: string, where: string): MatValue {
  if (!value || value.kind !== "struct" || value.items.length === 0)
    throw new InputError(where, `a MATLAB struct with a field '${name}'`, `got ${describeMat(value)}`);
  const field = value.items[0][name];
  if (!field) throw new InputError(`${where}.${name}`, "a field of the struct", `fields are ${value.fields.join(", ")}`);
  return field;
}

/**
 * The elements of a numeric array in column-major order; throws InputError naming `where` otherwise.
 *
 *   matNumbers(task.stim_dir, "task_variable.stim_dir");   // Float64Array, one value per trial
 */
export function matNumbers(value: MatValue | undefined, where: string): Float64Array {
  if (!value || value.kind !== "numeric") throw new InputError(where, "a numeric MATLAB array", `got ${describeMat(value)}`);
  return value.data;
}

/**
 * A numeric 2-D array as row-major rows (MATLAB's m×n → m rows of n); throws InputError unless 2-D.
 *
 *   const response = matRows(unit.response, "unit.response");   // [trial][sample]
 */
export function matRows(value: MatValue | undefined, where: string): Float64Array[] {
  const data = matNumbers(value, where);
  const dims = (value as MatNumeric).dims;
  if (dims.length !== 2) throw new InputError(where, "a 2-D numeric array", `got dimensions [${dims}]`);
  const [m, n] = dims;
  const rows: Float64Array[] = [];
  for (let i = 0; i < m; i++) {
    const row = new Float64Array(n);
    for (let j = 0; j < n; j++) row[j] = data[i + j * m];
    rows.push(row);
  }
  return rows;
}

/** A short description of a MATLAB value for error messages, e.g. "double [2043×751]". */
export function describeMat(value: MatValue | undefined): string {
  if (!value) return "nothing";
  const dims = value.dims.join("×");
  if (value.kind === "numeric") return `${value.matlabClass} [${dims}]`;
  return `${value.kind} [${dims}]`;
}

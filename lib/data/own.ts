import { basename, extname } from "path";
import { InputError, optionsObject, received } from "../errors";
import { toFlat } from "../tensor/arrays";
import { ARRAY_FILE_EXTENSIONS, readArrayFile } from "./formats/array-file";
import { csvNumber, readCsv } from "./formats/csv";
import { NdArray } from "./formats/npy";
import { labelSet, makeDataset } from "./dataset";
import type { Dataset, LabelSet } from "./types";

/** Options of `loadOwnDataset`. */
export interface OwnDatasetOptions {
  /** Dataset id (default: the file name without extension). */
  id?: string;
  /** Name of the activity array in a .npz/.h5/.json file (default "X", else "activity", else the only array with ≥ 2 dimensions). */
  activity?: string;
  /** Reshape 2-D activity of T·C rows (row t·C + c) to [T, C, N], e.g. for CSV files. */
  shape?: [number, number, number];
  /**
   * Labels: names of arrays (or CSV columns) to use, or the values themselves by name. Default: every
   * other 1-D array except `time` (npz/h5/json; JSON keys under "labels" lose that prefix), or every
   * label column (CSV). Each must have one value per condition (3-D) or per sample (2-D).
   */
  labels?: string[] | Record<string, ArrayLike<number> | string[]>;
  /**
   * CSV: columns holding labels rather than features. Other columns are features, except columns with
   * no number at all (text labels); a column mixing numbers and text is refused. Every feature cell must
   * be a finite number: a blank, `nan`, `inf` or `1e999` cell is an InputError naming the row and column.
   */
  labelColumns?: string[];
  /** A separate .csv/.npz/.h5/.json file with the label columns or arrays. */
  labelsPath?: string;
  /** Unit of the activity values, shown in the metadata (default "user units"). */
  units?: string;
  /** Where the data come from, shown in the metadata. */
  citation?: string;
}

/**
 * Loads your own recordings as a Dataset (source "user"): activity of shape (samples, neurons) or
 * (time, conditions, neurons) plus per-condition labels, from .npy, .npz, .h5/.hdf5, .csv or .json.
 * Everything is validated: the activity must be numeric, 2-D or 3-D and free of NaN/Inf, every label
 * must have one value per condition (3-D) or per sample (2-D); string labels become class indices in
 * sorted order with their names kept. Errors are InputErrors naming the file and the array or column.
 *
 *   loadOwnDataset("recording.npz");                                   // arrays X (T, C, N) + labels
 *   loadOwnDataset("X.npy", { labels: { context: [1, -1, 1, -1] } });
 *   loadOwnDataset("table.csv", { labelColumns: ["stimulus"], shape: [10, 4, 50] });
 */
export function loadOwnDataset(path: string, opts?: OwnDatasetOptions): Dataset {
  const options = optionsObject(opts, "options");
  if (typeof path !== "string") throw new InputError("path", "the path of a data file", `got ${received(path)}`);
  const ext = extname(path).toLowerCase();
  if (ext !== ".csv" && !ARRAY_FILE_EXTENSIONS.includes(ext))
    throw new InputError("path", `a file ending in ${[...ARRAY_FILE_EXTENSIONS, ".csv"].join(", ")}`, `got ${path}`);
  const { activity, field, shape, named } =
    ext === ".csv" ? fromCsv(path, options) : fromArrays(path, readArrayFile(path), options);
  const { matrix } = toFlat({ data: activity, shape }, `${path}: ${field}`);
  const conditions = shape.length === 3 ? shape[1] : shape[0];
  const fromFile = options.labelsPath ? labelsFromFile(options.labelsPath, conditions, options) : named;
  const labels = chooseLabels(fromFile, options.labels, conditions, options.labelsPath ?? path);
  const id = options.id ?? basename(path, extname(path));
  return makeDataset(matrix, shape, labels, {
    id,
    source: "user",
    units: options.units ?? "user units",
    preprocessing: `loaded from ${basename(path)} (${field}) without changes`,
    citation: options.citation ?? "user-provided data",
  });
}

interface Loaded {
  activity: Float64Array;
  field: string;
  shape: number[];
  /** Candidate label columns/arrays found next to the activity, by name. */
  named: Record<string, NdArray>;
}

function fromArrays(path: string, arrays: Record<string, NdArray>, options: OwnDatasetOptions): Loaded {
  const names = Object.keys(arrays);
  const field =
    options.activity ??
    ["X", "activity"].find((n) => n in arrays) ??
    (names.filter((n) => arrays[n].shape.length >= 2).length === 1 ? names.find((n) => arrays[n].shape.length >= 2) : undefined);
  if (!field || !arrays[field]) {
    throw new InputError(path, `an activity array (named ${options.activity ? `'${options.activity}'` : "'X' or 'activity'"})`, `arrays are ${names.join(", ") || "none"}`);
  }
  const array = arrays[field];
  if (!(array.values instanceof Float64Array)) throw new InputError(`${path}: ${field}`, "numbers", "got strings");
  const shape = reshape(array.shape, options.shape, `${path}: ${field}`);
  const named = Object.fromEntries(
    Object.entries(arrays)
      .filter(([n]) => n !== field && n !== "time")
      .map(([n, a]) => [n.replace(/^labels\//, ""), a]),
  );
  return { activity: array.values, field, shape, named };
}

function fromCsv(path: string, options: OwnDatasetOptions): Loaded {
  const { header, rows } = readCsv(path);
  if (rows.length === 0) throw new InputError(path, "at least one data row", "only a header");
  const given = options.labelColumns ?? [];
  if (!Array.isArray(given) || given.some((name) => typeof name !== "string"))
    throw new InputError("labelColumns", "a list of column names", `got ${received(given)}`);
  for (const name of given) if (!header.includes(name)) throw new InputError(`${path}: labelColumns`, `columns of the file (${header.join(", ")})`, `no column '${name}'`);
  const isLabel = header.map((name, j) => given.includes(name) || isTextColumn(rows, j, `${path}: column '${name}'`));
  const features = header.map((_, j) => j).filter((j) => !isLabel[j]);
  if (features.length === 0) throw new InputError(path, "at least one numeric feature column", "none");
  const activity = new Float64Array(rows.length * features.length);
  rows.forEach((row, i) =>
    features.forEach((j, k) => {
      const value = csvNumber(row[j]);
      const where = `${path}: column '${header[j]}'`;
      if (value === null) throw new InputError(where, "a number in every row", `row ${i + 2} is empty`);
      if (!Number.isFinite(value)) throw new InputError(where, "finite numbers (no NaN or Inf)", `row ${i + 2} is ${received(row[j].trim())}`);
      activity[i * features.length + k] = value;
    }),
  );
  const shape = reshape([rows.length, features.length], options.shape, `${path}: feature columns`);
  const named: Record<string, NdArray> = {};
  header.forEach((name, j) => {
    if (isLabel[j]) named[name] = csvLabels(rows.map((r) => r[j]), `${path}: column '${name}'`);
  });
  return { activity, field: "feature columns", shape, named: shape.length === 3 ? perCondition(named, shape, path) : named };
}

/**
 * True when column j holds text labels: none of its non-blank cells is a number. A column with
 * numbers in some rows and text in others is an InputError (row numbers count the header as row 1).
 */
function isTextColumn(rows: string[][], j: number, where: string): boolean {
  const firstNumber = rows.findIndex((r) => csvNumber(r[j]) !== null);
  const firstText = rows.findIndex((r) => r[j].trim() !== "" && csvNumber(r[j]) === null);
  if (firstText < 0) return false;
  if (firstNumber < 0) return true;
  throw new InputError(
    where,
    "numbers in every row (a feature) or text in every row (a label; name numeric label columns in labelColumns)",
    `row ${firstNumber + 2} is ${received(rows[firstNumber][j].trim())} but row ${firstText + 2} is ${received(rows[firstText][j].trim())}`,
  );
}

/** A CSV label column: numbers when every cell is one, else the trimmed strings; blank cells are refused. */
function csvLabels(column: string[], where: string): NdArray {
  const blank = column.findIndex((v) => v.trim() === "");
  if (blank >= 0) throw new InputError(where, "a label in every row", `row ${blank + 2} is empty`);
  const numbers = column.map(csvNumber);
  return { shape: [column.length], values: numbers.every((v) => v !== null) ? Float64Array.from(numbers as number[]) : column.map((v) => v.trim()) };
}

/** CSV rows are (t, c) pairs: a label column must repeat the same value for a condition at every t. */
function perCondition(named: Record<string, NdArray>, shape: number[], path: string): Record<string, NdArray> {
  const [T, C] = shape;
  const out: Record<string, NdArray> = {};
  for (const [name, column] of Object.entries(named)) {
    const values = column.values;
    for (let t = 1; t < T; t++)
      for (let c = 0; c < C; c++)
        if (values[t * C + c] !== values[c]) throw new InputError(`${path}: ${name}`, `the same label for condition ${c} at every time step`, `row ${t * C + c + 2} differs from row ${c + 2}`);
    out[name] = { shape: [C], values: values instanceof Float64Array ? values.slice(0, C) : values.slice(0, C) };
  }
  return out;
}

function labelsFromFile(path: string, conditions: number, options: OwnDatasetOptions): Record<string, NdArray> {
  if (extname(path).toLowerCase() !== ".csv") return readArrayFile(path);
  const { header, rows } = readCsv(path);
  if (rows.length !== conditions) throw new InputError(path, `${conditions} rows (one per condition)`, `got ${rows.length}`);
  const wanted = Array.isArray(options.labels) ? options.labels : header;
  return Object.fromEntries(
    header
      .map((name, j) => [name, rows.map((r) => r[j])] as const)
      .filter(([name]) => wanted.includes(name))
      .map(([name, column]) => [name, csvLabels(column, `${path}: column '${name}'`)]),
  );
}

function chooseLabels(
  found: Record<string, NdArray>,
  requested: OwnDatasetOptions["labels"],
  conditions: number,
  where: string,
): LabelSet[] {
  if (requested && !Array.isArray(requested)) {
    return Object.entries(requested).map(([name, values]) => checkedLabel(name, Array.from(values as ArrayLike<number | string>), conditions, `labels.${name}`));
  }
  const names: string[] = (requested as string[] | undefined) ?? Object.keys(found).filter((n) => found[n].shape.length === 1);
  return names.map((name) => {
    const array = found[name];
    if (!array) throw new InputError(`${where}: labels`, `an array or column named '${name}'`, `found ${Object.keys(found).join(", ") || "none"}`);
    if (array.shape.length > 1 && array.shape.some((s, k) => k > 0 && s !== 1))
      throw new InputError(`${where}: ${name}`, "a 1-D label array", `got shape [${array.shape}]`);
    return checkedLabel(name, Array.from(array.values as ArrayLike<number | string>), conditions, `${where}: ${name}`);
  });
}

function checkedLabel(name: string, values: (number | string)[], conditions: number, where: string): LabelSet {
  if (values.length !== conditions) throw new InputError(where, `${conditions} values (one per condition or sample)`, `got ${values.length}`);
  const bad = values.findIndex((v) => (typeof v === "number" ? !Number.isFinite(v) : typeof v !== "string"));
  if (bad >= 0) throw new InputError(where, "finite numbers or strings", `entry ${bad} is ${values[bad]}`);
  if (values.some((v) => typeof v === "string") && values.some((v) => typeof v === "number"))
    throw new InputError(where, "labels that are all numbers or all strings", "a mix of both");
  return labelSet(name, values as number[] | string[]);
}

function reshape(shape: number[], wanted: number[] | undefined, where: string): number[] {
  if (wanted !== undefined) {
    if (!Array.isArray(wanted) || wanted.length !== 3 || !wanted.every((s) => Number.isSafeInteger(s) && s >= 1))
      throw new InputError(`${where} (option shape)`, "[T, C, N]: three positive integers", `got ${received(wanted)}`);
    const size = shape.reduce((a, b) => a * b, 1);
    const target = wanted.reduce((a, b) => a * b, 1);
    if (wanted.length !== 3 || target !== size || wanted[2] !== shape[shape.length - 1])
      throw new InputError(`${where} (option shape)`, `[T, C, N] with T·C·N = ${size} and N = ${shape[shape.length - 1]}`, `got [${wanted}]`);
    return wanted.slice();
  }
  return shape.slice();
}

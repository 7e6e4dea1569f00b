import { basename, extname } from "path";
import { InputError } from "../../errors";
import { withHdf5File } from "./hdf5";
import { readInputFile, requireFile } from "./input-file";
import { NdArray, readNpy, readNpz } from "./npy";

/** File extensions `readArrayFile` understands. */
export const ARRAY_FILE_EXTENSIONS = [".npy", ".npz", ".h5", ".hdf5", ".json"];

/**
 * Reads every named array of a file: `.npy` (one array, named after the file), `.npz` (each member),
 * `.h5`/`.hdf5` (each dataset, named by its path without the leading "/"), `.json` (each top-level key
 * holding a number, a string or a rectangular nested array of them; nested objects are walked with
 * "/"-joined names). Arrays are row-major (C order).
 *
 *   const arrays = readArrayFile("siegel15_FEF.h5");   // { activity: {shape:[11,43,512], values}, context: … }
 */
export function readArrayFile(path: string): Record<string, NdArray> {
  requireFile(path, `a ${ARRAY_FILE_EXTENSIONS.join(", ")} file`);
  const ext = extname(path).toLowerCase();
  if (ext === ".npy") return { [basename(path, extname(path))]: readNpy(path) };
  if (ext === ".npz") return readNpz(path);
  if (ext === ".h5" || ext === ".hdf5") return readHdf5Arrays(path);
  if (ext === ".json") return readJsonArrays(path);
  throw new InputError("path", `a file ending in ${ARRAY_FILE_EXTENSIONS.join(", ")}`, `got ${path}`);
}

function readHdf5Arrays(path: string): Record<string, NdArray> {
  return withHdf5File(path, (file) => {
    const out: Record<string, NdArray> = {};
    for (const node of file.tree()) {
      if (node.kind !== "dataset") continue;
      const { shape, value } = file.read(node.path);
      const name = node.path.replace(/^\//, "");
      if (Array.isArray(value) && value.every((v) => typeof v === "string")) out[name] = { shape, values: value as string[] };
      else if (ArrayBuffer.isView(value)) out[name] = { shape, values: Float64Array.from(value as unknown as ArrayLike<number>) };
      else if (typeof value === "number") out[name] = { shape: [], values: Float64Array.of(value) };
    }
    return out;
  });
}

function readJsonArrays(path: string): Record<string, NdArray> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readInputFile(path, "a JSON file").toString("utf8"));
  } catch (error) {
    throw new InputError(path, "valid JSON", (error as Error).message);
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) throw new InputError(path, "a JSON object of named arrays", `got ${Array.isArray(parsed) ? "an array" : typeof parsed}`);
  const out: Record<string, NdArray> = {};
  const walk = (node: Record<string, unknown>, prefix: string) => {
    for (const [key, value] of Object.entries(node)) {
      const name = prefix + key;
      if (typeof value === "object" && value !== null && !Array.isArray(value)) walk(value as Record<string, unknown>, `${name}/`);
      else out[name] = nestedToArray(value, `${path}:${name}`);
    }
  };
  walk(parsed as Record<string, unknown>, "");
  return out;
}

/** A number, a string or a rectangular nested array of either, as a flat row-major NdArray (null → NaN). */
function nestedToArray(value: unknown, where: string): NdArray {
  const shape: number[] = [];
  for (let level = value; Array.isArray(level); level = level[0]) {
    shape.push(level.length);
    if (level.length === 0) break;
  }
  const flat: unknown[] = [];
  const walk = (node: unknown, depth: number, path: number[]) => {
    if (depth === shape.length) {
      if (Array.isArray(node)) throw new InputError(where, `a rectangular array of shape [${shape}]`, `entry [${path}] is nested deeper`);
      flat.push(node);
      return;
    }
    if (!Array.isArray(node) || node.length !== shape[depth])
      throw new InputError(where, `a rectangular array of shape [${shape}]`, `entry [${path}] has ${Array.isArray(node) ? `length ${node.length}` : "no array"}`);
    node.forEach((child, i) => walk(child, depth + 1, [...path, i]));
  };
  walk(value, 0, []);
  if (flat.length > 0 && flat.every((v) => typeof v === "string")) return { shape, values: flat as string[] };
  const values = new Float64Array(flat.length);
  flat.forEach((v, i) => {
    if (v === null) values[i] = NaN;
    else if (typeof v === "number") values[i] = v;
    else throw new InputError(where, "numbers (or only strings)", `entry ${i} is ${JSON.stringify(v)}`);
  });
  return { shape, values };
}

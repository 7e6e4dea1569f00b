import { InputError } from "../../errors";
import { readInputFile, requireFile } from "./input-file";
import { withZipArchive } from "./zip";

/** An n-d array in row-major (C) order: numbers as float64, or strings (numpy unicode/bytes arrays). */
export interface NdArray {
  shape: number[];
  values: Float64Array | string[];
}

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // \x93NUMPY
const LITTLE_ENDIAN = new Uint8Array(new Float64Array([1]).buffer)[7] === 0x3f;

/**
 * Parses a numpy `.npy` file (format versions 1–3): bool, (u)int8–64, float16/32/64 in either byte
 * order, fixed-width unicode ('U') and bytes ('S') strings; Fortran-order arrays are returned in C order.
 * Object arrays (pickles) are refused with an InputError. `where` names the file in errors.
 *
 *   const a = parseNpy(fs.readFileSync("X.npy"), "X.npy");   // { shape: [15, 72, 727], values: Float64Array }
 */
export function parseNpy(bytes: Uint8Array, where: string): NdArray {
  if (bytes.length < 10 || MAGIC.some((b, i) => bytes[i] !== b)) throw new InputError(where, "a .npy file (starting with \\x93NUMPY)", "a different file");
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const major = bytes[6];
  const headerLength = major === 1 ? view.getUint16(8, true) : view.getUint32(8, true);
  const headerStart = major === 1 ? 10 : 12;
  const header = Buffer.from(bytes.subarray(headerStart, headerStart + headerLength)).toString(major === 3 ? "utf8" : "latin1");
  const descr = /'descr'\s*:\s*'([^']*)'/.exec(header)?.[1];
  const fortran = /'fortran_order'\s*:\s*True/.test(header);
  const shapeText = /'shape'\s*:\s*\(([^)]*)\)/.exec(header)?.[1];
  if (descr === undefined || shapeText === undefined) throw new InputError(where, "a .npy header with descr and shape", `got ${header.trim()}`);
  const dims = shapeText.split(",").map((s) => s.trim()).filter((s) => s.length > 0);
  // numpy writes plain decimal integers (Python 2 files may add an L suffix)
  if (dims.some((d) => !/^\d+L?$/.test(d))) throw new InputError(where, "a .npy header whose shape holds non-negative integers", `got shape (${shapeText.trim()})`);
  const shape = dims.map((d) => parseInt(d, 10));
  const count = shape.reduce((a, b) => a * b, 1);
  if (!Number.isSafeInteger(count)) throw new InputError(where, "a .npy shape with fewer than 2^53 entries", `got shape (${shapeText.trim()})`);
  const body = bytes.subarray(headerStart + headerLength);
  const values = decode(descr, body, count, where);
  return { shape, values: fortran ? toCOrder(values, shape) : values };
}

/**
 * Encodes a float64 array as a `.npy` file (format 1.0, little-endian '<f8', C order), the inverse of
 * parseNpy for numbers: np.load reads it back bit for bit.
 *
 *   fs.writeFileSync("Y.npy", encodeNpy([10, 6, 2], Y.data));
 */
export function encodeNpy(shape: readonly number[], values: Float64Array): Uint8Array {
  const count = shape.reduce((a, b) => a * b, 1);
  if (shape.some((s) => !(Number.isInteger(s) && s >= 0)) || count !== values.length)
    throw new InputError("shape", `non-negative integer sizes whose product is the number of values (${values.length})`, `got [${shape}]`);
  const dims = shape.length === 1 ? `${shape[0]},` : shape.join(", ");
  let header = `{'descr': '<f8', 'fortran_order': False, 'shape': (${dims}), }`;
  header += " ".repeat(63 - ((10 + header.length) % 64)) + "\n"; // pad so the data start at a multiple of 64
  const out = new Uint8Array(10 + header.length + values.length * 8);
  out.set(MAGIC, 0);
  out[6] = 1;
  const view = new DataView(out.buffer);
  view.setUint16(8, header.length, true);
  out.set(Buffer.from(header, "latin1"), 10);
  const body = 10 + header.length;
  if (LITTLE_ENDIAN) out.set(new Uint8Array(values.buffer, values.byteOffset, values.byteLength), body); // the bytes as they are
  else for (let i = 0; i < values.length; i++) view.setFloat64(body + i * 8, values[i], true);
  return out;
}

/**
 * Reads a `.npy` file from disk.
 *
 *   const X = readNpy("X.npy");
 */
export function readNpy(path: string): NdArray {
  return parseNpy(readInputFile(path, "a .npy file"), path);
}

/**
 * Reads every array of a `.npz` archive (`np.savez` / `np.savez_compressed`), keyed by name without `.npy`.
 *
 *   const { X, context } = readNpz("mydata.npz");
 */
export function readNpz(path: string): Record<string, NdArray> {
  return withZipArchive(requireFile(path, "a .npz archive"), (zip) => {
    const out: Record<string, NdArray> = {};
    for (const entry of zip.entries) {
      if (!entry.name.endsWith(".npy")) continue;
      out[entry.name.slice(0, -4)] = parseNpy(zip.read(entry), `${path}:${entry.name}`);
    }
    return out;
  });
}

function decode(descr: string, body: Uint8Array, count: number, where: string): Float64Array | string[] {
  const order = descr[0];
  const little = order !== ">";
  const kind = descr[1];
  // the number in the descr counts bytes, except for unicode strings where it counts 4-byte characters
  const size = Number(descr.slice(2)) * (kind === "U" ? 4 : 1);
  if (kind === "O") throw new InputError(where, "a numeric or string array", "an object array (pickled); save it with numeric dtype");
  if (body.length < count * size) throw new InputError(where, `${count * size} bytes of data for dtype ${descr}`, `got ${body.length}`);
  const view = new DataView(body.buffer, body.byteOffset, body.byteLength);
  if (kind === "U" || kind === "S") {
    const strings: string[] = [];
    for (let i = 0; i < count; i++) {
      let s = "";
      if (kind === "S") s = Buffer.from(body.subarray(i * size, (i + 1) * size)).toString("utf8");
      else for (let k = 0; k < size / 4; k++) s += String.fromCodePoint(view.getUint32(i * size + k * 4, little));
      strings.push(s.replace(/\0+$/, "")); // numpy pads fixed-width strings with NULs
    }
    return strings;
  }
  const read = reader(kind, size, view, little);
  if (!read) throw new InputError(where, "a bool, integer or float dtype", `dtype ${descr}`);
  const out = new Float64Array(count);
  for (let i = 0; i < count; i++) out[i] = read(i * size);
  return out;
}

function reader(kind: string, size: number, v: DataView, le: boolean): ((offset: number) => number) | null {
  if (kind === "b" && size === 1) return (o) => v.getUint8(o);
  if (kind === "i") {
    if (size === 1) return (o) => v.getInt8(o);
    if (size === 2) return (o) => v.getInt16(o, le);
    if (size === 4) return (o) => v.getInt32(o, le);
    if (size === 8) return (o) => Number(v.getBigInt64(o, le));
  }
  if (kind === "u") {
    if (size === 1) return (o) => v.getUint8(o);
    if (size === 2) return (o) => v.getUint16(o, le);
    if (size === 4) return (o) => v.getUint32(o, le);
    if (size === 8) return (o) => Number(v.getBigUint64(o, le));
  }
  if (kind === "f") {
    if (size === 2) return (o) => halfToNumber(v.getUint16(o, le));
    if (size === 4) return (o) => v.getFloat32(o, le);
    if (size === 8) return (o) => v.getFloat64(o, le);
  }
  return null;
}

function halfToNumber(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const exponent = (h >> 10) & 0x1f;
  const fraction = h & 0x3ff;
  if (exponent === 0) return sign * 2 ** -14 * (fraction / 1024);
  if (exponent === 31) return fraction ? NaN : sign * Infinity;
  return sign * 2 ** (exponent - 15) * (1 + fraction / 1024);
}

/** Reorders a Fortran-order (column-major) flat array into C order. */
function toCOrder<T extends Float64Array | string[]>(values: T, shape: number[]): T {
  const count = values.length;
  const out = (values instanceof Float64Array ? new Float64Array(count) : new Array<string>(count)) as T;
  const index = new Array<number>(shape.length).fill(0);
  for (let c = 0; c < count; c++) {
    // c walks C order; compute the Fortran offset of the same multi-index
    let f = 0;
    let stride = 1;
    for (let d = 0; d < shape.length; d++) {
      f += index[d] * stride;
      stride *= shape[d];
    }
    out[c] = values[f];
    for (let d = shape.length - 1; d >= 0; d--) {
      if (++index[d] < shape[d]) break;
      index[d] = 0;
    }
  }
  return out;
}

import { unzlibSync } from "fflate";
import { InputError } from "../../errors";
import { MatCell, MatFile, MatStruct, MatValue, matNumel } from "./mat-value";

// Data types of the MAT-file Level 5 format (MathWorks, "MAT-File Format", ch. 1).
const MI_INT8 = 1;
const MI_UINT8 = 2;
const MI_INT16 = 3;
const MI_UINT16 = 4;
const MI_INT32 = 5;
const MI_UINT32 = 6;
const MI_SINGLE = 7;
const MI_DOUBLE = 9;
const MI_INT64 = 12;
const MI_UINT64 = 13;
const MI_MATRIX = 14;
const MI_COMPRESSED = 15;
const MI_UTF8 = 16;
const MI_UTF16 = 17;
const MI_UTF32 = 18;

// Array classes (low byte of the array-flags word).
const MX_CELL = 1;
const MX_STRUCT = 2;
const MX_CHAR = 4;
const MX_SPARSE = 5;
const MX_NUMERIC_CLASSES: Record<number, string> = {
  6: "double",
  7: "single",
  8: "int8",
  9: "uint8",
  10: "int16",
  11: "uint16",
  12: "int32",
  13: "uint32",
  14: "int64",
  15: "uint64",
};
const LOGICAL_FLAG = 0x200;
const COMPLEX_FLAG = 0x800;

const HEADER_BYTES = 128;

/** One data element: its type and its payload bytes. */
interface Element {
  type: number;
  bytes: Uint8Array;
}

/** Sequential reader over a byte buffer in the file's byte order. */
class Cursor {
  private readonly view: DataView;
  pos = 0;

  constructor(
    readonly bytes: Uint8Array,
    readonly little: boolean,
    readonly where: string,
  ) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  get done(): boolean {
    return this.pos >= this.bytes.length;
  }

  /** Reads one tagged element; `padded` skips the padding to the next 8-byte boundary (inside arrays). */
  element(padded: boolean): Element {
    this.need(8);
    const first = this.view.getUint32(this.pos, this.little);
    if (first >>> 16 !== 0) {
      // small data element: type and size in one word, up to 4 bytes of data in the next
      const size = first >>> 16;
      if (size > 4) throw this.corrupt(`small data element of ${size} bytes`);
      const bytes = this.bytes.subarray(this.pos + 4, this.pos + 4 + size);
      this.pos += 8;
      return { type: first & 0xffff, bytes };
    }
    const size = this.view.getUint32(this.pos + 4, this.little);
    this.pos += 8;
    this.need(size);
    const bytes = this.bytes.subarray(this.pos, this.pos + size);
    this.pos += padded ? Math.ceil(size / 8) * 8 : size;
    return { type: first, bytes };
  }

  corrupt(what: string): InputError {
    return new InputError(this.where, "a valid MAT-file (v5/v7)", `${what} at byte ${this.pos}`);
  }

  private need(n: number): void {
    if (this.pos + n > this.bytes.length) throw this.corrupt(`truncated data (${n} bytes needed)`);
  }
}

/**
 * Parses a MAT-file Level 5 (MATLAB v5/v6/v7, optionally compressed) into its variables. Supports
 * numeric and logical arrays (real or complex), char arrays, cell arrays and structs: what the Mante 2013
 * per-unit files and the v7 copy of the Hatsopoulos 2007 file hold. Sparse arrays and objects throw.
 * `where` names the file in error messages; with `names`, only those variables are decoded (the others
 * are skipped unparsed, so unsupported types elsewhere in the file do no harm).
 *
 *   const vars = readMat5(fs.readFileSync("ar090313_1_a1_Vstim_100_850_ms.mat"), "ar090313….mat");
 *   matRows(matField(vars.unit, "response", "unit"), "unit.response");   // trials × samples
 */
export function readMat5(bytes: Uint8Array, where: string, names?: readonly string[]): MatFile {
  if (bytes.length < HEADER_BYTES) throw new InputError(where, "a MAT-file (at least a 128-byte header)", `got ${bytes.length} bytes`);
  const indicator = String.fromCharCode(bytes[126], bytes[127]);
  if (indicator !== "IM" && indicator !== "MI") {
    const text = String.fromCharCode(...bytes.subarray(0, 10));
    throw new InputError(where, "a MAT-file Level 5 (header ending in 'IM' or 'MI')", `got header starting '${text}'`);
  }
  const little = indicator === "IM";
  const cursor = new Cursor(bytes.subarray(HEADER_BYTES), little, where);
  const out: MatFile = {};
  while (!cursor.done) {
    let element = cursor.element(false);
    if (element.type === MI_COMPRESSED) {
      let inflated: Uint8Array;
      try {
        inflated = unzlibSync(element.bytes);
      } catch (error) {
        throw cursor.corrupt(`compressed element that does not inflate (${(error as Error).message})`);
      }
      element = new Cursor(inflated, little, where).element(false);
    }
    if (element.type !== MI_MATRIX) throw cursor.corrupt(`top-level element of type ${element.type} (expected miMATRIX)`);
    if (names && !names.includes(matrixName(new Cursor(element.bytes, little, where)))) continue;
    const { name, value } = readMatrix(new Cursor(element.bytes, little, where));
    out[name] = value;
  }
  return out;
}

/** Parses the payload of one miMATRIX element into its name and value. */
function readMatrix(c: Cursor): { name: string; value: MatValue } {
  if (c.done) return { name: "", value: { kind: "numeric", matlabClass: "double", dims: [0, 0], data: new Float64Array(0) } };
  const flags = numbers(c.element(true), c);
  const mxClass = flags[0] & 0xff;
  const dims = Array.from(numbers(c.element(true), c));
  const name = text(c.element(true), c);
  const count = matNumel(dims);
  if (mxClass === MX_CELL) {
    const items: MatValue[] = [];
    for (let k = 0; k < count; k++) items.push(readMatrix(sub(c)).value);
    const cell: MatCell = { kind: "cell", dims, items };
    return { name, value: cell };
  }
  if (mxClass === MX_STRUCT) {
    const nameLength = numbers(c.element(true), c)[0];
    const nameBytes = c.element(true).bytes;
    const fields: string[] = [];
    for (let off = 0; off + nameLength <= nameBytes.length; off += nameLength) {
      const field = text({ type: MI_INT8, bytes: nameBytes.subarray(off, off + nameLength) }, c);
      if (field) fields.push(field);
    }
    const items: Record<string, MatValue>[] = [];
    for (let k = 0; k < count; k++) {
      const item: Record<string, MatValue> = {};
      for (const field of fields) item[field] = readMatrix(sub(c)).value;
      items.push(item);
    }
    const struct: MatStruct = { kind: "struct", dims, fields, items };
    return { name, value: struct };
  }
  if (mxClass === MX_CHAR) {
    const data = c.done ? { type: MI_UINT16, bytes: new Uint8Array(0) } : c.element(true);
    return { name, value: { kind: "char", dims, text: text(data, c) } };
  }
  const matlabClass = MX_NUMERIC_CLASSES[mxClass];
  if (!matlabClass) {
    const what = mxClass === MX_SPARSE ? "a sparse array" : `an array of class ${mxClass}`;
    throw new InputError(c.where, "numeric, char, cell or struct variables", `variable '${name}' is ${what}`);
  }
  const real = numbers(c.element(true), c);
  if (real.length !== count) throw c.corrupt(`variable '${name}' with ${real.length} values for dimensions [${dims}]`);
  const value: MatValue = { kind: "numeric", matlabClass: flags[0] & LOGICAL_FLAG ? "logical" : matlabClass, dims, data: real };
  if (flags[0] & COMPLEX_FLAG) value.imag = numbers(c.element(true), c);
  return { name, value };
}

/** The variable name of a miMATRIX payload, read without decoding its data. */
function matrixName(c: Cursor): string {
  if (c.done) return "";
  c.element(true); // array flags
  c.element(true); // dimensions
  return text(c.element(true), c);
}

/** The cursor over the next nested miMATRIX element. */
function sub(c: Cursor): Cursor {
  const element = c.element(true);
  if (element.type !== MI_MATRIX) throw c.corrupt(`nested element of type ${element.type} (expected miMATRIX)`);
  return new Cursor(element.bytes, c.little, c.where);
}

/** Decodes a numeric data element to float64. */
function numbers(element: Element, c: Cursor): Float64Array {
  const { type, bytes } = element;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const sizes: Record<number, number> = {
    [MI_INT8]: 1, [MI_UINT8]: 1, [MI_INT16]: 2, [MI_UINT16]: 2, [MI_INT32]: 4, [MI_UINT32]: 4,
    [MI_SINGLE]: 4, [MI_DOUBLE]: 8, [MI_INT64]: 8, [MI_UINT64]: 8, [MI_UTF8]: 1,
  };
  const size = sizes[type];
  if (!size) throw c.corrupt(`numeric data of element type ${type}`);
  const n = Math.floor(bytes.length / size);
  if (type === MI_DOUBLE && c.little && bytes.byteOffset % 8 === 0) return new Float64Array(bytes.buffer, bytes.byteOffset, n).slice();
  const out = new Float64Array(n);
  const le = c.little;
  for (let i = 0; i < n; i++) {
    const o = i * size;
    switch (type) {
      case MI_INT8: out[i] = view.getInt8(o); break;
      case MI_UINT8: case MI_UTF8: out[i] = view.getUint8(o); break;
      case MI_INT16: out[i] = view.getInt16(o, le); break;
      case MI_UINT16: out[i] = view.getUint16(o, le); break;
      case MI_INT32: out[i] = view.getInt32(o, le); break;
      case MI_UINT32: out[i] = view.getUint32(o, le); break;
      case MI_SINGLE: out[i] = view.getFloat32(o, le); break;
      case MI_DOUBLE: out[i] = view.getFloat64(o, le); break;
      case MI_INT64: out[i] = Number(view.getBigInt64(o, le)); break;
      case MI_UINT64: out[i] = Number(view.getBigUint64(o, le)); break;
    }
  }
  return out;
}

/** Decodes a name or char element (ASCII/UTF-8 bytes, or UTF-16/32 code units) without trailing NULs. */
function text(element: Element, c: Cursor): string {
  const { type, bytes } = element;
  if (type === MI_INT8 || type === MI_UINT8 || type === MI_UTF8) return Buffer.from(bytes).toString("utf8").replace(/\0+$/, "");
  const unitType = type === MI_UTF16 ? MI_UINT16 : type === MI_UTF32 ? MI_UINT32 : type;
  if (unitType !== MI_UINT16 && unitType !== MI_UINT32 && unitType !== MI_INT16) throw c.corrupt(`text of element type ${type}`);
  let s = "";
  for (const code of numbers({ type: unitType, bytes }, c)) s += String.fromCodePoint(code);
  return s.replace(/\0+$/, "");
}

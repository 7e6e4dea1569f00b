// Worker thread behind lib/data/formats/hdf5.ts. h5wasm is an ES module whose WebAssembly runtime starts
// asynchronously, so the synchronous HDF5 reader runs it here: the main thread posts one request on
// `port`, blocks on `flag` (Atomics.wait) and takes the reply with receiveMessageOnPort.
//
// Requests: { op: "open", file } | { op: "tree" } | { op: "read", path } | { op: "close" }.
// Replies:  { ok: true, result } | { ok: false, error }.
// Object references (MAT v7.3 cells, NetCDF4 DIMENSION_LIST) are returned as the referenced path.
// The HDF5 library's own error stack ("HDF5-DIAG: …", dozens of lines per failure) is not printed: it
// is kept, and a failed request reports its innermost cause instead of h5wasm's generic message.
import fs from "node:fs";
import { workerData } from "node:worker_threads";

const { port, flag } = workerData;
let h5 = null;
let file = null;
/** What the HDF5 library wrote to stderr since the last request (h5wasm writes to file descriptor 2 directly). */
let diagnostics = "";
const writeSync = fs.writeSync;
fs.writeSync = (fd, data, offset, length, ...rest) => {
  if (fd !== 2) return writeSync(fd, data, offset, length, ...rest);
  if (typeof data === "string") {
    diagnostics += data;
    return Buffer.byteLength(data);
  }
  const count = length ?? data.byteLength - (offset ?? 0);
  diagnostics += Buffer.from(data.buffer, data.byteOffset + (offset ?? 0), count).toString("utf8");
  return count;
};

function reply(message, transfer = []) {
  port.postMessage(message, transfer);
  Atomics.store(flag, 0, 1);
  Atomics.notify(flag, 0);
}

function fail(error) {
  reply({ ok: false, error: diagnosis() ?? String(error && error.message ? error.message : error) });
}

/** The innermost cause in the HDF5 error stack, e.g. "truncated file: eof = 2488, … (File has been truncated)". */
function diagnosis() {
  // only the first error stack: later ones come from cleaning up after the failure
  const [first] = diagnostics.split("HDF5-DIAG:").filter((stack) => stack.trim() !== "");
  const lines = (first ?? "").split("\n");
  let cause = null;
  lines.forEach((line, i) => {
    const entry = /^\s*#\d+: .* in [\w:]+\(\): (.*)$/.exec(line);
    const minor = /^\s*minor: (.*)$/.exec(lines[i + 2] ?? "");
    if (entry) cause = minor ? `${entry[1]} (${minor[1]})` : entry[1];
  });
  return cause;
}

process.on("uncaughtException", fail);
process.on("unhandledRejection", fail);

/** Converts one h5wasm value into plain, cloneable data (typed arrays, strings, numbers, paths). */
function plain(value) {
  if (value === null || value === undefined) return null;
  if (value instanceof h5.Reference) {
    return { ref: h5.Module.get_referenced_name(file.file_id, value.ref_data, !(value instanceof h5.RegionReference)) };
  }
  if (typeof value === "bigint") return Number(value);
  if (value instanceof BigInt64Array || value instanceof BigUint64Array) return Float64Array.from(value, Number);
  if (ArrayBuffer.isView(value)) return value;
  if (Array.isArray(value)) return value.map(plain);
  return value;
}

function attributes(entity) {
  const out = {};
  for (const name of Object.keys(entity.attrs)) {
    try {
      out[name] = plain(entity.get_attribute(name, false));
    } catch {
      // attribute types h5wasm cannot decode (e.g. NetCDF4's REFERENCE_LIST compounds) are not needed
    }
  }
  return out;
}

function walk(group, out) {
  for (const name of group.keys()) {
    const child = group.get(name);
    if (child instanceof h5.Group) {
      out.push({ path: child.path, kind: "group", attrs: attributes(child) });
      walk(child, out);
    } else if (child instanceof h5.Dataset) {
      out.push({ path: child.path, kind: "dataset", shape: child.shape ?? [], dtype: String(child.dtype), attrs: attributes(child) });
    }
  }
  return out;
}

async function handle(request) {
  if (request.op === "open") {
    h5 = await import("h5wasm/node");
    await h5.ready;
    file = new h5.File(request.file, "r");
    return { ok: true, result: { attrs: attributes(file) } };
  }
  if (request.op === "tree") return { ok: true, result: walk(file, []) };
  if (request.op === "read") {
    const dataset = file.get(request.path);
    if (!(dataset instanceof h5.Dataset)) throw new Error(`${request.path} is not a dataset`);
    return { ok: true, result: { shape: dataset.shape ?? [], dtype: String(dataset.dtype), value: plain(dataset.value) } };
  }
  if (request.op === "close") {
    if (file) file.close();
    file = null;
    return { ok: true, result: null };
  }
  throw new Error(`unknown request ${request.op}`);
}

port.on("message", async (request) => {
  diagnostics = "";
  try {
    const message = await handle(request);
    const value = message.result && message.result.value;
    if (ArrayBuffer.isView(value)) message.result.value = value.slice(); // own buffer, safe to transfer
    reply(message, ArrayBuffer.isView(value) ? [message.result.value.buffer] : []);
  } catch (error) {
    fail(error);
  }
});

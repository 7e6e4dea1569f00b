import { closeSync, openSync, readSync } from "fs";
import { join } from "path";
import { MessageChannel, Worker, receiveMessageOnPort } from "worker_threads";
import { InputError } from "../../errors";
import { requireFile } from "./input-file";

/** An HDF5 object reference, given as the path of the object it points to. */
export interface Hdf5Ref {
  ref: string;
}

/** One group or dataset of an HDF5 file with its (decoded) attributes. */
export interface Hdf5Node {
  path: string;
  kind: "group" | "dataset";
  /** Dataset shape in HDF5 (row-major) order; absent for groups. */
  shape?: number[];
  /** h5wasm dtype string, e.g. "<f8", "S", "Reference". */
  dtype?: string;
  attrs: Record<string, unknown>;
}

/** The full contents of one dataset. `value` is a typed array (row-major), an array of strings or of Hdf5Ref. */
export interface Hdf5Array {
  shape: number[];
  dtype: string;
  value: unknown;
}

const HDF5_SIGNATURE = [0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a];
/** A reply from the worker may take this long (large compressed datasets) before we give up. */
const REPLY_TIMEOUT_MS = 10 * 60 * 1000;

/**
 * True when the file holds an HDF5 superblock at offset 0 or at a user-block offset (512, 1024, …);
 * MAT v7.3 files carry a 512-byte MATLAB header before it.
 *
 *   isHdf5File("Dataset5_….mat");   // true for MAT v7.3, false for MAT v5
 */
export function isHdf5File(path: string): boolean {
  return hdf5SuperblockOffset(path) !== null;
}

/**
 * Where the HDF5 superblock (its signature) starts: 0, 512, 1024, … up to 64 KiB; null when there is none.
 *
 *   hdf5SuperblockOffset("Dataset5_….mat");   // 512 (MAT v7.3)
 */
export function hdf5SuperblockOffset(path: string): number | null {
  const fd = openSync(path, "r");
  try {
    const buffer = Buffer.alloc(8);
    for (let offset = 0; offset <= 1 << 16; offset = offset === 0 ? 512 : offset * 2) {
      if (readSync(fd, buffer, 0, 8, offset) < 8) return null;
      if (HDF5_SIGNATURE.every((b, i) => buffer[i] === b)) return offset;
    }
    return null;
  } finally {
    closeSync(fd);
  }
}

/**
 * Synchronous read access to an HDF5 file (MAT v7.3, NetCDF4) through h5wasm. h5wasm only starts
 * asynchronously, so it runs in a worker thread and every call blocks until the worker answers.
 * Always close the file (or use `withHdf5File`), which also ends the worker.
 *
 *   const f = Hdf5File.open("assembly.nc");
 *   const nodes = f.tree();                   // every group and dataset with attributes
 *   const data = f.read("/data");             // { shape: [205, 2700, 300], value: Float32Array }
 *   f.close();
 */
export class Hdf5File {
  private readonly worker: Worker;
  private readonly port: MessageChannel["port1"];
  private readonly flag: Int32Array;
  private closed = false;
  /** Attributes of the root group. */
  readonly rootAttrs: Record<string, unknown>;

  private constructor(readonly path: string) {
    const channel = new MessageChannel();
    this.port = channel.port1;
    this.flag = new Int32Array(new SharedArrayBuffer(4));
    this.worker = new Worker(join(__dirname, "hdf5-worker.mjs"), {
      workerData: { port: channel.port2, flag: this.flag },
      transferList: [channel.port2],
    });
    this.worker.unref();
    try {
      this.rootAttrs = (this.request({ op: "open", file: path }) as { attrs: Record<string, unknown> }).attrs;
    } catch (error) {
      this.close();
      throw error;
    }
  }

  /** Opens `path` read-only; throws InputError when it is missing or not a readable HDF5 file. */
  static open(path: string): Hdf5File {
    if (!isHdf5File(requireFile(path, "an HDF5 file"))) throw new InputError(path, "an HDF5 file", "no HDF5 signature at offset 0, 512, 1024, …");
    return new Hdf5File(path);
  }

  /** Every group and dataset below the root, depth first, with decoded attributes. */
  tree(): Hdf5Node[] {
    return this.request({ op: "tree" }) as Hdf5Node[];
  }

  /** The full contents of the dataset at `path`. */
  read(path: string): Hdf5Array {
    return this.request({ op: "read", path }) as Hdf5Array;
  }

  /** Closes the file and ends the worker thread. Safe to call twice. */
  close(): void {
    if (this.closed) return;
    try {
      this.request({ op: "close" });
    } catch {
      // the worker is ended below in any case
    }
    this.closed = true;
    this.port.close();
    void this.worker.terminate();
  }

  private request(message: Record<string, unknown>): unknown {
    if (this.closed) throw new InputError("file", "an open HDF5 file", `${this.path} is closed`);
    Atomics.store(this.flag, 0, 0);
    this.port.postMessage(message);
    if (Atomics.wait(this.flag, 0, 0, REPLY_TIMEOUT_MS) === "timed-out") {
      throw new InputError("file", `an answer from the HDF5 reader within ${REPLY_TIMEOUT_MS / 1000} s`, `${this.path} timed out`);
    }
    const received = receiveMessageOnPort(this.port);
    const reply = received?.message as { ok: boolean; result?: unknown; error?: string } | undefined;
    if (!reply) throw new InputError("file", "a reply from the HDF5 reader", `none for ${this.path}`);
    if (!reply.ok) throw new InputError(this.path, "a readable HDF5 file", `the HDF5 reader reports: ${reply.error}`);
    return reply.result;
  }
}

/**
 * Opens an HDF5 file, runs `fn` and closes it, also on error.
 *
 *   const shape = withHdf5File("x.h5", (f) => f.read("/X").shape);
 */
export function withHdf5File<T>(path: string, fn: (file: Hdf5File) => T): T {
  const file = Hdf5File.open(path);
  try {
    return fn(file);
  } finally {
    file.close();
  }
}

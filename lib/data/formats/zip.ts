import { closeSync, fstatSync, openSync, readSync } from "fs";
import { inflateSync } from "fflate";
import { InputError } from "../../errors";

/** One file inside a zip archive, as listed by its central directory. */
export interface ZipEntry {
  name: string;
  compressedSize: number;
  size: number;
  /** 0 = stored, 8 = deflate. */
  method: number;
  localHeaderOffset: number;
}

const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;

/**
 * Random-access reader for a zip archive on disk: only the central directory and the entries asked for
 * are read, so a large archive (e.g. Mante's `PFC data.zip`) is never loaded whole. Deflated entries are
 * inflated with fflate. Zip64 archives (over 4 GB or 65535 entries) throw an InputError suggesting to
 * extract them.
 *
 *   const zip = ZipArchive.open("PFC data.zip");
 *   const names = zip.entries.map((e) => e.name);
 *   const bytes = zip.read(zip.entries[0]);
 *   zip.close();
 */
export class ZipArchive {
  private constructor(
    private readonly fd: number,
    readonly path: string,
    readonly entries: ZipEntry[],
  ) {}

  /** Opens `path` and reads its central directory; InputError when it is not a zip archive. */
  static open(path: string): ZipArchive {
    const fd = openSync(path, "r");
    try {
      return new ZipArchive(fd, path, readCentralDirectory(fd, path));
    } catch (error) {
      closeSync(fd);
      throw error;
    }
  }

  /** The uncompressed bytes of one entry. */
  read(entry: ZipEntry): Uint8Array {
    const local = readAt(this.fd, entry.localHeaderOffset, 30);
    const view = new DataView(local.buffer, local.byteOffset, 30);
    if (view.getUint32(0, true) !== LOCAL_SIGNATURE) throw this.corrupt(`no local header for ${entry.name}`);
    const start = entry.localHeaderOffset + 30 + view.getUint16(26, true) + view.getUint16(28, true);
    const raw = readAt(this.fd, start, entry.compressedSize);
    if (entry.method === 0) return raw;
    if (entry.method !== 8) throw this.corrupt(`entry ${entry.name} uses compression method ${entry.method} (only stored and deflate are supported)`);
    try {
      return inflateSync(raw, { out: new Uint8Array(entry.size) });
    } catch (error) {
      throw this.corrupt(`entry ${entry.name} does not inflate (${(error as Error).message})`);
    }
  }

  close(): void {
    closeSync(this.fd);
  }

  private corrupt(what: string): InputError {
    return new InputError(this.path, "a valid zip archive", what);
  }
}

/**
 * Opens a zip archive, runs `fn` and closes it, also on error.
 *
 *   const names = withZipArchive("data.npz", (zip) => zip.entries.map((e) => e.name));
 */
export function withZipArchive<T>(path: string, fn: (zip: ZipArchive) => T): T {
  const zip = ZipArchive.open(path);
  try {
    return fn(zip);
  } finally {
    zip.close();
  }
}

function readAt(fd: number, position: number, length: number): Uint8Array {
  const out = Buffer.alloc(length);
  let done = 0;
  while (done < length) {
    const n = readSync(fd, out, done, length - done, position + done);
    if (n === 0) break;
    done += n;
  }
  return out.subarray(0, done);
}

function readCentralDirectory(fd: number, path: string): ZipEntry[] {
  const fileSize = fstatSync(fd).size;
  const tailLength = Math.min(fileSize, 22 + 0xffff);
  const tail = readAt(fd, fileSize - tailLength, tailLength);
  const tailView = new DataView(tail.buffer, tail.byteOffset, tail.byteLength);
  let eocd = -1;
  for (let i = tail.length - 22; i >= 0; i--) {
    if (tailView.getUint32(i, true) === EOCD_SIGNATURE) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new InputError(path, "a zip archive", "no end-of-central-directory record (not a zip file, or truncated)");
  const count = tailView.getUint16(eocd + 10, true);
  const dirSize = tailView.getUint32(eocd + 12, true);
  const dirOffset = tailView.getUint32(eocd + 16, true);
  if (count === 0xffff || dirOffset === 0xffffffff)
    throw new InputError(path, "a zip archive without zip64 extensions", "a zip64 archive: extract it with an unzip tool and load the extracted folder");
  const dir = readAt(fd, dirOffset, dirSize);
  const view = new DataView(dir.buffer, dir.byteOffset, dir.byteLength);
  const entries: ZipEntry[] = [];
  let p = 0;
  for (let k = 0; k < count; k++) {
    if (p + 46 > dir.length || view.getUint32(p, true) !== CENTRAL_SIGNATURE)
      throw new InputError(path, "a valid zip central directory", `entry ${k} is damaged`);
    const nameLength = view.getUint16(p + 28, true);
    const extraLength = view.getUint16(p + 30, true);
    const commentLength = view.getUint16(p + 32, true);
    entries.push({
      method: view.getUint16(p + 10, true),
      compressedSize: view.getUint32(p + 20, true),
      size: view.getUint32(p + 24, true),
      localHeaderOffset: view.getUint32(p + 42, true),
      name: Buffer.from(dir.subarray(p + 46, p + 46 + nameLength)).toString("utf8"),
    });
    p += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

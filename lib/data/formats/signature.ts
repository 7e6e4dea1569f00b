import { closeSync, fstatSync, openSync, readSync } from "fs";
import { extname } from "path";
import { hdf5SuperblockOffset } from "./hdf5";
import { withZipArchive } from "./zip";

/**
 * What is wrong with a data file judged by its format signature and structure, chosen by the extension
 * of `name` (default: the path's own): .zip/.npz need a complete zip central directory; .mat a MAT v5
 * header whose data elements all fit in the file, or MAT v7.3 (HDF5); .nc a NetCDF classic header or
 * HDF5; .h5/.hdf5 HDF5 whose superblock's end-of-file address fits; .npy the numpy magic; .csv/.json
 * text. An HTML or XML page (a server's error or login page) is recognised for every name. Returns null
 * when the file looks right. Used to refuse a download before it is renamed to its real name and to
 * recognise a corrupt file in the cache. Reads only headers and tags, never the whole file.
 *
 *   fileFormatProblem("/cache/Mante2013/PFC data.zip");   // null, or "no end-of-central-directory record (…)"
 *   fileFormatProblem(partialPath, "assy.nc");             // "an HTML page (the server's error or login page?)"
 */
export function fileFormatProblem(path: string, name = path): string | null {
  const fd = openSync(path, "r");
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) return "a folder or a special file, not a regular file";
    const size = stat.size;
    if (size === 0) return "an empty file";
    const head = readAt(fd, 0, Math.min(size, 1024));
    const page = markupProblem(head);
    if (page) return page;
    const ext = extname(name).toLowerCase();
    if (ext === ".zip" || ext === ".npz") return zipProblem(path);
    if (ext === ".mat") return head.subarray(0, 19).toString("latin1") === "MATLAB 7.3 MAT-file" ? hdf5Problem(fd, path, size) : mat5Problem(fd, head, size);
    if (ext === ".nc") return /^CDF[\x01\x02\x05]/.test(head.subarray(0, 4).toString("latin1")) ? null : hdf5Problem(fd, path, size, "a NetCDF file (NetCDF classic or NetCDF4/HDF5)");
    if (ext === ".h5" || ext === ".hdf5") return hdf5Problem(fd, path, size);
    if (ext === ".npy") return head.subarray(0, 6).equals(Buffer.from([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59])) ? null : "not a .npy file (no \\x93NUMPY signature)";
    if (ext === ".csv" || ext === ".json") return head.includes(0) ? "binary data where text was expected" : null;
    return null;
  } finally {
    closeSync(fd);
  }
}

function markupProblem(head: Buffer): string | null {
  const start = head.toString("latin1").trimStart().slice(0, 64).toLowerCase();
  if (start.startsWith("<!doctype html") || start.startsWith("<html")) return "an HTML page (the server's error or login page?)";
  if (start.startsWith("<?xml") || start.startsWith("<error")) return "an XML document (the server's error message?)";
  return null;
}

function zipProblem(path: string): string | null {
  try {
    withZipArchive(path, () => undefined);
    return null;
  } catch (error) {
    return (error as Error).message.replace(`${path}: `, "");
  }
}

/** HDF5: a superblock, and a file at least as long as the end-of-file address it records (else truncated). */
function hdf5Problem(fd: number, path: string, size: number, expected = "an HDF5 file"): string | null {
  const offset = hdf5SuperblockOffset(path);
  if (offset === null) return `not ${expected} (no HDF5 signature at offset 0, 512, 1024, …)`;
  const block = readAt(fd, offset, 96);
  const version = block[8];
  const [offsetSize, addresses] = version <= 1 ? [block[13], version === 0 ? 24 : 28] : [block[9], 12];
  if (offsetSize !== 4 && offsetSize !== 8) return `an HDF5 superblock with an unexpected offset size (${offsetSize})`;
  const at = addresses + 2 * offsetSize;
  if (at + offsetSize > block.length) return "a truncated HDF5 superblock";
  const end = offsetSize === 8 ? block.readBigUInt64LE(at) : BigInt(block.readUInt32LE(at));
  const undefinedAddress = offsetSize === 8 ? 0xffffffffffffffffn : 0xffffffffn;
  if (end !== undefinedAddress && BigInt(size) < end) return `truncated: ${size} bytes, the HDF5 superblock records ${end}`;
  return null;
}

/** MAT v5: the 128-byte header, then data elements whose tags must all fit in the file (else truncated). */
function mat5Problem(fd: number, head: Buffer, size: number): string | null {
  const indicator = head.subarray(126, 128).toString("latin1");
  if (!head.subarray(0, 6).equals(Buffer.from("MATLAB")) || (indicator !== "IM" && indicator !== "MI")) return "not a MAT-file (no 'MATLAB … MAT-file' header)";
  const little = indicator === "IM";
  let offset = 128;
  while (offset < size) {
    if (offset + 8 > size) return `truncated: ${size} bytes, a data element starts at ${offset}`;
    const tag = readAt(fd, offset, 8);
    const type = little ? tag.readUInt32LE(0) : tag.readUInt32BE(0);
    if (type >>> 16 !== 0) {
      offset += 8; // small data element: type, length and data in 8 bytes
      continue;
    }
    const bytes = little ? tag.readUInt32LE(4) : tag.readUInt32BE(4);
    const padded = type === 15 ? bytes : Math.ceil(bytes / 8) * 8; // miCOMPRESSED elements are not padded
    offset += 8 + padded;
  }
  return offset > size ? `truncated: ${size} bytes, the last data element needs ${offset}` : null;
}

function readAt(fd: number, position: number, length: number): Buffer {
  const out = Buffer.alloc(length);
  const n = readSync(fd, out, 0, length, position);
  return out.subarray(0, n);
}

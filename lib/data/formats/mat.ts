import { existsSync, readFileSync } from "fs";
import { InputError } from "../../errors";
import { isHdf5File } from "./hdf5";
import { MatFile } from "./mat-value";
import { readMat5 } from "./mat5";
import { readMat73 } from "./mat73";

/**
 * Reads any .mat file: MAT v7.3 (HDF5) through h5wasm, otherwise MAT v5/v7 with the built-in reader.
 * With `names`, only those variables are read. Throws InputError naming the file when it is missing or
 * not a readable MAT-file.
 *
 *   const { spikes, stmv_cell } = readMatFile("Dataset5_…Recording.mat", ["spikes", "stmv_cell"]);
 */
export function readMatFile(path: string, names?: readonly string[]): MatFile {
  if (!existsSync(path)) throw new InputError("path", "an existing .mat file", `${path} does not exist`);
  return isHdf5File(path) ? readMat73(path, names) : readMat5(readFileSync(path), path, names);
}

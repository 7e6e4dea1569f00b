import { isHdf5File } from "./hdf5";
import { readInputFile, requireFile } from "./input-file";
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
  return isHdf5File(requireFile(path, "a .mat file")) ? readMat73(path, names) : readMat5(readInputFile(path, "a .mat file"), path, names);
}

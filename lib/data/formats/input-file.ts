import { readFileSync, statSync } from "fs";
import { InputError, received } from "../../errors";

/**
 * Checks that `path` names an existing regular file before a reader opens it, so a missing file, a
 * folder (e.g. one named x.npy) or a path that is not a string gives an InputError naming it instead
 * of a raw ENOENT/EISDIR/TypeError. `what` says what kind of file was expected.
 *
 *   requireFile("X.npy", "a .npy file");   // "X.npy", or InputError "path: expected an existing .npy file; …"
 */
export function requireFile(path: unknown, what: string): string {
  if (typeof path !== "string" || path === "") throw new InputError("path", `the path of ${what}`, `got ${received(path)}`);
  let isFile: boolean;
  try {
    isFile = statSync(path).isFile();
  } catch (error) {
    throw new InputError("path", `an existing file (${what})`, `${path}: ${describeFsError(error)}`);
  }
  if (!isFile) throw new InputError("path", `a file (${what})`, `${path} is a folder or a special file`);
  return path;
}

/**
 * The bytes of a checked input file (see `requireFile`); unreadable files (permissions, I/O errors)
 * give an InputError naming the path.
 *
 *   const bytes = readInputFile("X.npy", "a .npy file");
 */
export function readInputFile(path: unknown, what: string): Buffer {
  const checked = requireFile(path, what);
  try {
    return readFileSync(checked);
  } catch (error) {
    throw new InputError("path", `a readable file (${what})`, `${checked}: ${describeFsError(error)}`);
  }
}

/** "does not exist", "permission denied", … for a Node file-system error. */
function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === "ENOENT") return "does not exist";
  if (code === "EACCES" || code === "EPERM") return "permission denied";
  if (code === "ENOTDIR") return "a part of the path is not a folder";
  return (error as Error).message;
}

import { homedir } from "os";
import { join, resolve } from "path";

/** Environment variable that overrides where real datasets are stored. */
export const DATA_DIR_VARIABLE = "DIFFSIM_DATA_DIR";

/**
 * The folder real datasets are downloaded to and loaded from: `cacheDir` if given, else
 * $DIFFSIM_DATA_DIR, else the user cache folder (Linux $XDG_CACHE_HOME/diffsim or ~/.cache/diffsim,
 * macOS ~/Library/Caches/diffsim, Windows %LOCALAPPDATA%\diffsim\Cache). Each dataset lives in
 * `<cache>/<dataset id>/`.
 *
 *   resolveCacheDir();                  // "/home/me/.cache/diffsim"
 *   resolveCacheDir("./my-data");        // absolute path of ./my-data
 */
export function resolveCacheDir(cacheDir?: string): string {
  if (cacheDir) return resolve(cacheDir);
  const fromEnv = process.env[DATA_DIR_VARIABLE];
  if (fromEnv) return resolve(fromEnv);
  return userCacheDir();
}

/**
 * The user's cache folder for diffsim, ignoring every override: Linux $XDG_CACHE_HOME/diffsim or
 * ~/.cache/diffsim, macOS ~/Library/Caches/diffsim, Windows %LOCALAPPDATA%\diffsim\Cache.
 *
 *   join(userCacheDir(), "runs.duckdb");   // the run store's default place
 */
export function userCacheDir(): string {
  if (process.platform === "darwin") return join(homedir(), "Library", "Caches", "diffsim");
  if (process.platform === "win32") return join(process.env.LOCALAPPDATA ?? join(homedir(), "AppData", "Local"), "diffsim", "Cache");
  return join(process.env.XDG_CACHE_HOME ?? join(homedir(), ".cache"), "diffsim");
}

/**
 * The folder of one dataset in the cache.
 *
 *   datasetCacheDir("Mante2013");   // "/home/me/.cache/diffsim/Mante2013"
 */
export function datasetCacheDir(id: string, cacheDir?: string): string {
  return join(resolveCacheDir(cacheDir), id);
}

/**
 * Real neural datasets of Cloos et al. 2024 from a local cache: manifest, download, and loading with
 * diffscore's preprocessing. The dataset sources (lib/data/datasets.ts) call `loadRealFromCache` and
 * fall back to surrogates when it returns null.
 *
 *   await downloadDataset("MajajHong2015", { onProgress: progressBar() });
 *   const data = loadRealFromCache("MajajHong2015", {});   // Dataset, or null when not downloaded
 */
import { existsSync } from "fs";
import { extname, join } from "path";
import { InputError, optionsObject } from "../../errors";
import { fileFormatProblem } from "../formats/signature";
import type { Dataset } from "../types";
import { loadFreemanZiemba2013, loadMajajHong2015 } from "./brainscore";
import { datasetCacheDir } from "./cache";
import { DownloadOptions, downloadFiles } from "./download";
import { loadHatsopoulos2007 } from "./hatsopoulos";
import { manifestEntry, realDataManifest } from "./manifest";
import { loadMante2013 } from "./mante";
import { loadSiegel2015 } from "./siegel";

export { resolveCacheDir, datasetCacheDir, DATA_DIR_VARIABLE } from "./cache";
export { realDataManifest, manifestEntry } from "./manifest";
export type { ManifestDataset, ManifestFile, Checksum } from "./manifest";
export { downloadFile, downloadFiles, progressBar, DownloadError } from "./download";
export type { DownloadOptions, DownloadProgress } from "./download";
export { loadMante2013, processManteUnit } from "./mante";
export { loadHatsopoulos2007, histogram, convolveSame, gaussianTaps, spikeUnits } from "./hatsopoulos";
export { loadMajajHong2015, loadFreemanZiemba2013, readAveragedAssembly } from "./brainscore";
export { loadSiegel2015, componentsForVariance } from "./siegel";

const LOADERS: Record<string, (dir: string) => Dataset | null> = {
  Mante2013: (dir) => loadMante2013(dir),
  Hatsopoulos2007: (dir) => loadHatsopoulos2007(dir),
  MajajHong2015: loadMajajHong2015,
  FreemanZiemba2013: (dir) => loadFreemanZiemba2013(dir),
  "siegel15-FEF-stim_period-var99": (dir) => loadSiegel2015(dir),
};

/**
 * Ids of the real datasets (the manifest's), e.g. "Mante2013", "siegel15-FEF-stim_period-var99".
 *
 *   listRealDatasets();
 */
export function listRealDatasets(): string[] {
  return Object.keys(realDataManifest());
}

/**
 * Loads real dataset `id` from `<cacheDir>/<id>/` (cacheDir defaults to $DIFFSIM_DATA_DIR or the user
 * cache folder) with the paper's preprocessing; null when its files are not in the cache. Throws
 * InputError for an unknown id or a corrupt/unexpected file (naming the file and what was expected);
 * every manifest file present is first checked for its format signature (`fileFormatProblem`), so a
 * truncated download or a saved error page is reported as such.
 *
 *   const data = loadRealFromCache("Hatsopoulos2007", { cacheDir: "/data/diffsim" });
 *   data?.shape;   // [10, 391, 141]
 */
export function loadRealFromCache(id: string, options?: { cacheDir?: string }): Dataset | null {
  const entry = manifestEntry(id);
  const dir = datasetCacheDir(id, optionsObject(options, "options").cacheDir);
  if (!existsSync(dir)) return null;
  for (const file of [...entry.files, ...(entry.alternates ?? [])]) {
    const path = join(dir, file.name);
    const problem = existsSync(path) ? fileFormatProblem(path) : null;
    if (problem) throw new InputError(path, `a complete ${extname(file.name)} file`, `it is ${problem}`);
  }
  return LOADERS[id](dir);
}

/**
 * Downloads the files of real dataset `id` into `<cacheDir>/<id>/` (see `downloadFiles`: checksum check
 * when known, atomic rename, alternates). Resolves to the paths of the files; rejects with
 * DownloadError when offline or for a non-public dataset (the message says where to put the files).
 *
 *   await downloadDataset("FreemanZiemba2013", { onProgress: progressBar() });
 */
export async function downloadDataset(id: string, opts?: { cacheDir?: string } & DownloadOptions): Promise<string[]> {
  const options = optionsObject(opts, "options");
  return downloadFiles(manifestEntry(id), datasetCacheDir(id, options.cacheDir), options);
}

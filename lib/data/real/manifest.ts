import { readFileSync } from "fs";
import { join } from "path";
import { InputError } from "../../errors";

/** How a downloaded file is verified; "unknown" when no public checksum is known. */
export type Checksum = { algorithm: "sha1" | "sha256" | "md5"; value: string } | "unknown";

/** One file of a dataset in data/manifest.json. */
export interface ManifestFile {
  /** File name in the cache folder `<cache>/<dataset id>/`. */
  name: string;
  /** Download addresses, tried in order (empty for data that are not public). */
  urls: string[];
  /** Size in bytes, or "unknown". */
  size: number | "unknown";
  sizeNote?: string;
  checksum: Checksum;
  /** Loading works without this file; a failed download of it is not an error. */
  optional?: boolean;
  format: string;
}

/** One dataset of data/manifest.json. */
export interface ManifestDataset {
  title: string;
  citation: string;
  public: boolean;
  landingPage: string;
  license: string;
  /** Files to download. */
  files: ManifestFile[];
  /** Files that replace `files` when none of their addresses works. */
  alternates?: ManifestFile[];
}

const MANIFEST_PATH = join(__dirname, "..", "..", "..", "data", "manifest.json");
let cached: Record<string, ManifestDataset> | null = null;

/**
 * The real-data manifest (data/manifest.json): for every dataset id its public addresses, file names,
 * sizes and checksums where known.
 *
 *   Object.keys(realDataManifest());   // ["Mante2013", "Hatsopoulos2007", …]
 */
export function realDataManifest(): Record<string, ManifestDataset> {
  cached ??= (JSON.parse(readFileSync(MANIFEST_PATH, "utf8")) as { datasets: Record<string, ManifestDataset> }).datasets;
  return cached;
}

/**
 * The manifest entry of dataset `id`; InputError listing the known ids otherwise.
 *
 *   manifestEntry("MajajHong2015").files[0].checksum;   // { algorithm: "sha1", value: "13d28ca…" }
 */
export function manifestEntry(id: string): ManifestDataset {
  const entry = realDataManifest()[id];
  if (!entry) throw new InputError("id", `one of the real datasets ${Object.keys(realDataManifest()).join(", ")}`, `got '${id}'`);
  return entry;
}

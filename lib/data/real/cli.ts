/**
 * Command line for the real datasets:
 *
 *   npx tsx lib/data/real/cli.ts list                       # ids, cache folder, what is downloaded
 *   npx tsx lib/data/real/cli.ts download Mante2013         # one dataset, with a progress bar
 *   npx tsx lib/data/real/cli.ts download all --cache-dir /data/diffsim
 *
 * The cache folder defaults to $DIFFSIM_DATA_DIR, else the user cache folder.
 */
import { existsSync } from "fs";
import { join } from "path";
import { datasetCacheDir, downloadDataset, listRealDatasets, manifestEntry, progressBar, resolveCacheDir } from "./index";

async function main(argv: string[]): Promise<number> {
  const at = argv.indexOf("--cache-dir");
  const cacheDir = at >= 0 ? argv[at + 1] : undefined;
  const [command, target] = argv.filter((_, i) => at < 0 || (i !== at && i !== at + 1));
  if (command === "list") {
    console.log(`cache folder: ${resolveCacheDir(cacheDir)}`);
    for (const id of listRealDatasets()) {
      const entry = manifestEntry(id);
      const present = entry.files.filter((f) => existsSync(join(datasetCacheDir(id, cacheDir), f.name))).length;
      console.log(`${id.padEnd(32)} ${entry.public ? "public" : "not public"}  ${present}/${entry.files.length} files in cache`);
    }
    return 0;
  }
  if (command === "download" && target) {
    const ids = target === "all" ? listRealDatasets().filter((id) => manifestEntry(id).public) : [target];
    for (const id of ids) {
      const paths = await downloadDataset(id, { cacheDir, onProgress: progressBar() });
      console.log(`${id}: ${paths.join(", ")}`);
    }
    return 0;
  }
  console.error("usage: cli.ts list | download <dataset id|all> [--cache-dir DIR]");
  return 2;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(`${error.name}: ${error.message}`);
    process.exit(1);
  },
);

/**
 * `diffsim datasets`: the built-in datasets (listDatasets), one described in full, the download of
 * real data into the cache folder (downloadDataset; progress bar on a terminal) and what the cache holds.
 *
 *   diffsim datasets
 *   diffsim datasets describe Mante2013 --json
 *   diffsim datasets download FreemanZiemba2013 --cache-dir /data/diffsim
 *   diffsim datasets download all          # every dataset whose real data are public
 *   diffsim datasets cache                 # the cache folder and the files of each dataset in it
 */
import { existsSync } from "fs";
import { join } from "path";
import { Command } from "commander";
import { DatasetInfo, listDatasets, loadDataset } from "../data/datasets";
import { datasetCacheDir, downloadDataset, listRealDatasets, manifestEntry, progressBar, resolveCacheDir } from "../data/real";
import { UsageError, asUsage } from "./exit";
import { printJsonLines, printTable } from "./output";

/** The info of dataset `id`; an unknown id is bad usage with loadDataset's nearest-id suggestions. */
function datasetInfo(id: string): DatasetInfo {
  const info = listDatasets().find((d) => d.id === id);
  if (info) return info;
  asUsage("id", () => loadDataset(id)); // throws: unknown id, with suggestions
  throw new Error(`unreachable: loadDataset accepted the unlisted id ${id}`);
}

function describe(info: DatasetInfo): string {
  const labels = info.labels.map((l) => `  ${l.name}: ${l.classes.length} classes${l.classNames ? ` (${l.classNames.join(", ")})` : ""}, counts ${l.counts.join(" ")}`);
  return [
    `${info.id} (${info.kind}): ${info.description}`,
    `shape: [${info.shape.join(", ")}]   units: ${info.units}`,
    `sources: ${info.sources.join(", ")}${info.realDataPublic === undefined ? "" : `   real data public: ${info.realDataPublic ? "yes" : "no"}`}`,
    ...(info.primaryLabel ? [`primary label: ${info.primaryLabel}${info.referenceAccuracy === undefined ? "" : ` (neural decoding accuracy ${info.referenceAccuracy})`}`] : []),
    "labels:",
    ...labels,
    `citation: ${info.citation}`,
  ].join("\n");
}

/** The `datasets` subcommand with `describe`, `download` and `cache`. */
export function datasetsCommand(): Command {
  const command = new Command("datasets")
    .description("list the built-in datasets; describe one; download real data; show the cache")
    .option("--json", "one JSON object per dataset and line")
    .addHelpText("after", "\nExamples:\n  $ diffsim datasets\n  $ diffsim datasets describe Mante2013\n  $ diffsim datasets download FreemanZiemba2013")
    .action((options: { json?: boolean }) => {
      const all = listDatasets();
      if (options.json) return printJsonLines(all);
      printTable(all.map((d) => ({ id: d.id, kind: d.kind, shape: `[${d.shape.join(", ")}]`, labels: d.labels.map((l) => l.name).join(" "), sources: d.sources.join(" ") })));
    });
  command
    .command("describe")
    .description("everything known about one dataset: shape, labels and class counts, sources, citation")
    .argument("<id>", "dataset id (see `diffsim datasets`)")
    .option("--json", "as one JSON object")
    .addHelpText("after", "\nExamples:\n  $ diffsim datasets describe toy2d\n  $ diffsim datasets describe Hatsopoulos2007 --json")
    .action((id: string, options: { json?: boolean }) => {
      const info = datasetInfo(id);
      if (options.json) printJsonLines([info]);
      else console.log(describe(info));
    });
  command
    .command("download")
    .description("download the real data of a neural dataset (or of every public one: all) into the cache folder ($DIFFSIM_DATA_DIR or the user cache)")
    .argument("<id>", "neural dataset id, e.g. Mante2013, or all")
    .option("--cache-dir <dir>", "cache folder (default $DIFFSIM_DATA_DIR, else the user cache folder)")
    .addHelpText("after", "\nExamples:\n  $ diffsim datasets download Mante2013\n  $ diffsim datasets download all --cache-dir /data/diffsim")
    .action(async (id: string, options: { cacheDir?: string }) => {
      const real = listRealDatasets();
      if (id !== "all") datasetInfo(id);
      if (id !== "all" && !real.includes(id)) throw new UsageError("id", `a dataset with real data: ${real.join(", ")}, or all`, `got "${id}" (generated locally, nothing to download)`);
      for (const one of id === "all" ? real.filter((r) => manifestEntry(r).public) : [id]) {
        const paths = await downloadDataset(one, { cacheDir: options.cacheDir, onProgress: process.stderr.isTTY ? progressBar() : undefined });
        for (const path of paths) console.log(path);
      }
    });
  command
    .command("cache")
    .description("the cache folder and, per dataset with real data, how many of its files are in it")
    .option("--cache-dir <dir>", "cache folder (default $DIFFSIM_DATA_DIR, else the user cache folder)")
    .option("--json", "one JSON object per dataset and line")
    .addHelpText("after", "\nExamples:\n  $ diffsim datasets cache\n  $ DIFFSIM_DATA_DIR=/data/diffsim diffsim datasets cache --json")
    .action((options: { cacheDir?: string; json?: boolean }) => {
      const rows = listRealDatasets().map((id) => {
        const entry = manifestEntry(id);
        const cached = entry.files.filter((f) => existsSync(join(datasetCacheDir(id, options.cacheDir), f.name))).length;
        return { id, public: entry.public, "files in cache": `${cached}/${entry.files.length}`, folder: datasetCacheDir(id, options.cacheDir) };
      });
      if (options.json) return printJsonLines(rows);
      console.log(`cache folder: ${resolveCacheDir(options.cacheDir)}`);
      printTable(rows.map(({ folder: _folder, ...rest }) => rest));
    });
  return command;
}

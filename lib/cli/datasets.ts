/**
 * `diffsim datasets`: the built-in datasets (listDatasets), one described in full, and the download of
 * a real dataset into the cache folder (downloadDataset; progress bar on a terminal).
 *
 *   diffsim datasets
 *   diffsim datasets describe Mante2013 --json
 *   diffsim datasets download FreemanZiemba2013 --cache-dir /data/diffsim
 */
import { Command } from "commander";
import { DatasetInfo, listDatasets, loadDataset } from "../data/datasets";
import { downloadDataset, listRealDatasets, progressBar } from "../data/real";
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

/** The `datasets` subcommand with `describe` and `download`. */
export function datasetsCommand(): Command {
  const command = new Command("datasets")
    .description("list the built-in datasets; describe one; download real data")
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
    .description("download the real data of a neural dataset into the cache folder ($DIFFSIM_DATA_DIR or the user cache)")
    .argument("<id>", "neural dataset id, e.g. Mante2013")
    .option("--cache-dir <dir>", "cache folder (default $DIFFSIM_DATA_DIR, else the user cache folder)")
    .addHelpText("after", "\nExamples:\n  $ diffsim datasets download Mante2013\n  $ diffsim datasets download FreemanZiemba2013 --cache-dir /data/diffsim")
    .action(async (id: string, options: { cacheDir?: string }) => {
      datasetInfo(id);
      const real = listRealDatasets();
      if (!real.includes(id)) throw new UsageError("id", `a dataset with real data: ${real.join(", ")}`, `got "${id}" (generated locally, nothing to download)`);
      const paths = await downloadDataset(id, { cacheDir: options.cacheDir, onProgress: process.stderr.isTTY ? progressBar() : undefined });
      for (const path of paths) console.log(path);
    });
  return command;
}

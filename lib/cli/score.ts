/**
 * `diffsim score`: similarity scores between two array files, X (the reference, e.g. neural data) and
 * Y (e.g. a model), for one or more measures. Files: .npy, .npz, .h5/.hdf5, .csv, .json, read by
 * loadOwnDataset (2-D samples × features or 3-D time × conditions × neurons, validated).
 *
 *   diffsim score --measure cka neural.npy model.npy
 *   diffsim score -m cka -m procrustes-angular-score --json recording.npz model.h5 --x-array X --y-array layer4
 */
import { Command } from "commander";
import { loadOwnDataset } from "../data/own";
import { score } from "../measures/api";
import { getMeasure } from "../measures/registry";
import { asUsage } from "./exit";
import { collect, nonNegativeInteger } from "./options";
import { printJsonLines, printTable } from "./output";

interface ScoreCliOptions {
  measure: string[];
  json?: boolean;
  xArray?: string;
  yArray?: string;
  seed: number;
}

/** The activity of an array file as a shaped flat array (the input form of score()). */
function readActivity(path: string, array: string | undefined): { data: Float64Array; shape: number[] } {
  const data = loadOwnDataset(path, { activity: array, labels: [] });
  return { data: data.activity.data, shape: data.shape };
}

/** The `score` subcommand. */
export function scoreCommand(): Command {
  return new Command("score")
    .description("score two array files (X the reference, Y the model) with one or more measures")
    .argument("<x-file>", "reference data X: .npy, .npz, .h5, .csv or .json (samples × features, or time × conditions × neurons)")
    .argument("<y-file>", "model data Y with the same samples (rows) as X")
    .requiredOption("-m, --measure <id>", "measure id, repeatable (see `diffsim measures`)", collect)
    .option("--x-array <name>", "array of X's file to use (.npz/.h5/.json; default X, activity or the only 2-D+ array)")
    .option("--y-array <name>", "array of Y's file to use")
    .option("--seed <n>", "seed of stochastic measures (cross-validation splits)", nonNegativeInteger, 0)
    .option("--json", "one JSON object per measure and line: {measure, value, x, y}")
    .addHelpText(
      "after",
      "\nExamples:\n  $ diffsim score --measure cka a.npy b.npy\n  $ diffsim score -m cka -m nbs -m linreg --json neural.npz model.npz\n  $ diffsim score -m procrustes-angular-score rec.h5 model.h5 --x-array activity --y-array layer4",
    )
    .action((xFile: string, yFile: string, options: ScoreCliOptions) => {
      for (const id of options.measure) asUsage("--measure", () => getMeasure(id));
      const X = readActivity(xFile, options.xArray);
      const Y = readActivity(yFile, options.yArray);
      const rows = options.measure.map((measure) => ({ measure, value: score(measure, X, Y, { seed: options.seed }) }));
      if (options.json) printJsonLines(rows.map((r) => ({ ...r, x: xFile, y: yFile })));
      else printTable(rows);
    });
}

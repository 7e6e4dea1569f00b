/**
 * `diffsim optimize`: one optimization run (a RunConfig built from the options), computed and stored by
 * run(), or served from the store when the same run was done before. Progress bar on a terminal, one
 * line otherwise; Ctrl-C cancels (nothing stored).
 *
 *   diffsim optimize --dataset toy2d --measure cka --seed 0 --max-iter 200 --stop-score 0.99
 *   diffsim optimize --data recording.npz --measure procrustes-angular-score --json
 */
import { basename } from "path";
import { Command, Option } from "commander";
import { loadOwnDataset } from "../data/own";
import { progress } from "../display/progress";
import { RunConfig, normalizeConfig } from "../runs/config";
import { arrayHash } from "../runs/dataset";
import { runKey } from "../runs/key";
import { run } from "../runs/run";
import { openStore } from "../runs/store";
import { UsageError, asUsage } from "./exit";
import { collect, finiteNumber, nonNegativeInteger, positiveInteger } from "./options";
import { printJsonLines, printTable } from "./output";

interface OptimizeCliOptions {
  dataset?: string;
  data?: string;
  source?: "auto" | "surrogate" | "real";
  dataSeed?: number;
  measure: string[];
  weight?: number[];
  seed: number;
  lr?: number;
  maxIter?: number;
  stopScore?: number;
  recordEvery?: number;
  decoding?: string[] | true;
  pcs?: boolean;
  snapshots?: boolean;
  store?: string;
  json?: boolean;
}

/** The run config of the options, checked by normalizeConfig (its key paths become option names). */
function configOf(o: OptimizeCliOptions, arrayHashOfData: string | undefined): RunConfig {
  if ((o.dataset === undefined) === (o.data === undefined)) throw new UsageError("--dataset / --data", "exactly one of them", o.dataset ? "got both" : "got neither");
  if (o.weight && o.weight.length !== o.measure.length) throw new UsageError("--weight", `one weight per --measure (${o.measure.length})`, `got ${o.weight.length}`);
  const dataset = arrayHashOfData
    ? { array: arrayHashOfData, name: basename(o.data as string) }
    : { id: o.dataset as string, ...(o.source ? { source: o.source } : {}), ...(o.dataSeed !== undefined ? { seed: o.dataSeed } : {}) };
  const objective = o.measure.length === 1 && !o.weight ? o.measure[0] : { measures: o.measure, weights: o.weight ?? o.measure.map(() => 1) };
  const optimizer = { seed: o.seed, lr: o.lr, maxIter: o.maxIter, stopScore: o.stopScore };
  const record = { every: o.recordEvery, decoding: o.decoding, pcs: o.pcs, snapshots: o.snapshots };
  const defined = (x: object) => Object.fromEntries(Object.entries(x).filter(([, v]) => v !== undefined));
  return { dataset, objective, optimizer: defined(optimizer) as RunConfig["optimizer"], record: defined(record) };
}

/** The option behind a config key path of normalizeConfig's errors, e.g. "optimizer.maxIter" → "--max-iter". */
const OPTION_OF_KEY: [RegExp, string][] = [
  [/^dataset\.source/, "--source"],
  [/^dataset\.seed/, "--data-seed"],
  [/^dataset/, "--dataset"],
  [/^objective\.weights/, "--weight"],
  [/^objective/, "--measure"],
  [/^optimizer\.seed/, "--seed"],
  [/^optimizer\.lr/, "--lr"],
  [/^optimizer\.maxIter/, "--max-iter"],
  [/^optimizer\.stopScore/, "--stop-score"],
  [/^record\.every/, "--record-every"],
  [/^record\.decoding/, "--decoding"],
];

function optionOfKey(path: string): string {
  const option = OPTION_OF_KEY.find(([pattern]) => pattern.test(path))?.[1];
  return option ? `${option} (${path})` : path;
}

/** The `optimize` subcommand. */
export function optimizeCommand(): Command {
  return new Command("optimize")
    .description("optimize a synthetic Y towards a dataset on a measure (one run), stored in the run store")
    .option("-d, --dataset <id>", "built-in dataset id (see `diffsim datasets`)")
    .option("--data <file>", "or your own data: .npy, .npz, .h5, .csv or .json (identified by the hash of its contents)")
    .addOption(new Option("--source <source>", "real data, surrogate or auto (real when cached)").choices(["auto", "surrogate", "real"]))
    .option("--data-seed <n>", "seed of the surrogate / toy generator (default 0)", nonNegativeInteger)
    .requiredOption("-m, --measure <id>", "measure id; repeat for a weighted sum (see --weight)", collect)
    .option("-w, --weight <w>", "weight of each --measure, in order (default 1 each)", (v: string, prev: number[] | undefined) => [...(prev ?? []), finiteNumber(v)])
    .option("-s, --seed <n>", "optimizer seed (initial Y)", nonNegativeInteger, 0)
    .option("--lr <lr>", "Adam learning rate (default 0.1)", finiteNumber)
    .option("--max-iter <n>", "largest number of steps (default 1000)", nonNegativeInteger)
    .option("--stop-score <s>", "stop once the score is above this", finiteNumber)
    .option("--record-every <k>", "record decoding / PCs / snapshots every k steps (default 10)", positiveInteger)
    .option("--decoding [labels...]", "record decoding accuracy of these labels (all labels when none given)")
    .option("--pcs", "record the R² of every PC of X captured by Y")
    .option("--snapshots", "keep copies of Y")
    .option("--store <file>", "run store (default $DIFFSIM_STORE or the user cache folder)")
    .option("--json", "print the run's summary as one JSON object")
    .addHelpText(
      "after",
      "\nExamples:\n  $ diffsim optimize --dataset toy2d --measure cka --max-iter 200 --stop-score 0.99\n  $ diffsim optimize -d Mante2013 --source surrogate -m nbs --seed 1 --decoding context --pcs --store runs.duckdb\n  $ diffsim optimize -d ultrametric -m cka -m nbs -w 0.5 -w 0.5 --json\n  $ diffsim optimize --data recording.npz -m procrustes-angular-score",
    )
    .action(async (options: OptimizeCliOptions) => {
      const own = options.data ? loadOwnDataset(options.data) : undefined;
      const hash = own ? arrayHash(own) : undefined;
      const config = asUsage(optionOfKey, () => normalizeConfig(configOf(options, hash)));
      const key = runKey(config);
      const store = await openStore(options.store);
      try {
        const stored = await store.has(key);
        const controller = new AbortController();
        const cancel = () => controller.abort();
        process.once("SIGINT", cancel);
        const bar = stored ? undefined : progress(config.optimizer.maxIter, `${options.dataset ?? basename(options.data as string)} ${typeof config.objective === "string" ? config.objective : "combination"}`);
        const result = await run(config, {
          store,
          arrays: own && hash ? { [hash]: own } : undefined,
          signal: controller.signal,
          onProgress: (p) => bar?.update(p.iteration, `score ${p.score.toFixed(4)}`),
        });
        process.removeListener("SIGINT", cancel);
        bar?.done(`score ${result.finalScore.toFixed(4)}`);
        if (result.stopReason === "cancelled") throw new Error(`cancelled after ${result.iterations} steps; nothing stored`);
        const [summary] = await store.list({ key });
        if (options.json) printJsonLines([{ ...summary, fromStore: stored, store: store.path }]);
        else {
          printTable([{ key: key.slice(0, 12), dataset: summary.dataset, measure: summary.measure, seed: summary.seed, iterations: summary.iterations, initial: summary.initialScore, final: summary.finalScore, stop: summary.stopReason }]);
          console.log(stored ? `from the store ${store.path}` : `stored in ${store.path} (${summary.wallTimeMs.toFixed(0)} ms)`);
        }
      } finally {
        await store.close();
      }
    });
}

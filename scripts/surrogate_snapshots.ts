/**
 * Snapshots of the synthetic Y along the paper's optimization (Adam lr 0.1, stop at 0.99, at most 1000
 * steps) against the label-free base of a surrogate, kept on a score grid, for the label-structure fit
 * (scripts/fit_label_structure.ts). The measures only see X through row-rotation-invariant Gram
 * structure and Y₀ is isotropic, so a run against O·X₀ is (up to Adam's per-coordinate scaling and ridge
 * CV's row folds) the run against X₀ rotated by O: decoding O·Y_k approximates decoding along the
 * optimization against every label structure without re-running it.
 *
 *   npx tsx scripts/surrogate_snapshots.ts Mante2013 --seeds 1,2 [--measures cka,nbs] [--out output/surrogate-fit]
 *
 * Writes <out>/<dataset>/seed<s>/<measure>.json (scores, iterations) and .f32 (the snapshots, float32).
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Command } from "commander";
import { SURROGATES } from "../lib/data/surrogates";
import { optimize } from "../lib/optimize/optimize";
import { PAPER_PROTOCOL } from "../lib/figures/paper-numbers";
import { FIG3_MEASURES } from "./fig3_reference";

/** Scores at which Y is kept (the first step at or above each), besides the initial and the final Y. */
export const SNAPSHOT_GRID = [0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.88, 0.91, 0.94, 0.96, 0.98];

/** Where the snapshots of one run live. */
export function snapshotPath(out: string, dataset: string, seed: number, measure: string): string {
  return join(out, dataset, `seed${seed}`, measure.replace(/[^A-Za-z0-9_.-]/g, "_"));
}

function main(): void {
  const program = new Command()
    .argument("<dataset>")
    .option("--seeds <list>", "comma-separated seeds", "1")
    .option("--measures <list>", "comma-separated measure ids", FIG3_MEASURES.join(","))
    .option("--out <dir>", "output folder", "output/surrogate-fit")
    .parse();
  const id = program.args[0];
  const def = SURROGATES.find((d) => d.id === id);
  if (!def) throw new Error(`unknown surrogate ${id}`);
  const { seeds, measures, out } = program.opts<{ seeds: string; measures: string; out: string }>();
  for (const seed of seeds.split(",").map(Number)) {
    const X = def.base(seed).activity;
    for (const measure of measures.split(",")) {
      const t0 = Date.now();
      const kept: { iteration: number; score: number; Y: Float32Array }[] = [];
      let next = 0;
      const run = optimize({ data: X.data, shape: def.shape }, measure, {
        seed,
        ...PAPER_PROTOCOL,
        recorders: {
          snapshot: (state) => {
            const first = state.iteration === 0;
            let crossed = false;
            while (next < SNAPSHOT_GRID.length && state.score >= SNAPSHOT_GRID[next]) {
              next++;
              crossed = true;
            }
            if (first || crossed || state.score > PAPER_PROTOCOL.stopScore) kept.push({ iteration: state.iteration, score: state.score, Y: Float32Array.from(state.Y.data) });
            return null;
          },
        },
      });
      const last = run.scores.length - 1;
      if (kept[kept.length - 1].iteration !== last) throw new Error("final step not kept");
      const path = snapshotPath(out, def.id, seed, measure);
      mkdirSync(join(path, ".."), { recursive: true });
      const data = new Float32Array(kept.length * X.data.length);
      kept.forEach((k, i) => data.set(k.Y, i * X.data.length));
      writeFileSync(`${path}.f32`, Buffer.from(data.buffer));
      writeFileSync(`${path}.json`, JSON.stringify({ dataset: def.id, version: def.version, seed, measure, shape: def.shape, iterations: last, stopReason: run.stopReason, snapshots: kept.map(({ iteration, score }) => ({ iteration, score })) }));
      console.log(`${def.id} seed ${seed} ${measure}: ${last} steps (${run.stopReason}), ${kept.length} snapshots, ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    }
  }
}

if (require.main === module) main();

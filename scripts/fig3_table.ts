/**
 * The Fig. 3 table of the surrogates against the paper (§8.1): for every dataset the neural accuracy
 * and, for the six measures, the threshold score (first upward crossing; "never" if the curve does not
 * reach chance + 0.9·(neural − chance) before 0.99) and the accuracy at 0.99, each averaged over seeds,
 * as markdown: paper | surrogate | difference. Real optimizations against the generated surrogates with
 * the paper's protocol (scripts/fig3_decoding.ts), decoding every `--step` of score.
 *
 *   npx tsx scripts/fig3_table.ts [--datasets Mante2013,…] [--seeds 1,2,3] [--step 0.01] [--measures …] [--structure json]
 *
 * A threshold score averages the seeds whose curve crosses; the cell says "never" when most seeds do
 * not cross, and "k/n" when only some do.
 */
import { Command } from "commander";
import { SURROGATES } from "../lib/data/surrogates";
import { fig3Run } from "./fig3_decoding";
import { FIG3_MEASURES, FIG3_REFERENCE, rangeDistance } from "./fig3_reference";

function main(): void {
  const o = new Command()
    .option("--datasets <list>", "comma-separated dataset ids", Object.keys(FIG3_REFERENCE).join(","))
    .option("--seeds <list>", "comma-separated seeds", "1,2,3")
    .option("--measures <list>", "comma-separated measure ids", FIG3_MEASURES.join(","))
    .option("--step <x>", "decode every time the score has risen by this much", "0.01")
    .option("--structure <json>", "label structure to try instead of the fitted one (one dataset)")
    .parse()
    .opts<{ datasets: string; seeds: string; measures: string; step: string; structure?: string }>();
  const structure = o.structure ? JSON.parse(o.structure) : undefined;
  const seeds = o.seeds.split(",").map(Number);
  const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
  const fmt = (x: number) => x.toFixed(2);
  console.log(`Fig. 3 on the surrogates: seeds ${o.seeds}, decoding every ${o.step} of score; threshold score (accuracy at 0.99).\n`);
  console.log("| dataset | measure | paper | surrogate | difference |");
  console.log("|---|---|---|---|---|");
  for (const id of o.datasets.split(",")) {
    const def = SURROGATES.find((d) => d.id === id);
    const reference = FIG3_REFERENCE[id];
    if (!def || !reference) throw new Error(`unknown dataset ${id}`);
    const neural: number[] = [];
    const rows: string[] = [];
    for (const measure of o.measures.split(",") as (keyof typeof reference.cells)[]) {
      const runs = seeds.map((seed) => fig3Run(def, seed, measure, { scoreStep: Number(o.step), structure }));
      if (neural.length === 0) neural.push(...runs.map((r) => r.neural));
      const crossings = runs.map((r) => r.crossing).filter((c): c is number => c !== null);
      const final = mean(runs.map((r) => r.final));
      const cell = reference.cells[measure];
      const paper = `${cell.crossing ? (cell.crossing[0] === cell.crossing[1] ? fmt(cell.crossing[0]) : `${fmt(cell.crossing[0])}–${fmt(cell.crossing[1])}`) : "never"}${cell.final !== undefined ? ` (${fmt(cell.final)})` : ""}`;
      const crossed = crossings.length * 2 > runs.length;
      const ours = `${crossed ? fmt(mean(crossings)) : "never"}${crossings.length > 0 && crossings.length < runs.length ? ` [${crossings.length}/${runs.length} cross]` : ""} (${fmt(final)})`;
      let difference: string;
      if (cell.crossing && crossed) difference = `${rangeDistance(mean(crossings), cell.crossing) <= 0.05 ? "ok" : "MISS"} ${signedFromRange(mean(crossings), cell.crossing)}`;
      else if (!cell.crossing && !crossed) difference = cell.final !== undefined ? `${Math.abs(final - cell.final) <= 0.05 ? "ok" : "MISS"} never; final ${signed(final - cell.final)}` : "ok never";
      else difference = cell.crossing ? "MISS: never crosses" : "MISS: crosses";
      rows.push(`| ${id} | ${measure} | ${paper} | ${ours} | ${difference} |`);
      console.error(`${id} ${measure}: ${runs.map((r) => `${r.crossing === null ? "never" : r.crossing.toFixed(3)}/${r.final.toFixed(3)} (${r.iterations} steps)`).join(", ")}`);
    }
    const n = mean(neural);
    console.log(`| ${id} | neural accuracy | ${reference.neural} | ${n.toFixed(3)} | ${Math.abs(n - reference.neural) <= 0.02 ? "ok" : "MISS"} ${signed(n - reference.neural)} |`);
    rows.forEach((r) => console.log(r));
  }
}

function signed(x: number): string {
  return `${x >= 0 ? "+" : "−"}${Math.abs(x).toFixed(2)}`;
}

function signedFromRange(x: number, [low, high]: [number, number]): string {
  return signed(x < low ? x - low : x > high ? x - high : 0);
}

main();

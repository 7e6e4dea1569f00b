/**
 * Offline calibration of the surrogates' mixing angles θ (datasets.md §6.3 step 5). Not used when
 * loading: its output is stored as constants in each surrogate file. Re-run after changing a recipe:
 *
 *   npx tsx lib/data/surrogates/calibrate.ts Mante2013 Hatsopoulos2007
 *
 * For every (θ, label, target accuracy, decoder C) of a definition's `calibration` list, in order, θ is
 * found by bisection on [0, π/2] (accuracy falls as θ grows) so that the mean decoding accuracy of the
 * label (lib/analysis/decoding.ts: L2 logistic with that C, default 1; 5 stratified folds per time step)
 * over surrogate seeds 101…100+K (each decoded with its own fold seed) equals the target. Using the same
 * seeds at every step makes the accuracy a deterministic function of θ, so bisection is well defined.
 * Definitions with several angles get two passes over the list (the angles interact a little).
 */
import { decode } from "../../analysis/decoding";
import type { SurrogateDefinition } from "./definition";

/** Settings of `calibrateThetas`. */
export interface CalibrationOptions {
  /** Number of surrogate seeds averaged per evaluation. Default 4. */
  seeds?: number;
  /** Bisection steps per angle. Default 9 (resolution π/2¹⁰ ≈ 0.0015). */
  steps?: number;
  /** Passes over the calibration list. Default 1. */
  passes?: number;
  /** Progress lines go here. Default: none. */
  log?: (line: string) => void;
}

/**
 * Mean decoding accuracy of `label` (decoder inverse regularization C) over surrogate seeds
 * 101 … 100 + seeds with the given angles.
 *
 *   meanAccuracy(MANTE_2013, MANTE_2013.thetas, "context", 4); // ≈ 0.886
 */
export function meanAccuracy(def: SurrogateDefinition, thetas: Readonly<Record<string, number>>, label: string, seeds: number, C = 1): number {
  const labels = def.labels.find((l) => l.name === label);
  if (!labels) throw new Error(`calibrate: ${def.id} has no label ${label}`);
  let sum = 0;
  for (let k = 1; k <= seeds; k++) sum += decode(def.generate(100 + k, thetas).activity, def.shape, labels.values, { seed: 100 + k, C }).accuracy;
  return sum / seeds;
}

/**
 * Calibrated angles for a definition (starting from its current ones).
 *
 *   calibrateThetas(MANTE_2013, { log: console.log }); // { context: 0.6…, … }
 */
export function calibrateThetas(def: SurrogateDefinition, options: CalibrationOptions = {}): Record<string, number> {
  const seeds = options.seeds ?? 4;
  const steps = options.steps ?? 9;
  const thetas: Record<string, number> = { ...def.thetas };
  for (let pass = 0; pass < (options.passes ?? 1); pass++)
    for (const { theta, label, accuracy, C } of def.calibration) {
      let lo = 0;
      let hi = Math.PI / 2;
      for (let s = 0; s < steps; s++) {
        const mid = (lo + hi) / 2;
        const acc = meanAccuracy(def, { ...thetas, [theta]: mid }, label, seeds, C);
        options.log?.(`${def.id} ${theta}: θ = ${mid.toFixed(4)} → ${label} accuracy ${acc.toFixed(4)} with C = ${C ?? 1} (target ${accuracy})`);
        if (acc > accuracy) lo = mid;
        else hi = mid;
      }
      thetas[theta] = Number(((lo + hi) / 2).toFixed(4));
    }
  return thetas;
}

if (require.main === module) {
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const { SURROGATES } = require("./index") as typeof import("./index");
  const ids = process.argv.slice(2);
  for (const def of SURROGATES.filter((d) => ids.length === 0 || ids.includes(d.id))) {
    const thetas = calibrateThetas(def, { log: console.log, passes: def.calibration.length > 1 ? 2 : 1 });
    console.log(`${def.id}: thetas ${JSON.stringify(thetas)}`);
    for (const { label, accuracy, C } of def.calibration)
      console.log(`  check ${label} (C = ${C ?? 1}): ${meanAccuracy(def, thetas, label, 4, C).toFixed(4)} (target ${accuracy})`);
  }
}

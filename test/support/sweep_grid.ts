import type { Grid } from "../../lib/runs";

/** A small grid of the resume tests: 12 runs of about 0.1 s each on toy datasets, every recording (long enough that a kill lands mid-sweep). */
export const RESUME_GRID: Grid = {
  datasets: ["toy2d", "ultrametric"],
  measures: ["cka", "procrustes-angular-score"],
  seeds: [0, 1, 2],
  optimizer: { maxIter: 100 },
  record: { every: 10, decoding: true, pcs: true, snapshots: true },
};

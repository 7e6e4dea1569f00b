import type { Grid } from "../../lib/runs";

/** A small grid of the resume and merge tests: 12 runs of 0.1–1 s on toy datasets, every recording. */
export const RESUME_GRID: Grid = {
  datasets: ["toy2d", "ultrametric"],
  measures: ["cka", "procrustes-angular-score"],
  seeds: [0, 1, 2],
  optimizer: { maxIter: 30 },
  record: { every: 10, decoding: true, pcs: true, snapshots: true },
};

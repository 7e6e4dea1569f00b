import type { RunConfig } from "../../lib/runs";

/** A run big enough for OpenBLAS to split its products over threads (270×205 surrogate of FreemanZiemba2013). */
export const DETERMINISM_CONFIG = {
  dataset: { id: "FreemanZiemba2013", source: "surrogate" as const, seed: 0 },
  objective: "cka",
  optimizer: { seed: 0, maxIter: 25 },
  record: { every: 5, pcs: true, decoding: true, snapshots: true },
} satisfies RunConfig;

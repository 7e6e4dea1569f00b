import type { RunConfig } from "../../lib/runs";

/**
 * Runs big enough for the kernels to split their products over threads: OpenBLAS splits the 270×205
 * products of the FreemanZiemba2013 surrogate; the wasm kernel only splits products above 3·10⁷ flops,
 * such as the 3200×168 Gram products of MajajHong2015.
 */
export const DETERMINISM_CONFIGS = {
  native: {
    dataset: { id: "FreemanZiemba2013", source: "surrogate", seed: 0 },
    objective: "cka",
    optimizer: { seed: 0, maxIter: 25 },
    record: { every: 5, pcs: true, decoding: true, snapshots: true },
  },
  wasm: {
    dataset: { id: "MajajHong2015", source: "surrogate", seed: 0 },
    objective: "cka",
    optimizer: { seed: 0, maxIter: 10 },
    record: { every: 5, pcs: true, snapshots: true },
  },
} satisfies Record<string, RunConfig & { dataset: { id: string; source: "surrogate"; seed: number } }>;

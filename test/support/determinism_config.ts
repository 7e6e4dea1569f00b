import type { RunConfig } from "../../lib/runs";

/**
 * Runs big enough for the kernels to split their products over threads: the native kernels use
 * several OpenBLAS threads from SERIAL_FLOPS = 5·10⁷ flops on, the wasm kernel from 3·10⁷, so both
 * split the 3200×168 products of the MajajHong2015 surrogate (1.8·10⁸ flops).
 */
export const DETERMINISM_CONFIGS = {
  native: {
    dataset: { id: "MajajHong2015", source: "surrogate", seed: 0 },
    objective: "cka",
    optimizer: { seed: 0, maxIter: 10 },
    record: { every: 5, pcs: true, decoding: true, snapshots: true },
  },
  wasm: {
    dataset: { id: "MajajHong2015", source: "surrogate", seed: 0 },
    objective: "cka",
    optimizer: { seed: 0, maxIter: 10 },
    record: { every: 5, pcs: true, snapshots: true },
  },
} satisfies Record<string, RunConfig & { dataset: { id: string; source: "surrogate"; seed: number } }>;

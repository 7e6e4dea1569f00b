// Prints, as JSON, the sha256 of a computeRun's numbers and of the same optimization without the
// one-thread pin, under this process's DIFFSIM_THREADS and DIFFSIM_KERNEL (test/runs/determinism.test.ts).
//   node --import tsx test/support/threads_probe.ts native|wasm
import { createHash } from "crypto";
import { optimize } from "../../lib";
import { computeRun } from "../../lib/runs";
import { resolveDataset } from "../../lib/runs/dataset";
import { gemmKernelInUse } from "../../lib/tensor/matrix";
import { DETERMINISM_CONFIGS } from "./determinism_config";

// JSON writes every double exactly (shortest round-trip form); typed arrays as plain lists
const hash = (x: unknown) => createHash("sha256").update(JSON.stringify(x, (_, v) => (v instanceof Float64Array ? Array.from(v) : v))).digest("hex");
const config = DETERMINISM_CONFIGS[process.argv[2] as keyof typeof DETERMINISM_CONFIGS];
const r = computeRun(config);
const { wallTimeMs, createdAt, host, ...numbers } = r;
const X = resolveDataset(config.dataset);
const unpinned = optimize({ data: X.activity.data, shape: X.shape }, config.objective, { seed: config.optimizer.seed, maxIter: config.optimizer.maxIter });
console.log(JSON.stringify({ threads: process.env.DIFFSIM_THREADS, kernel: gemmKernelInUse(), pinned: hash(numbers), unpinned: hash(unpinned.scores), finalScore: r.finalScore }));

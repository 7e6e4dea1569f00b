// Prints, as JSON, the sha256 of a computeRun's numbers and of the same optimization without the
// one-thread pin, under this process's DIFFSIM_THREADS (test/runs/determinism.test.ts).
import { createHash } from "crypto";
import { optimize } from "../../lib";
import { computeRun } from "../../lib/runs";
import { resolveDataset } from "../../lib/runs/dataset";
import { gemmKernelInUse } from "../../lib/tensor/matrix";
import { DETERMINISM_CONFIG } from "./determinism_config";

// JSON writes every double exactly (shortest round-trip form); typed arrays as plain lists
const hash = (x: unknown) => createHash("sha256").update(JSON.stringify(x, (_, v) => (v instanceof Float64Array ? Array.from(v) : v))).digest("hex");
const r = computeRun(DETERMINISM_CONFIG);
const { wallTimeMs, createdAt, host, ...numbers } = r;
const X = resolveDataset({ id: "FreemanZiemba2013", source: "surrogate", seed: 0 });
const unpinned = optimize({ data: X.activity.data, shape: X.shape }, "cka", { seed: 0, maxIter: DETERMINISM_CONFIG.optimizer.maxIter });
console.log(JSON.stringify({ threads: process.env.DIFFSIM_THREADS, kernel: gemmKernelInUse(), pinned: hash(numbers), unpinned: hash(unpinned.scores), finalScore: r.finalScore }));

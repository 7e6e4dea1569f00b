// A sweep as a command would run it, for the resume tests (test/runs/sweep.test.ts):
//   node --import tsx test/support/sweep_runner.ts STORE WORKERS
// SIGINT and SIGTERM stop it gracefully (sweep's signal); it prints one JSON line per stored run and
// one with the summary at the end.
import { expandGrid, sweep } from "../../lib/runs";
import { RESUME_GRID } from "./sweep_grid";

const [store, workers] = process.argv.slice(2);
const controller = new AbortController();
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => controller.abort());
sweep(expandGrid(RESUME_GRID), {
  store,
  workers: Number(workers),
  signal: controller.signal,
  onProgress: (p) => console.log(JSON.stringify({ event: "progress", computed: p.computed, failed: p.failed })),
}).then(
  (summary) => console.log(JSON.stringify({ event: "done", ...summary })),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);

/**
 * A sweep worker: a child process started by sweep() (child_process.fork, TypeScript through tsx,
 * DIFFSIM_THREADS=1). It computes the configs its parent sends and sends the results back; it never
 * opens the store (the parent is its only writer). It exits when the parent disconnects or dies.
 *
 * Messages: parent → worker { type: "arrays", arrays } (PortableArrays, once) and { type: "run", key, config };
 * worker → parent { type: "ready" }, { type: "result", result } or { type: "error", key, message }.
 */
import { computeRun } from "./compute";
import type { RunConfig } from "./config";
import { PortableArrays, UserArrays, fromPortable } from "./dataset";
import type { RunResult } from "./result";

export type ToWorker = { type: "arrays"; arrays: PortableArrays } | { type: "run"; key: string; config: RunConfig };
export type FromWorker = { type: "ready" } | { type: "result"; result: RunResult } | { type: "error"; key: string; message: string };

if (require.main === module && process.send) {
  let arrays: UserArrays = {};
  const send = (m: FromWorker) => process.send?.(m);
  process.on("message", (m: ToWorker) => {
    if (m.type === "arrays") arrays = fromPortable(m.arrays);
    else {
      try {
        send({ type: "result", result: computeRun(m.config, { arrays }) });
      } catch (e) {
        send({ type: "error", key: m.key, message: e instanceof Error ? `${e.name}: ${e.message}` : String(e) });
      }
    }
  });
  process.on("disconnect", () => process.exit(0));
  send({ type: "ready" });
}

/**
 * Whether the machine looks oversubscribed, for the multi-threaded kernels: its 1-minute load average
 * above cores + ½ (this process's own busy threads count about one per core). There, a kernel's second
 * thread waits for a core that other processes hold — even processes at the lowest priority, since
 * OpenBLAS's threads yield while they wait — so large calls run on one thread instead. Measured on 2
 * cores at load average 11 (other jobs at nice 19): an NBS step on Mante2013 took 1618 ms on 2 OpenBLAS
 * threads and 172 ms on 1.
 *
 *   const busy = busyCheck();       // reads os.loadavg() at most once a second
 *   if (busy()) { ... one thread ... }
 */
import { availableParallelism, loadavg } from "os";

/**
 * A check that re-reads the load at most once per `periodMs` and answers from the last reading in
 * between (a call costs a clock read). `readLoad`, `cores` and `now` are there for tests.
 *
 *   busyCheck(() => 3.1, 2)();   // true: 3.1 > 2.5
 */
export function busyCheck(readLoad: () => number = () => loadavg()[0], cores: number = availableParallelism(), now: () => number = Date.now, periodMs = 1000): () => boolean {
  let checked = -Infinity;
  let busy = false;
  return () => {
    const t = now();
    if (t - checked > periodMs) {
      checked = t;
      busy = readLoad() > cores + 0.5;
    }
    return busy;
  };
}

/** The process-wide check (one load reading a second shared by every kernel). */
export const machineBusy = busyCheck();

/**
 * Timing helpers of the benchmark suite: repeated wall-clock and CPU-time measurements, geometric
 * means, and the machine state (load average, resident memory) printed beside every result, because
 * the project's machines are shared and noisy.
 *
 *   const t = timeRepeated(() => step(), { warmup: 2, count: 10, maxSeconds: 60 });
 *   t.median; t.min; t.max; t.cpuMedian;   // ms
 */
import { cpus, loadavg } from "os";

/** Statistics of repeated runs, in milliseconds. */
export interface Timing {
  median: number;
  min: number;
  max: number;
  /** Median and minimum CPU time (user + system) of this process per run: less sensitive to other processes' load. */
  cpuMedian: number;
  cpuMin: number;
  /** Timed runs (after warm-up); fewer than requested when maxSeconds ran out. */
  count: number;
}

export interface RepeatOptions {
  /** Untimed runs first (JIT tier-up, caches, lazy preparation). */
  warmup: number;
  /** Timed runs wanted. */
  count: number;
  /** Stop timing after this many seconds (at least 3 timed runs are still made). */
  maxSeconds: number;
}

/** Median of a non-empty list. */
export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const h = s.length >> 1;
  return s.length % 2 ? s[h] : 0.5 * (s[h - 1] + s[h]);
}

/** exp(mean(log x)) of positive numbers. */
export function geomean(xs: number[]): number {
  return Math.exp(xs.reduce((s, x) => s + Math.log(x), 0) / xs.length);
}

/** Runs `fn` warmup + count times and times the last `count` (wall clock and process CPU time). */
export function timeRepeated(fn: () => void, options: RepeatOptions): Timing {
  for (let i = 0; i < options.warmup; i++) fn();
  const wall: number[] = [];
  const cpu: number[] = [];
  const deadline = performance.now() + options.maxSeconds * 1000;
  while (wall.length < options.count && (wall.length < 3 || performance.now() < deadline)) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    fn();
    wall.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  return timingOf(wall, cpu);
}

/** The statistics of measured wall-clock and CPU times (ms, same length, non-empty). */
export function timingOf(wall: number[], cpu: number[]): Timing {
  return { median: median(wall), min: Math.min(...wall), max: Math.max(...wall), cpuMedian: median(cpu), cpuMin: Math.min(...cpu), count: wall.length };
}

/** Load average, CPU model and memory of this process (MB), for the report header and each row. */
export function machineState(): { loadavg: number[]; cpu: string; cores: number; rssMB: number; peakRssMB: number } {
  return {
    loadavg: loadavg().map((x) => Math.round(x * 100) / 100),
    cpu: cpus()[0]?.model ?? "unknown",
    cores: cpus().length,
    rssMB: Math.round(process.memoryUsage().rss / 2 ** 20),
    peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
  };
}

/**
 * Progress of long loops: in a notebook one output updated in place (display_id), on a terminal one
 * bar redrawn on stderr, elsewhere (logs, CI, tests) a single line when the loop finishes. Updates are
 * throttled, so calling it every step of a 10 000-step loop costs nothing visible.
 *
 *   const bar = progress(steps, "optimizing Y");
 *   for (let i = 0; i < steps; i++) { step(); bar.tick(`cka ${value.toFixed(3)}`); }
 *   bar.done();
 *
 *   for (const seed of trackProgress([0, 1, 2], "seeds")) run(seed);
 */
import { InputError, received } from "../errors";
import { displayBundle, inKernel, newDisplayId } from "./kernel";

/** A running progress display. */
export interface Progress {
  /** Sets the number of finished items (0…total) and an optional note such as the current score. */
  update(done: number, note?: string): void;
  /** One more item finished. */
  tick(note?: string): void;
  /** Marks the loop finished and shows the final state (idempotent). */
  done(note?: string): void;
}

/** Options of `progress`. */
export interface ProgressOptions {
  /** Minimum milliseconds between two redraws (default 200 in notebooks, 100 on terminals). */
  intervalMs?: number;
  /** Where terminal output goes (default process.stderr). */
  stream?: NodeJS.WriteStream;
}

type Sink = (line: { fraction: number; text: string }, final: boolean) => void;

function seconds(ms: number): string {
  return ms < 60_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`;
}

function kernelSink(): Sink {
  const displayId = newDisplayId();
  let shown = false;
  return ({ fraction, text }) => {
    const html = `<div class="diffsim-progress" style="font-family:monospace"><progress value="${fraction.toFixed(4)}" max="1" style="width:16em;vertical-align:middle"></progress> ${text.replace(/&/g, "&amp;").replace(/</g, "&lt;")}</div>`;
    displayBundle({ "text/html": html, "text/plain": text }, { displayId, update: shown });
    shown = true;
  };
}

function terminalSink(stream: NodeJS.WriteStream): Sink {
  return ({ fraction, text }, final) => {
    const width = 24;
    const filled = Math.round(fraction * width);
    stream.write(`\r[${"#".repeat(filled)}${"-".repeat(width - filled)}] ${text}\x1b[K${final ? "\n" : ""}`);
  };
}

function logSink(stream: NodeJS.WriteStream): Sink {
  return ({ text }, final) => {
    if (final) stream.write(`${text}\n`);
  };
}

/**
 * Starts a progress display for `total` items: "label 45/100 (45%) 3.1 s, ~3.8 s left · note".
 *
 *   const bar = progress(200, "seeds");
 *   for (let s = 0; s < 200; s++) { fit(s); bar.tick(); }
 *   bar.done();
 */
export function progress(total: number, label = "", options: ProgressOptions = {}): Progress {
  if (!Number.isInteger(total) || total < 0) throw new InputError("total", "a non-negative integer number of items", `got ${received(total)}`);
  const stream = options.stream ?? process.stderr;
  const notebook = inKernel();
  const sink = notebook ? kernelSink() : stream.isTTY ? terminalSink(stream) : logSink(stream);
  const interval = options.intervalMs ?? (notebook ? 200 : 100);
  const started = Date.now();
  let count = 0;
  let lastDraw = -Infinity;
  let finished = false;

  const render = (note: string | undefined, final: boolean) => {
    const elapsed = Date.now() - started;
    const fraction = total === 0 ? 1 : Math.min(count / total, 1);
    const eta = !final && count > 0 && count < total ? `, ~${seconds((elapsed / count) * (total - count))} left` : "";
    const text = `${label ? `${label} ` : ""}${count}/${total} (${Math.round(fraction * 100)}%) ${seconds(elapsed)}${eta}${note ? ` · ${note}` : ""}`;
    sink({ fraction, text }, final);
    lastDraw = Date.now();
  };

  const bar: Progress = {
    update(done, note) {
      if (!Number.isFinite(done) || done < 0) throw new InputError("done", "a finished-item count ≥ 0", `got ${received(done)}`);
      if (finished) return;
      count = done;
      if (Date.now() - lastDraw >= interval) render(note, false);
    },
    tick(note) {
      bar.update(count + 1, note);
    },
    done(note) {
      if (finished) return;
      finished = true;
      render(note, true);
    },
  };
  render(undefined, false);
  return bar;
}

/**
 * Iterates over `items` while showing progress; the display finishes when the loop ends (or breaks).
 *
 *   for (const id of trackProgress(listMeasures().map((m) => m.id), "measures")) scores.push(score(id, X, Y));
 */
export function* trackProgress<T>(items: readonly T[], label = "", options: ProgressOptions = {}): Generator<T> {
  const bar = progress(items.length, label, options);
  try {
    for (const item of items) {
      yield item;
      bar.tick();
    }
  } finally {
    bar.done();
  }
}

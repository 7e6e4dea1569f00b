/**
 * Stored runs as danfo.js DataFrames, for notebooks (showTable, plotly figures, groupby).
 *
 *   const runs = await runsFrame({ dataset: "toy2d" }, { store: "runs.duckdb" });
 *   const steps = await runsFrame({ measure: "cka" }, { store: "runs.duckdb", table: "steps" });
 *   showTable(runs);
 */
import type { DataFrame } from "danfojs-node";
import type { RunQuery } from "./result";
import type { TableName } from "./schema";
import { RunStore, openStore } from "./store";

/** Columns of each table's frame, in order (also the columns of an empty frame). */
const COLUMNS: Record<Exclude<TableName, "snapshots">, string[]> = {
  runs: ["key", "dataset", "measure", "seed", "iterations", "initialScore", "finalScore", "stopReason", "nonFinite", "wallTimeMs", "numbersVersion", "kernel", "createdAt", "host"],
  steps: ["key", "dataset", "measure", "seed", "step", "score"],
  decoding: ["key", "dataset", "measure", "seed", "step", "label", "accuracy", "std"],
  pcs: ["key", "dataset", "measure", "seed", "step", "pc", "r2", "explainedVariance"],
};

/**
 * The runs matching `q` (RunSummary columns), or their recordings (`table`: "steps", "decoding" or
 * "pcs", one row per recorded value with the run's key, dataset, measure and seed), as a danfo
 * DataFrame, in key order then step order. `store`: an open store or a path (opened read-only and
 * closed here); default the default store.
 *
 *   (await runsFrame({ measure: ["cka", "nbs"] }, { store, table: "decoding" })).query(...);
 */
export async function runsFrame(q: RunQuery = {}, o: { store?: RunStore | string; table?: Exclude<TableName, "snapshots"> } = {}): Promise<DataFrame> {
  const table = o.table ?? "runs";
  const store = typeof o.store === "object" ? o.store : await openStore(o.store, { readOnly: true });
  try {
    const rows = await store.rows(table, q);
    const columns = COLUMNS[table] ?? Object.keys(rows[0] ?? {});
    const { DataFrame } = await import("danfojs-node"); // loaded on first use (it loads tfjs)
    return new DataFrame(rows.map((r) => columns.map((c) => r[c] as string | number)), { columns });
  } finally {
    if (store !== o.store) await store.close();
  }
}

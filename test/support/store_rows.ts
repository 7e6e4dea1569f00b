import { existsSync, readFileSync } from "fs";
import { join } from "path";
import { DuckDBInstance } from "@duckdb/node-api";
import { TABLES } from "../../lib/runs";

/** Columns that describe one computation (when, where, how long), not its numbers. */
const TIMING = ["wall_time_ms", "created_at", "host"];

/**
 * Everything a store holds that must be the same whenever the same runs are computed again: every row
 * of every table except the timing columns, in a fixed order, plus the bytes of each snapshot file.
 */
export async function storeRows(file: string): Promise<Record<string, unknown[]>> {
  const instance = await DuckDBInstance.create(file, { access_mode: "READ_ONLY" });
  const c = await instance.connect();
  const out: Record<string, unknown[]> = {};
  try {
    for (const table of TABLES) {
      const exclude = table === "runs" ? ` EXCLUDE (${TIMING.join(", ")})` : "";
      const rows = (await c.runAndReadAll(`SELECT *${exclude} FROM ${table} ORDER BY ALL`)).getRowObjects();
      out[table] = table === "runs" ? rows.map((r) => ({ ...r, config: String(r.config) })) : rows;
    }
    out.snapshotFiles = (out.snapshots as { file: string }[]).map((s) => {
      const path = join(`${file}.snapshots`, s.file);
      return existsSync(path) ? readFileSync(path).toString("base64") : `missing ${path}`;
    });
    // no recording without its run (a partial run would show up here)
    out.orphans = (await c.runAndReadAll(TABLES.slice(1).map((t) => `SELECT '${t}' AS t, key FROM ${t} ANTI JOIN runs USING (key)`).join(" UNION ALL "))).getRowObjects();
  } finally {
    c.closeSync();
    instance.closeSync();
  }
  return out;
}

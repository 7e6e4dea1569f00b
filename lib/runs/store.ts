/**
 * The run store: an embedded DuckDB database of runs and their recordings (schema.ts,
 * docs/run-store.md), with Y snapshots as .npy files in a folder beside it. One process writes a
 * store file at a time (DuckDB's rule; a sweep's parent is its only writer); each run goes in with
 * all its rows in one transaction, and a key that is already stored is ignored, never duplicated.
 *
 *   const store = await openStore("runs.duckdb");
 *   await store.put(computeRun(config));       // true; false when that key was already stored
 *   (await store.list({ measure: "cka" })).map((r) => r.finalScore);
 *   await store.export("runs.parquet", "parquet");
 *   await store.close();
 */
import type { DuckDBAppender, DuckDBConnection, DuckDBInstance, DuckDBValue } from "@duckdb/node-api";
import { closeSync, copyFileSync, existsSync, mkdirSync, openSync, readFileSync, renameSync, unlinkSync, writeFileSync } from "fs";
import { basename, dirname, join, resolve } from "path";
import { userCacheDir } from "../data/real/cache";
import { encodeNpy, parseNpy } from "../data/formats/npy";
import { InputError } from "../errors";
import type { StopReason } from "../optimize/optimize";
import type { NormalizedRunConfig } from "./config";
import type { RunQuery, RunResult, RunSummary, Snapshot } from "./result";
import { SCHEMA_SQL, SCHEMA_VERSION, TABLES, TableName } from "./schema";

/** Environment variable with the default store path. */
export const STORE_VARIABLE = "DIFFSIM_STORE";

export interface RunStore {
  /** Absolute path of the database file. */
  readonly path: string;
  /** Folder of the snapshot .npy files (`<path>.snapshots`). */
  readonly snapshotDir: string;
  has(key: string): Promise<boolean>;
  keys(): Promise<Set<string>>;
  get(key: string): Promise<RunResult | undefined>;
  /** Stores a run with all its rows in one transaction; false (and nothing written) when its key is already stored. */
  put(r: RunResult): Promise<boolean>;
  list(q?: RunQuery): Promise<RunSummary[]>;
  /** Rows of one table for the runs matching q, with each run's dataset, measure and seed (runs: its summaries). */
  rows(table: TableName, q?: RunQuery): Promise<Record<string, unknown>[]>;
  /**
   * Copies every run of the store at `source` that this one lacks (all tables, one transaction, and its
   * snapshot files); runs already here are left alone. Returns how many runs were added and skipped.
   */
  merge(source: string): Promise<{ added: number; skipped: number }>;
  /** Writes one table (default "runs") to a Parquet or CSV file (with a header row). */
  export(file: string, format: "parquet" | "csv", table?: TableName): Promise<void>;
  close(): Promise<void>;
}

/**
 * The default store path: $DIFFSIM_STORE, else runs.duckdb in the user cache folder
 * (~/.cache/diffsim/runs.duckdb on Linux, see userCacheDir).
 *
 *   defaultStorePath();   // "/home/me/.cache/diffsim/runs.duckdb"
 */
export function defaultStorePath(): string {
  const fromEnv = process.env[STORE_VARIABLE];
  return fromEnv ? resolve(fromEnv) : join(userCacheDir(), "runs.duckdb");
}

/**
 * Opens (creating it and its tables when needed) the store at `path` (default defaultStorePath(); the
 * default folder is created, a given folder must exist). Throws an InputError naming the path when its
 * folder is missing or not writable, or (readOnly) when the file does not exist; an Error when the
 * store was written by a newer schema or another process holds it open for writing.
 *
 *   const store = await openStore();                                  // the user's store
 *   const shard = await openStore("shard-0.duckdb", { readOnly: true });
 */
export async function openStore(path?: string, o: { readOnly?: boolean } = {}): Promise<RunStore> {
  const file = path === undefined ? defaultStorePath() : resolve(path);
  if (path === undefined) mkdirSync(dirname(file), { recursive: true });
  if (o.readOnly) {
    if (!existsSync(file)) throw new InputError("store", "an existing run store file", `${file} does not exist`);
  } else checkWritableFolder(file);
  const { DuckDBInstance } = await import("@duckdb/node-api"); // loaded on first use: importing the library needs no database
  let instance: DuckDBInstance;
  try {
    instance = await DuckDBInstance.create(file, o.readOnly ? { access_mode: "READ_ONLY" } : {});
  } catch (e) {
    throw new Error(`run store ${file}: cannot open it (${(e as Error).message.split("\n")[0]}); only one process may write a store at a time`);
  }
  const connection = await instance.connect();
  try {
    await checkSchema(connection, file, o.readOnly ?? false);
  } catch (e) {
    connection.closeSync();
    instance.closeSync();
    throw e;
  }
  return new DuckDBRunStore(file, instance, connection, o.readOnly ?? false);
}

/** The folder of `file` must exist and take new files: tried with a probe file (permission bits do not stop root). */
function checkWritableFolder(file: string): void {
  const dir = dirname(file);
  if (!existsSync(dir)) throw new InputError("store", `a path in an existing folder`, `the folder of ${file} does not exist`);
  const probe = join(dir, `.${basename(file)}.probe-${process.pid}`);
  try {
    closeSync(openSync(probe, "wx"));
    unlinkSync(probe);
  } catch (e) {
    throw new InputError("store", "a path in a writable folder", `cannot write in ${dir} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}) for ${file}`);
  }
}

/** Creates the tables of a new store, refuses a newer schema (older ones would be migrated here). */
async function checkSchema(c: DuckDBConnection, file: string, readOnly: boolean): Promise<void> {
  const exists = (await c.runAndReadAll("SELECT count(*) AS n FROM information_schema.tables WHERE table_name = 'schema_version'")).getRowObjects()[0].n;
  if (Number(exists) > 0) {
    const version = Number((await c.runAndReadAll("SELECT max(version) AS v FROM schema_version")).getRowObjects()[0].v);
    if (version > SCHEMA_VERSION)
      throw new Error(`run store ${file} has schema version ${version}, newer than this diffsim reads (${SCHEMA_VERSION}): update diffsim, or use another store`);
    return; // version 1 is the first schema: nothing to migrate yet
  }
  if (readOnly) throw new InputError("store", "a diffsim run store", `${file} has no schema_version table`);
  await c.run("BEGIN TRANSACTION");
  await c.run(SCHEMA_SQL);
  await c.run("INSERT INTO schema_version VALUES ($1, current_timestamp)", [SCHEMA_VERSION]);
  await c.run("COMMIT");
}

class DuckDBRunStore implements RunStore {
  readonly snapshotDir: string;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    readonly path: string,
    private readonly instance: DuckDBInstance,
    private readonly c: DuckDBConnection,
    private readonly readOnly: boolean,
  ) {
    this.snapshotDir = `${path}.snapshots`;
  }

  /** Runs operations one at a time: one connection, and transactions must not interleave. */
  private exclusive<T>(f: () => Promise<T>): Promise<T> {
    const next = this.queue.then(f, f);
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async query(sql: string, values: DuckDBValue[] = []): Promise<Record<string, DuckDBValue>[]> {
    return (await this.c.runAndReadAll(sql, values)).getRowObjects();
  }

  has(key: string): Promise<boolean> {
    return this.exclusive(async () => (await this.query("SELECT 1 FROM runs WHERE key = $1", [key])).length > 0);
  }

  keys(): Promise<Set<string>> {
    return this.exclusive(async () => new Set((await this.query("SELECT key FROM runs")).map((r) => r.key as string)));
  }

  list(q: RunQuery = {}): Promise<RunSummary[]> {
    return this.exclusive(async () => {
      const { where, values } = whereClause(q);
      const limit = q.limit === undefined ? "" : ` LIMIT ${Math.max(0, Math.floor(q.limit))}`;
      return (await this.query(`SELECT ${SUMMARY_COLUMNS} FROM runs${where} ORDER BY key${limit}`, values)).map(summaryOf);
    });
  }

  get(key: string): Promise<RunResult | undefined> {
    return this.exclusive(async () => {
      const [row] = await this.query(`SELECT ${SUMMARY_COLUMNS}, config::VARCHAR AS config FROM runs WHERE key = $1`, [key]);
      if (!row) return undefined;
      const scores = (await this.query("SELECT score FROM steps WHERE key = $1 ORDER BY step", [key])).map((r) => r.score as number);
      const decoding = (await this.query("SELECT step, label, accuracy, std FROM decoding WHERE key = $1 ORDER BY step, label", [key])).map((r) => ({
        step: r.step as number,
        label: r.label as string,
        accuracy: r.accuracy as number,
        std: r.std as number,
      }));
      const pcs = (await this.query("SELECT step, pc, r2, explained_variance FROM pcs WHERE key = $1 ORDER BY step, pc", [key])).map((r) => ({
        step: r.step as number,
        pc: r.pc as number,
        r2: r.r2 as number,
        explainedVariance: r.explained_variance as number,
      }));
      const snapshots = (await this.query("SELECT step, file FROM snapshots WHERE key = $1 ORDER BY step", [key])).map((r): Snapshot => {
        const file = join(this.snapshotDir, r.file as string);
        const array = parseNpy(readFileSync(file), file);
        return { step: r.step as number, shape: array.shape, data: array.values as Float64Array };
      });
      return { ...summaryOf(row), config: JSON.parse(row.config as string) as NormalizedRunConfig, scores, decoding, pcs, snapshots };
    });
  }

  put(r: RunResult): Promise<boolean> {
    if (this.readOnly) return Promise.reject(new Error(`run store ${this.path} is open read-only`));
    return this.exclusive(async () => {
      if ((await this.query("SELECT 1 FROM runs WHERE key = $1", [r.key])).length > 0) return false;
      const files = r.snapshots.map((s) => this.writeSnapshot(r.key, s));
      await this.c.run("BEGIN TRANSACTION");
      try {
        const inserted = await this.c.run(
          "INSERT OR IGNORE INTO runs VALUES ($1, $2::JSON, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14::TIMESTAMP, $15)",
          [r.key, JSON.stringify(r.config), r.dataset, r.measure, BigInt(r.seed), r.iterations, r.initialScore, r.finalScore, r.stopReason, r.nonFinite, r.wallTimeMs, r.numbersVersion, r.kernel, r.createdAt, r.host],
        );
        if (inserted.rowsChanged === 0) {
          await this.c.run("ROLLBACK");
          return false;
        }
        await this.append("steps", r.scores, (a, score, step) => (a.appendVarchar(r.key), a.appendInteger(step), a.appendDouble(score)));
        await this.append("decoding", r.decoding, (a, d) => (a.appendVarchar(r.key), a.appendInteger(d.step), a.appendVarchar(d.label), a.appendDouble(d.accuracy), a.appendDouble(d.std)));
        await this.append("pcs", r.pcs, (a, p) => (a.appendVarchar(r.key), a.appendInteger(p.step), a.appendInteger(p.pc), a.appendDouble(p.r2), a.appendDouble(p.explainedVariance)));
        await this.append("snapshots", r.snapshots, (a, s, i) => (a.appendVarchar(r.key), a.appendInteger(s.step), a.appendVarchar(files[i]), a.appendVarchar(JSON.stringify(s.shape))));
        await this.c.run("COMMIT");
        return true;
      } catch (e) {
        await this.c.run("ROLLBACK").catch(() => undefined);
        throw e;
      }
    });
  }

  rows(table: TableName, q: RunQuery = {}): Promise<Record<string, unknown>[]> {
    if (!TABLES.includes(table)) return Promise.reject(new InputError("table", TABLES.join(", "), `got ${JSON.stringify(table)}`));
    if (table === "runs") return this.list(q).then((runs) => runs.map((r) => ({ ...r })));
    return this.exclusive(async () => {
      const { where, values } = whereClause(q);
      const columns = TABLE_COLUMNS[table];
      const select = `SELECT r.key, r.dataset, r.measure, r.seed, ${columns.map(([c]) => `t.${c}`).join(", ")} FROM runs r JOIN ${table} t USING (key)`;
      const rows = await this.query(`${select}${where} ORDER BY r.key, ${ORDER[table]}`, values);
      return rows.map((r) => ({ key: r.key, dataset: r.dataset, measure: r.measure, seed: Number(r.seed), ...Object.fromEntries(columns.map(([c, name]) => [name, r[c]])) }));
    });
  }

  merge(source: string): Promise<{ added: number; skipped: number }> {
    if (this.readOnly) return Promise.reject(new Error(`run store ${this.path} is open read-only`));
    const from = resolve(source);
    return this.exclusive(async () => {
      const alias = "merge_source";
      await this.c.run(`ATTACH '${from.replace(/'/g, "''")}' AS ${alias} (READ_ONLY)`);
      try {
        const version = Number((await this.query(`SELECT max(version) AS v FROM ${alias}.schema_version`))[0].v);
        if (version > SCHEMA_VERSION) throw new Error(`run store ${from} has schema version ${version}, newer than this diffsim reads (${SCHEMA_VERSION})`);
        const keys = (await this.query(`SELECT s.key FROM ${alias}.runs s ANTI JOIN main.runs m USING (key) ORDER BY s.key`)).map((r) => r.key as string);
        const total = Number((await this.query(`SELECT count(*) AS n FROM ${alias}.runs`))[0].n);
        const snapshots = await this.query(`SELECT s.file FROM ${alias}.snapshots s ANTI JOIN main.runs m USING (key)`);
        for (const r of snapshots) copyAtomically(join(`${from}.snapshots`, r.file as string), join(this.snapshotDir, r.file as string));
        await this.c.run("BEGIN TRANSACTION");
        try {
          for (const table of TABLES) await this.c.run(`INSERT OR IGNORE INTO main.${table} SELECT * FROM ${alias}.${table}`);
          await this.c.run("COMMIT");
        } catch (e) {
          await this.c.run("ROLLBACK").catch(() => undefined);
          throw e;
        }
        return { added: keys.length, skipped: total - keys.length };
      } finally {
        await this.c.run(`DETACH ${alias}`);
      }
    });
  }

  export(file: string, format: "parquet" | "csv", table: TableName = "runs"): Promise<void> {
    if (format !== "parquet" && format !== "csv") return Promise.reject(new InputError("format", '"parquet" or "csv"', `got ${JSON.stringify(format)}`));
    if (!TABLES.includes(table)) return Promise.reject(new InputError("table", TABLES.join(", "), `got ${JSON.stringify(table)}`));
    const target = resolve(file);
    return this.exclusive(async () => {
      const options = format === "parquet" ? "FORMAT parquet" : "FORMAT csv, HEADER true";
      try {
        await this.c.run(`COPY (SELECT * FROM ${table} ORDER BY ALL) TO '${target.replace(/'/g, "''")}' (${options})`);
      } catch (e) {
        throw new InputError("file", `a writable ${format} file path`, `${target}: ${(e as Error).message.split("\n")[0]}`);
      }
    });
  }

  close(): Promise<void> {
    return this.exclusive(async () => {
      this.c.closeSync();
      this.instance.closeSync();
    });
  }

  /** Writes one snapshot as <snapshotDir>/<key>/<step>.npy atomically (temporary file, then rename); returns its path relative to snapshotDir. */
  private writeSnapshot(key: string, s: Snapshot): string {
    const relative = `${key}/${s.step}.npy`;
    const file = join(this.snapshotDir, relative);
    mkdirSync(dirname(file), { recursive: true });
    const temporary = `${file}.${process.pid}.tmp`;
    writeFileSync(temporary, encodeNpy(s.shape, s.data));
    renameSync(temporary, file);
    return relative;
  }

  /** Appends one row per item to `table` (DuckDB's appender: bulk, inside the open transaction). */
  private async append<T>(table: TableName, items: readonly T[], fill: (a: DuckDBAppender, item: T, index: number) => unknown): Promise<void> {
    if (items.length === 0) return;
    const appender = await this.c.createAppender(table);
    try {
      items.forEach((item, i) => {
        fill(appender, item, i);
        appender.endRow();
      });
    } finally {
      appender.closeSync(); // flushes
    }
  }
}

/** Columns of the recording tables (SQL name, RunResult name) and their order. */
const TABLE_COLUMNS: Record<Exclude<TableName, "runs">, [string, string][]> = {
  steps: [["step", "step"], ["score", "score"]],
  decoding: [["step", "step"], ["label", "label"], ["accuracy", "accuracy"], ["std", "std"]],
  pcs: [["step", "step"], ["pc", "pc"], ["r2", "r2"], ["explained_variance", "explainedVariance"]],
  snapshots: [["step", "step"], ["file", "file"], ["shape", "shape"]],
};
const ORDER: Record<Exclude<TableName, "runs">, string> = { steps: "t.step", decoding: "t.step, t.label", pcs: "t.step, t.pc", snapshots: "t.step" };

/** Copies a file through a temporary name and a rename, so the target is never half written. */
function copyAtomically(from: string, to: string): void {
  mkdirSync(dirname(to), { recursive: true });
  const temporary = `${to}.${process.pid}.tmp`;
  copyFileSync(from, temporary);
  renameSync(temporary, to);
}

const SUMMARY_COLUMNS =
  "key, dataset, measure, seed, iterations, initial_score, final_score, stop_reason, non_finite, wall_time_ms, numbers_version, kernel, strftime(created_at, '%Y-%m-%dT%H:%M:%S.%gZ') AS created_at, host";

function summaryOf(r: Record<string, DuckDBValue>): RunSummary {
  return {
    key: r.key as string,
    dataset: r.dataset as string,
    measure: r.measure as string,
    seed: Number(r.seed),
    iterations: r.iterations as number,
    initialScore: r.initial_score as number,
    finalScore: r.final_score as number,
    stopReason: r.stop_reason as StopReason,
    nonFinite: r.non_finite as number,
    wallTimeMs: r.wall_time_ms as number,
    numbersVersion: r.numbers_version as number,
    kernel: r.kernel as string,
    createdAt: r.created_at as string,
    host: r.host as string,
  };
}

/** SQL WHERE for a RunQuery, with positional parameters. */
function whereClause(q: RunQuery): { where: string; values: DuckDBValue[] } {
  const values: DuckDBValue[] = [];
  const parts: string[] = [];
  const filter = (column: string, v: unknown, convert: (x: never) => DuckDBValue = (x) => x) => {
    if (v === undefined) return;
    const list = (Array.isArray(v) ? v : [v]) as never[];
    if (list.length === 0) return parts.push("FALSE");
    parts.push(`${column} IN (${list.map((x) => (values.push(convert(x)), `$${values.length}`)).join(", ")})`);
  };
  filter("key", q.key);
  filter("dataset", q.dataset);
  filter("measure", q.measure);
  filter("seed", q.seed, (x: number) => BigInt(x));
  filter("stop_reason", q.stopReason);
  return { where: parts.length ? ` WHERE ${parts.join(" AND ")}` : "", values };
}

/**
 * The run store's tables (DuckDB), documented in docs/run-store.md. SCHEMA_VERSION is written to the
 * schema_version table of every store; bump it (and add a migration in store.ts) when a table changes.
 * Every table is keyed by the run key, so merging stores is `INSERT OR IGNORE` table by table.
 */

/** Version of the tables below. */
export const SCHEMA_VERSION = 1;

/** Tables in the order a run is written (runs first: its row marks the run as complete). */
export const TABLES = ["runs", "steps", "decoding", "pcs", "snapshots"] as const;
export type TableName = (typeof TABLES)[number];

/** CREATE statements of the schema (idempotent). */
export const SCHEMA_SQL = `
CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL, created_at TIMESTAMP NOT NULL);
CREATE TABLE IF NOT EXISTS runs (
  key VARCHAR PRIMARY KEY,
  config JSON NOT NULL,
  dataset VARCHAR NOT NULL,
  measure VARCHAR NOT NULL,
  seed BIGINT NOT NULL,
  iterations INTEGER NOT NULL,
  initial_score DOUBLE,
  final_score DOUBLE,
  stop_reason VARCHAR NOT NULL,
  non_finite INTEGER NOT NULL,
  wall_time_ms DOUBLE NOT NULL,
  numbers_version INTEGER NOT NULL,
  kernel VARCHAR NOT NULL,
  created_at TIMESTAMP NOT NULL,
  host VARCHAR NOT NULL
);
CREATE TABLE IF NOT EXISTS steps (key VARCHAR NOT NULL, step INTEGER NOT NULL, score DOUBLE, PRIMARY KEY (key, step));
CREATE TABLE IF NOT EXISTS decoding (key VARCHAR NOT NULL, step INTEGER NOT NULL, label VARCHAR NOT NULL, accuracy DOUBLE, std DOUBLE, PRIMARY KEY (key, step, label));
CREATE TABLE IF NOT EXISTS pcs (key VARCHAR NOT NULL, step INTEGER NOT NULL, pc INTEGER NOT NULL, r2 DOUBLE, explained_variance DOUBLE, PRIMARY KEY (key, step, pc));
CREATE TABLE IF NOT EXISTS snapshots (key VARCHAR NOT NULL, step INTEGER NOT NULL, file VARCHAR NOT NULL, shape VARCHAR NOT NULL, PRIMARY KEY (key, step));
`;

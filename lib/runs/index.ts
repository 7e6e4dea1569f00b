/**
 * The run store: content-addressed runs (config → key → stored result), grids, local sweeps and shard
 * merges. Re-exports only; see docs/run-store.md.
 *
 *   import { run, expandGrid, sweep, runsFrame } from "./lib/runs";
 */
export { normalizeConfig, objectiveLabel, datasetLabel } from "./config";
export type { RunConfig, NormalizedRunConfig, DatasetRef, ArrayRef, ObjectiveSpec, OptimizerSpec, RecordSpec } from "./config";
export { runKey, NUMBERS_VERSION, canonicalJson, keyMaterial } from "./key";
export { arrayHash, resolveDataset } from "./dataset";
export type { UserArrays } from "./dataset";
export { expandGrid, parseGridFile } from "./grid";
export type { Grid } from "./grid";
export { openStore, defaultStorePath, STORE_VARIABLE } from "./store";
export type { RunStore } from "./store";
export { SCHEMA_VERSION, TABLES } from "./schema";
export type { TableName } from "./schema";
export type { RunResult, RunSummary, RunQuery, DecodingRow, PcRow, Snapshot } from "./result";
export { computeRun } from "./compute";
export type { ComputeOptions } from "./compute";
export { run } from "./run";
export type { RunOptions } from "./run";
export { sweep } from "./sweep";
export type { SweepOptions, SweepProgress, SweepSummary } from "./sweep";
export { shardOf } from "./shard";
export { mergeStores } from "./merge";
export { runsFrame } from "./frame";

import { existsSync } from "fs";
import { join } from "path";
import { InputError } from "../../errors";
import { Matrix } from "../../tensor/matrix";
import { readCsv } from "../formats/csv";
import { NetcdfFile, NetcdfVariable, withNetcdfFile } from "../formats/netcdf";
import type { Dataset } from "../types";
import { labelSet, makeDataset } from "../dataset";

/** Brain-Score assembly files as stored on S3 (brainio naming: assy_<identifier with . → _>.nc). */
export const MAJAJHONG_FILE = "assy_dicarlo_MajajHong2015_public.nc";
export const FREEMANZIEMBA_FILE = "assy_movshon_FreemanZiemba2013_public.nc";
/** The HVM stimulus-set table; read only when the assembly carries no category_name coordinate. */
export const HVM_STIMULUS_FILE = "image_dicarlo_hvm-public.csv";

/**
 * A Brain-Score neural assembly after repetition averaging: values[t][p][n] flattened as
 * (time_bin, presentation, neuroid), with the presentation and neuroid coordinates.
 */
export interface AveragedAssembly {
  timeBins: number;
  presentations: number;
  neuroids: number;
  /** Row-major (time_bin, presentation, neuroid). */
  values: Float64Array;
  /** Presentation-level coordinates of each averaged presentation (one value per group). */
  presentationCoords: Record<string, (string | number)[]>;
}

/**
 * Reads a Brain-Score NetCDF assembly, keeps the neuroids whose `region` is in `regions` (all when
 * omitted), transposes to (time_bin, presentation, neuroid) and applies brainscore's
 * `average_repetition`: presentations are grouped by every presentation coordinate except
 * `repetition`, averaged ignoring NaN (skipna), and the groups ordered by their key, which starts
 * with `image_id` (so rows are sorted by image hash).
 *
 *   const a = readAveragedAssembly("assy_dicarlo_MajajHong2015_public.nc", ["IT"]);   // 1 × 3200 × 168
 */
export function readAveragedAssembly(path: string, regions?: string[]): AveragedAssembly {
  return withNetcdfFile(path, (nc) => {
    const data = findDataVariable(nc);
    const axis = (dim: string) => data.dims.indexOf(dim);
    const [P, Nall] = [data.shape[axis("presentation")], data.shape[axis("neuroid")]];
    const T = axis("time_bin") >= 0 ? data.shape[axis("time_bin")] : 1;
    const coordsOf = (dim: string, length: number) =>
      nc.variables.filter((v) => v.name !== data.name && v.dims.length === 1 && v.dims[0] === dim && v.shape[0] === length && v.name !== dim);
    const presentationCoords = coordsOf("presentation", P).filter((v) => v.name !== "repetition");
    if (!presentationCoords.some((v) => v.name === "image_id"))
      throw new InputError(`${path}: presentation coordinates`, "an image_id coordinate", `got ${presentationCoords.map((v) => v.name).join(", ")}`);

    let neuroidIndex = Array.from({ length: Nall }, (_, n) => n);
    if (regions) {
      const region = nc.read("region").values as string[];
      neuroidIndex = neuroidIndex.filter((n) => regions.includes(String(region[n])));
      if (neuroidIndex.length === 0) throw new InputError(`${path}: region`, `neuroids in ${regions.join(", ")}`, "none");
    }

    const coordValues = new Map<string, (string | number)[]>();
    for (const v of presentationCoords) coordValues.set(v.name, Array.from(nc.read(v.name).values as ArrayLike<string | number>));
    const ordered = ["image_id", ...presentationCoords.map((v) => v.name).filter((n) => n !== "image_id")];
    const groups = new Map<string, number[]>();
    for (let p = 0; p < P; p++) {
      const key = ordered.map((name) => String((coordValues.get(name) as (string | number)[])[p])).join("|");
      const members = groups.get(key) ?? [];
      members.push(p);
      groups.set(key, members);
    }
    const keys = [...groups.keys()].sort();

    const raw = nc.read(data.name).values as Float64Array;
    const strides = data.shape.map((_, d) => data.shape.slice(d + 1).reduce((a, b) => a * b, 1));
    const [sP, sN] = [strides[axis("presentation")], strides[axis("neuroid")]];
    const sT = axis("time_bin") >= 0 ? strides[axis("time_bin")] : 0;
    const G = keys.length;
    const N = neuroidIndex.length;
    const values = new Float64Array(T * G * N);
    keys.forEach((key, g) => {
      const members = groups.get(key) as number[];
      for (let t = 0; t < T; t++) {
        for (let j = 0; j < N; j++) {
          let sum = 0;
          let count = 0;
          for (const p of members) {
            const v = raw[t * sT + p * sP + neuroidIndex[j] * sN];
            if (!Number.isNaN(v)) {
              sum += v;
              count++;
            }
          }
          values[(t * G + g) * N + j] = count ? sum / count : NaN;
        }
      }
    });
    const groupCoords: Record<string, (string | number)[]> = {};
    for (const [name, all] of coordValues) groupCoords[name] = keys.map((key) => all[(groups.get(key) as number[])[0]]);
    return { timeBins: T, presentations: G, neuroids: N, values, presentationCoords: groupCoords };
  });
}

/**
 * Loads MajajHong 2015 (IT) from `dir` like diffscore (datasets.md §4.2): the public Brain-Score assembly,
 * IT neuroids only, repetitions averaged, rows sorted by image_id, the single 70–170 ms time bin dropped:
 * X (3200, 168), 2-D. Label `category` = index of `category_name` in sorted order (Animals … Tables),
 * taken from the assembly or, when it lacks that coordinate, from the stimulus table image_dicarlo_hvm-public.csv.
 * Null when the file is not in `dir`.
 *
 *   const data = loadMajajHong2015(join(cacheDir, "MajajHong2015"));   // shape [3200, 168]
 */
export function loadMajajHong2015(dir: string): Dataset | null {
  const path = join(dir, MAJAJHONG_FILE);
  if (!existsSync(path)) return null;
  const a = readAveragedAssembly(path, ["IT"]);
  if (a.timeBins !== 1) throw new InputError(`${path}: time_bin`, "a single time bin", `got ${a.timeBins}`);
  const category = a.presentationCoords.category_name ?? categoriesFromStimulusSet(dir, a.presentationCoords.image_id.map(String));
  return makeDataset(new Matrix(a.presentations, a.neuroids, a.values), [a.presentations, a.neuroids], [labelSet("category", category.map(String))], {
    id: "MajajHong2015",
    source: "real",
    units: "normalized responses (Brain-Score units), 70–170 ms after image onset",
    preprocessing: "diffscore MajajHong2015: Brain-Score public assembly, region IT, repetitions averaged (skipna), rows sorted by image_id, time bin squeezed",
    citation: "Majaj, Hong, Solomon & DiCarlo 2015, J Neurosci 35:13402 (Brain-Score dicarlo.MajajHong2015.public)",
    primaryLabel: "category",
    referenceAccuracy: 0.847,
  });
}

/**
 * Loads FreemanZiemba 2013 (V1 + V2) from `dir` like diffscore (datasets.md §5.2): the public Brain-Score
 * assembly, repetitions averaged (rows sorted by image_id), then the 300 one-ms bins averaged in
 * non-overlapping blocks of `binSize` (150): X (2, 135, 205) in spikes per ms. Label `texture_type`
 * (noise = 0, texture = 1). Null when the file is not in `dir`.
 *
 *   const data = loadFreemanZiemba2013(join(cacheDir, "FreemanZiemba2013"));   // shape [2, 135, 205]
 */
export function loadFreemanZiemba2013(dir: string, binSize = 150): Dataset | null {
  const path = join(dir, FREEMANZIEMBA_FILE);
  if (!existsSync(path)) return null;
  const a = readAveragedAssembly(path);
  if (a.timeBins % binSize !== 0) throw new InputError(`${path}: time_bin`, `a multiple of ${binSize} time bins`, `got ${a.timeBins}`);
  const T = a.timeBins / binSize;
  const rowLength = a.presentations * a.neuroids;
  const X = new Matrix(T * a.presentations, a.neuroids);
  for (let t = 0; t < T; t++) {
    for (let i = 0; i < rowLength; i++) {
      let sum = 0;
      for (let b = 0; b < binSize; b++) sum += a.values[(t * binSize + b) * rowLength + i];
      X.data[t * rowLength + i] = sum / binSize;
    }
  }
  const texture = a.presentationCoords.texture_type;
  if (!texture) throw new InputError(`${path}: presentation coordinates`, "a texture_type coordinate", `got ${Object.keys(a.presentationCoords).join(", ")}`);
  return makeDataset(X, [T, a.presentations, a.neuroids], [labelSet("texture_type", texture.map(String))], {
    id: "FreemanZiemba2013",
    source: "real",
    units: "spikes per ms (1-ms counts averaged over repetitions and 150-ms blocks)",
    preprocessing: `diffscore FreemanZiemba2013: Brain-Score public assembly, V1 + V2, repetitions averaged (skipna), rows sorted by image_id, ${binSize}-bin averages`,
    citation: "Freeman, Ziemba, Heeger, Simoncelli & Movshon 2013, Nat Neurosci 16:974 (Brain-Score movshon.FreemanZiemba2013.public)",
    primaryLabel: "texture_type",
    referenceAccuracy: 0.567,
  });
}

/** category_name of each image from the HVM stimulus-set CSV in `dir`. */
function categoriesFromStimulusSet(dir: string, imageIds: string[]): string[] {
  const path = join(dir, HVM_STIMULUS_FILE);
  if (!existsSync(path)) throw new InputError(dir, `a category_name coordinate in the assembly, or the stimulus table ${HVM_STIMULUS_FILE}`, "neither is there");
  const { header, rows } = readCsv(path);
  const [idColumn, categoryColumn] = [header.indexOf("image_id"), header.indexOf("category_name")];
  if (idColumn < 0 || categoryColumn < 0) throw new InputError(path, "columns image_id and category_name", `got ${header.join(", ")}`);
  const byImage = new Map(rows.map((row) => [row[idColumn], row[categoryColumn]]));
  return imageIds.map((id) => {
    const category = byImage.get(id);
    if (category === undefined) throw new InputError(path, `a row for every image of the assembly`, `image ${id} is missing`);
    return category;
  });
}

/** The assembly's data variable: the one with presentation and neuroid dimensions. */
function findDataVariable(nc: NetcdfFile): NetcdfVariable {
  const candidates = nc.variables.filter((v) => v.dims.includes("presentation") && v.dims.includes("neuroid"));
  if (candidates.length === 0) throw new InputError(nc.path, "a data variable with dimensions presentation and neuroid", `variables are ${nc.variables.map((v) => `${v.name}(${v.dims})`).join(", ")}`);
  return candidates.sort((a, b) => b.shape.length - a.shape.length)[0];
}

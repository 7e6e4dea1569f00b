import { InputError } from "../../errors";
import { Hdf5File, Hdf5Node, Hdf5Ref, isHdf5File } from "./hdf5";
import { NdArray } from "./npy";

/** One variable of a NetCDF file: its name, dimension names and shape. */
export interface NetcdfVariable {
  name: string;
  dims: string[];
  shape: number[];
  attrs: Record<string, unknown>;
}

const DIMENSION_ONLY = "This is a netCDF dimension but not a netCDF variable";

/**
 * Read access to a NetCDF4 file (HDF5 underneath, as written by xarray/netCDF4, e.g. Brain-Score
 * assemblies) through h5wasm. Variables keep their dimension names (from the HDF5 dimension scales),
 * and `read` applies the CF decoding xarray applies: `_FillValue` → NaN, then `scale_factor`/`add_offset`.
 * Close it (or use `withNetcdfFile`) to end the HDF5 worker.
 *
 *   const nc = NetcdfFile.open("assy_dicarlo_MajajHong2015_public.nc");
 *   nc.variables.map((v) => `${v.name}(${v.dims})`);   // ["image_id(presentation)", …]
 *   const ids = nc.read("image_id").values;             // string[]
 *   nc.close();
 */
export class NetcdfFile {
  private constructor(
    private readonly h5: Hdf5File,
    readonly path: string,
    readonly variables: NetcdfVariable[],
  ) {}

  /** Opens `path`; InputError for a NetCDF3 (classic) file or anything that is not NetCDF4/HDF5. */
  static open(path: string): NetcdfFile {
    if (!isHdf5File(path)) {
      throw new InputError(path, "a NetCDF4 (HDF5-based) file", "a file without an HDF5 signature (NetCDF3 classic files are not supported; convert with `nccopy -k nc4`)");
    }
    const h5 = Hdf5File.open(path);
    try {
      return new NetcdfFile(h5, path, describeVariables(h5.tree()));
    } catch (error) {
      h5.close();
      throw error;
    }
  }

  /** The variable called `name`, or an InputError listing the variables. */
  variable(name: string): NetcdfVariable {
    const found = this.variables.find((v) => v.name === name);
    if (!found) throw new InputError(this.path, `a variable '${name}'`, `variables are ${this.variables.map((v) => v.name).join(", ")}`);
    return found;
  }

  /** The decoded values of variable `name` in row-major order over its `dims`. */
  read(name: string): NdArray {
    const variable = this.variable(name);
    const { value } = this.h5.read(`/${name}`);
    if (Array.isArray(value)) return { shape: variable.shape, values: value.map(String) };
    if (!ArrayBuffer.isView(value)) throw new InputError(`${this.path}:${name}`, "numeric or string data", "another HDF5 type");
    const values = Float64Array.from(value as unknown as ArrayLike<number>);
    const fill = scalarAttr(variable.attrs._FillValue);
    const scale = scalarAttr(variable.attrs.scale_factor) ?? 1;
    const offset = scalarAttr(variable.attrs.add_offset) ?? 0;
    for (let i = 0; i < values.length; i++) {
      if (fill !== undefined && values[i] === fill) values[i] = NaN;
      else values[i] = values[i] * scale + offset;
    }
    return { shape: variable.shape, values };
  }

  close(): void {
    this.h5.close();
  }
}

/**
 * Opens a NetCDF4 file, runs `fn` and closes it, also on error.
 *
 *   const names = withNetcdfFile("a.nc", (nc) => nc.variables.map((v) => v.name));
 */
export function withNetcdfFile<T>(path: string, fn: (file: NetcdfFile) => T): T {
  const file = NetcdfFile.open(path);
  try {
    return fn(file);
  } finally {
    file.close();
  }
}

function describeVariables(nodes: Hdf5Node[]): NetcdfVariable[] {
  const datasets = nodes.filter((n) => n.kind === "dataset" && !n.path.slice(1).includes("/"));
  const byDimid = new Map<number, string>();
  for (const n of datasets) {
    const dimid = scalarAttr(n.attrs._Netcdf4Dimid);
    if (dimid !== undefined) byDimid.set(dimid, n.path.slice(1));
  }
  const variables: NetcdfVariable[] = [];
  for (const n of datasets) {
    const name = n.path.slice(1);
    if (String(n.attrs.NAME ?? "").startsWith(DIMENSION_ONLY)) continue;
    const shape = n.shape ?? [];
    variables.push({ name, dims: dimensionNames(n, name, shape, byDimid), shape, attrs: n.attrs });
  }
  return variables;
}

function dimensionNames(n: Hdf5Node, name: string, shape: number[], byDimid: Map<number, string>): string[] {
  const list = n.attrs.DIMENSION_LIST;
  if (Array.isArray(list) && list.length === shape.length) {
    return list.map((refs) => {
      const first = (Array.isArray(refs) ? refs[0] : refs) as Hdf5Ref | undefined;
      return String(first?.ref ?? "").replace(/^\//, "");
    });
  }
  const coordinates = n.attrs._Netcdf4Coordinates as ArrayLike<number> | undefined;
  if (coordinates && coordinates.length === shape.length) return Array.from(coordinates, (id) => byDimid.get(id) ?? `dim${id}`);
  if (n.attrs.CLASS === "DIMENSION_SCALE" && shape.length === 1) return [name];
  return shape.map((_, k) => `${name}_dim${k}`);
}

function scalarAttr(value: unknown): number | undefined {
  if (typeof value === "number") return value;
  if (ArrayBuffer.isView(value) && (value as unknown as ArrayLike<number>).length === 1) return Number((value as unknown as ArrayLike<number>)[0]);
  if (Array.isArray(value) && value.length === 1 && typeof value[0] === "number") return value[0];
  return undefined;
}

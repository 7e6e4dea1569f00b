import { InputError } from "../../errors";
import { Hdf5File, Hdf5Node, Hdf5Ref } from "./hdf5";
import { MatFile, MatValue, matNumel } from "./mat-value";

/**
 * Reads a MATLAB v7.3 .mat file (HDF5 with MATLAB's conventions) into the same values as `readMat5`:
 * every top-level variable except MATLAB's `#refs#`/`#subsystem#` groups. Conventions handled:
 * `MATLAB_class` attributes; dimensions stored reversed (HDF5 row-major of a column-major array);
 * cells as datasets of object references into `#refs#`; structs as groups (struct arrays as fields of
 * references); empty arrays as their dimension vector with `MATLAB_empty`; char as uint16 codes.
 * With `names`, only those top-level variables are converted.
 *
 *   const vars = readMat73("Dataset5_Monkey4_Session1_ReachDataSimultaneousRecording.mat");
 *   vars.stmv_cell;   // { kind: "cell", dims: [1, 8], items: [...] }
 */
export function readMat73(path: string, names?: readonly string[]): MatFile {
  const file = Hdf5File.open(path);
  try {
    const nodes = new Map<string, Hdf5Node>();
    for (const node of file.tree()) nodes.set(node.path, node);
    const reader = new Mat73Reader(file, nodes, path);
    const out: MatFile = {};
    for (const node of nodes.values()) {
      const name = node.path.slice(1);
      if (name.includes("/") || name.startsWith("#") || (names && !names.includes(name))) continue;
      out[name] = reader.value(node.path);
    }
    return out;
  } finally {
    file.close();
  }
}

class Mat73Reader {
  constructor(
    private readonly file: Hdf5File,
    private readonly nodes: Map<string, Hdf5Node>,
    private readonly where: string,
  ) {}

  value(path: string): MatValue {
    const node = this.nodes.get(path);
    if (!node) throw new InputError(this.where, `an object at ${path}`, "a dangling reference");
    const matlabClass = String(node.attrs.MATLAB_class ?? "");
    if (node.kind === "group") return this.struct(node);
    const { shape, value } = this.file.read(path);
    if (node.attrs.MATLAB_empty) return empty(matlabClass, Array.from(value as ArrayLike<number>));
    const dims = matlabDims(shape);
    if (matlabClass === "cell") return { kind: "cell", dims, items: this.refs(value, path).map((p) => this.value(p)) };
    if (matlabClass === "char") {
      let text = "";
      for (const code of Array.from(value as ArrayLike<number>)) text += String.fromCharCode(code);
      return { kind: "char", dims, text };
    }
    if (!ArrayBuffer.isView(value)) {
      throw new InputError(`${this.where}:${path}`, "a numeric, char, cell or struct MATLAB variable", `got HDF5 type ${node.dtype}`);
    }
    return { kind: "numeric", matlabClass: matlabClass || "double", dims, data: Float64Array.from(value as unknown as ArrayLike<number>) };
  }

  private struct(node: Hdf5Node): MatValue {
    const prefix = `${node.path}/`;
    const children = [...this.nodes.values()].filter((n) => n.path.startsWith(prefix) && !n.path.slice(prefix.length).includes("/"));
    const fields = children.map((n) => n.path.slice(prefix.length));
    const isArrayField = (n: Hdf5Node) => n.kind === "dataset" && n.dtype === "Reference" && n.attrs.MATLAB_class === undefined;
    if (children.length > 0 && children.every(isArrayField)) {
      // struct array: each field holds one reference per element
      const columns = children.map((n) => this.refs(this.file.read(n.path).value, n.path));
      const dims = matlabDims(children[0].shape ?? []);
      const items = columns[0].map((_, k) => Object.fromEntries(fields.map((f, i) => [f, this.value(columns[i][k])])));
      return { kind: "struct", dims, fields, items };
    }
    const item = Object.fromEntries(fields.map((f, i) => [f, this.value(children[i].path)]));
    return { kind: "struct", dims: [1, 1], fields, items: [item] };
  }

  private refs(value: unknown, path: string): string[] {
    if (!Array.isArray(value) || value.some((r) => typeof (r as Hdf5Ref)?.ref !== "string"))
      throw new InputError(`${this.where}:${path}`, "a dataset of object references (MATLAB cell)", "got other data");
    return (value as Hdf5Ref[]).map((r) => r.ref);
  }
}

/** MATLAB dimensions of an HDF5 dataset shape (reversed; scalars and vectors padded to 2-D). */
function matlabDims(shape: number[]): number[] {
  const dims = shape.slice().reverse();
  while (dims.length < 2) dims.push(1);
  return dims;
}

function empty(matlabClass: string, dims: number[]): MatValue {
  const size = dims.length >= 2 ? dims : [0, 0];
  if (matlabClass === "cell") return { kind: "cell", dims: size, items: [] };
  if (matlabClass === "char") return { kind: "char", dims: size, text: "" };
  if (matlabClass === "struct") return { kind: "struct", dims: size, fields: [], items: [] };
  return { kind: "numeric", matlabClass: matlabClass || "double", dims: size, data: new Float64Array(matNumel(size)) };
}

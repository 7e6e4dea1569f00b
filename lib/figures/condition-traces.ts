/**
 * Plotly traces of a (time × conditions × neurons) dataset in the plane of two of its neurons: one
 * line per condition through its time points, as in the paper's Fig. 1 (toy2d: 6 arcs of 10 points).
 * Shared by the live explorer (display/browser/explorer-app.ts) and the animation of notebook 02
 * (figures/animation.ts), so X and Y are drawn the same way everywhere.
 *
 *   const style = conditionStyle(toy2d());
 *   const traces = conditionTraces(toy2d().activity.data, [10, 6, 2], style, { axis: 2, legend: true });
 */
import type { Trace } from "../display/figure-spec";
import type { Dataset } from "../data/types";
import { InputError } from "../errors";

/** Name and colour of every condition (index = condition). */
export interface ConditionStyle {
  names: string[];
  colors: string[];
}

/** Hue families per class of the primary label: shades of blue, red, green, purple, orange, grey. */
const FAMILIES = [
  ["#08519c", "#3182bd", "#6baed6", "#9ecae1"],
  ["#a50f15", "#de2d26", "#fb6a4a", "#fc9272"],
  ["#006d2c", "#31a354", "#74c476", "#a1d99b"],
  ["#54278f", "#756bb1", "#9e9ac8", "#bcbddc"],
  ["#a63603", "#e6550d", "#fd8d3c", "#fdae6b"],
  ["#252525", "#636363", "#969696", "#bdbdbd"],
];

/**
 * Condition names from all label sets ("choice −1, stimulus −3") and colours: one hue family per class
 * of the primary label (or of the first label set), successive conditions of a class in darker to
 * lighter shades.
 *
 *   conditionStyle(toy2d()).names[0]   // "choice −1, stimulus −3"
 *   conditionStyle(toy2d()).colors     // 3 blues (choice −1), 3 reds (choice +1)
 */
export function conditionStyle(dataset: Pick<Dataset, "labels" | "shape" | "meta">): ConditionStyle {
  const conditions = dataset.shape.length === 3 ? dataset.shape[1] : dataset.shape[0];
  const sets = Object.values(dataset.labels);
  const names = Array.from({ length: conditions }, (_, c) => sets.map((s) => `${s.name} ${formatLabel(s.values[c])}`).join(", ") || `condition ${c}`);
  const primary = dataset.labels[dataset.meta.primaryLabel ?? ""] ?? sets[0];
  const seen = new Map<number, number>();
  const colors = Array.from({ length: conditions }, (_, c) => {
    const cls = primary ? primary.classes.indexOf(primary.values[c]) : 0;
    const shade = seen.get(cls) ?? 0;
    seen.set(cls, shade + 1);
    const family = FAMILIES[cls % FAMILIES.length];
    return family[shade % family.length];
  });
  return { names, colors };
}

function formatLabel(v: number): string {
  return v < 0 ? `−${-v}` : v > 0 && Number.isInteger(v) ? `+${v}` : String(v);
}

/** Where conditionTraces draws: plotly axis number (1 = x/y, 2 = x2/y2, …), neurons, legend and line style. */
export interface ConditionTraceOptions {
  axis?: number;
  /** The two neurons (columns) to plot. Default [0, 1]. */
  neurons?: [number, number];
  /** Show the conditions in the legend (draw it once per figure). Default false. */
  legend?: boolean;
  /** Line dash, e.g. "dot" for a reference drawn behind. Default solid. */
  dash?: string;
  opacity?: number;
}

/**
 * One "lines+markers" scatter trace per condition: x = neuron a, y = neuron b over the T time points of
 * `data`, the row-major flattening of a [T, C, N] array (row t·C + c). Traces of the same condition share
 * a legend group, so clicking a legend entry hides that condition in every panel.
 *
 *   conditionTraces(Y.data, [10, 6, 2], style, { axis: 2 })   // 6 traces on axes x2/y2
 */
export function conditionTraces(data: ArrayLike<number>, shape: readonly number[], style: ConditionStyle, options: ConditionTraceOptions = {}): Trace[] {
  if (shape.length !== 3 || shape[2] < 2) throw new InputError("shape", "[time, conditions, neurons ≥ 2]", `got [${shape.join(", ")}]`);
  const [T, C, N] = shape;
  if (data.length !== T * C * N) throw new InputError("data", `${T * C * N} values (shape [${shape.join(", ")}])`, `got ${data.length}`);
  if (style.names.length !== C || style.colors.length !== C) throw new InputError("style", `a name and a colour for each of the ${C} conditions`, `got ${style.names.length} names, ${style.colors.length} colours`);
  const [a, b] = options.neurons ?? [0, 1];
  if (!(a >= 0 && a < N && b >= 0 && b < N)) throw new InputError("neurons", `two neuron indices in [0, ${N})`, `got [${a}, ${b}]`);
  const axis = options.axis ?? 1;
  const suffix = axis === 1 ? "" : String(axis);
  return Array.from({ length: C }, (_, c) => {
    const x: number[] = [];
    const y: number[] = [];
    for (let t = 0; t < T; t++) {
      x.push(data[(t * C + c) * N + a]);
      y.push(data[(t * C + c) * N + b]);
    }
    return {
      type: "scatter",
      mode: "lines+markers",
      x,
      y,
      name: style.names[c],
      legendgroup: `condition-${c}`,
      showlegend: options.legend ?? false,
      xaxis: `x${suffix}`,
      yaxis: `y${suffix}`,
      line: { color: style.colors[c], width: 2, dash: options.dash ?? "solid" },
      marker: { color: style.colors[c], size: 5 },
      opacity: options.opacity ?? 1,
    };
  });
}

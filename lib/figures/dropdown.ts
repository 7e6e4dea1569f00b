/**
 * A plotly dropdown (layout.updatemenus) that shows one group of traces at a time, e.g. one dataset
 * of Fig. 3 or one dataset × measure of Fig. 4: precomputed results, chosen in the page without a kernel.
 *
 *   const { data, updatemenus } = groupedTraces([{ group: "Mante2013", trace: t1 }, { group: "Hatsopoulos2007", trace: t2 }]);
 *   await showFigure({ data, layout: { updatemenus, title: … } });
 */
import type { Trace } from "../display/figure-spec";
import { InputError } from "../errors";

/** A plotly trace and the group (dropdown entry) it belongs to. */
export interface GroupedTrace {
  group: string;
  trace: Trace;
}

/**
 * The traces with `visible` set (only the first group's shown) and one dropdown whose buttons, one per
 * group in order of first appearance, show that group's traces and hide the others. The menu sits at
 * (x, y) in paper coordinates, by default right of the plot at its top (above a legend placed lower).
 *
 *   groupedTraces(items).updatemenus[0].buttons.map((b) => b.label)   // ["Mante2013", "Hatsopoulos2007"]
 */
export function groupedTraces(items: GroupedTrace[], options: { x?: number; y?: number } = {}): {
  data: Trace[];
  updatemenus: { type: string; direction: string; x: number; y: number; xanchor: string; yanchor: string; showactive: boolean; active: number; buttons: { label: string; method: string; args: unknown[] }[] }[];
  groups: string[];
} {
  if (!Array.isArray(items) || items.length === 0) throw new InputError("items", "a non-empty list of { group, trace }", `got ${Array.isArray(items) ? "[]" : typeof items}`);
  items.forEach((it, i) => {
    if (typeof it?.group !== "string" || !it.group) throw new InputError(`items[${i}].group`, "a non-empty group name", `got ${JSON.stringify(it?.group)}`);
    if (typeof it.trace !== "object" || it.trace === null) throw new InputError(`items[${i}].trace`, "a plotly trace object", `got ${typeof it.trace}`);
  });
  const groups = [...new Set(items.map((it) => it.group))];
  const data = items.map((it) => ({ ...it.trace, visible: it.group === groups[0] }));
  const buttons = groups.map((g) => ({ label: g, method: "restyle", args: [{ visible: items.map((it) => it.group === g) }] }));
  return {
    data,
    groups,
    updatemenus: [{ type: "dropdown", direction: "down", x: options.x ?? 1.02, y: options.y ?? 1, xanchor: "left", yanchor: "top", showactive: true, active: 0, buttons }],
  };
}

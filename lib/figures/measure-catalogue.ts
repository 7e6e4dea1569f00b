/**
 * The measure catalogue as table rows (id, family, formula, range, invariances, gradient) for a danfo
 * DataFrame or showTable.
 *
 *   showTable(new dfd.DataFrame(measureCatalogueRows(listMeasures())), { maxRows: 200 });
 */
import type { MeasureInfo } from "../measures/types";
import { formatNumber } from "../display/table";

const SHORT: Record<string, string> = { permutation: "perm", orthogonal: "orth", isotropicScale: "scale", translation: "transl", invertibleLinear: "lin" };

/** One row of the catalogue table (text cells; a type alias so showTable takes it). */
export type CatalogueRow = { id: string; family: string; formula: string; range: string; invariances: string; gradient: string };

/**
 * Rows of the catalogue: range as "[lo, hi]" (∞ spelled out), invariances as the short names of the
 * transforms that leave the score unchanged ("perm orth scale transl", or "none"), gradient ✓/✗.
 *
 *   measureCatalogueRows([getMeasure("cka")])[0].invariances   // "perm orth scale transl"
 */
export function measureCatalogueRows(infos: MeasureInfo[]): CatalogueRow[] {
  const bound = (x: number) => (x === Infinity ? "∞" : x === -Infinity ? "−∞" : formatNumber(x, 2));
  return infos.map((m) => {
    const inv = Object.entries(m.invariances).filter(([, v]) => v).map(([k]) => SHORT[k] ?? k);
    return { id: m.id, family: m.family, formula: m.formula, range: `[${bound(m.range[0])}, ${bound(m.range[1])}]`, invariances: inv.length ? inv.join(" ") : "none", gradient: m.differentiable ? "✓" : "✗" };
  });
}

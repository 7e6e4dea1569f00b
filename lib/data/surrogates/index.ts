/**
 * The five neural-dataset surrogates (the offline default of loadDataset): one file per dataset, each
 * a `SurrogateDefinition` built on the structured spectrum-matched generator (structured.ts).
 *
 *   SURROGATES.map((d) => d.id); // ["Mante2013", "siegel15-FEF-stim_period-var99", …]
 */
import type { SurrogateDefinition } from "./definition";
import { FREEMANZIEMBA_2013 } from "./freemanziemba2013";
import { HATSOPOULOS_2007 } from "./hatsopoulos2007";
import { MAJAJHONG_2015 } from "./majajhong2015";
import { MANTE_2013 } from "./mante2013";
import { SIEGEL_2015 } from "./siegel2015";

export type { SurrogateDefinition } from "./definition";
export { generateSurrogate, labelRotation } from "./definition";

/** All surrogate definitions, in the paper's order. */
export const SURROGATES: readonly SurrogateDefinition[] = [MANTE_2013, SIEGEL_2015, HATSOPOULOS_2007, MAJAJHONG_2015, FREEMANZIEMBA_2013];

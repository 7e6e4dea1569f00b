import { Rng } from "../../random";
import { labelSet } from "../dataset";
import { KNOT_TABLES, spectrumFromKnots } from "../spectra";
import { shuffledClasses, SurrogateDefinition } from "./definition";
import type { LatentDirection } from "./structured";
import { structuredSurrogate } from "./structured";

const RATIOS = spectrumFromKnots(KNOT_TABLES.MajajHong2015);
const IMAGES = 3200;
const N = 168;
const CATEGORY_NAMES = ["Animals", "Boats", "Cars", "Chairs", "Faces", "Fruits", "Planes", "Tables"];
const OBJECTS_PER_CATEGORY = 8;
/** Fixed seed of the image layout (category order, object membership, category/object embeddings). */
const LAYOUT_SEED = 2015;
/** Category of every image: 400 each, in a fixed pseudo-random order (the real rows are sorted by image hash). */
const CATEGORY = shuffledClasses(Array<number>(8).fill(400), LAYOUT_SEED);
/** Object of every image: 8 objects × 50 images per category. */
const OBJECT = (() => {
  const seen = Array<number>(8).fill(0);
  return CATEGORY.map((c) => c * OBJECTS_PER_CATEGORY + (seen[c]++ % OBJECTS_PER_CATEGORY));
})();
/** Mixing angles θ of the planted directions; category calibrated by calibrate.ts. */
const THETAS = { category: 0.7747, object: 0.5 };

/**
 * Surrogate of MajajHong 2015 IT (Brain-Score MajajHong2015.public, 168 IT neuroids): 2-D, shape
 * (3200, 168), normalized units. The §6.3 structured surrogate (datasets.md §4.5) with the MajajHong
 * knot-table spectrum and Λ = s₁²/ratio₁ with Fig. 6's s₁² = 11700 (centered RMS 0.37, zero means). Images: 8 categories × 8
 * objects × 50 images in a fixed shuffled order. Planted PC profiles (ultrametric-like): PCs 1–7 carry
 * the 7 dimensions of a fixed random embedding of the 8 categories (one θ, "category", calibrated to
 * the paper's category decoding 0.847), PCs 8–15 an embedding of the 64 objects (θ "object" = 0.5), so
 * objects form sub-clusters inside the categories.
 */
export const MAJAJHONG_2015: SurrogateDefinition = {
  id: "MajajHong2015",
  shape: [IMAGES, N],
  labels: [{ ...labelSet("category", CATEGORY), classNames: CATEGORY_NAMES }],
  ratios: RATIOS,
  primaryLabel: "category",
  referenceAccuracy: 0.847,
  units: "normalized neuroid responses (70–170 ms, repetitions averaged)",
  citation: "Majaj, Hong, Solomon & DiCarlo 2015, J Neurosci 35:13402 (Brain-Score dicarlo.MajajHong2015.public, IT)",
  preprocessing:
    "diffscore MajajHong2015: Brain-Score public assembly, IT neuroids (168), repetitions averaged, single 70–170 ms bin squeezed (2-D), rows sorted by image id",
  recipe:
    "structured spectrum-matched Gaussian (datasets.md §4.5, §6.3): MajajHong knot-table spectrum, centered RMS 0.37, zero means, random neuron mixing; category embedding on PCs 1–7, object (8 per category) embedding on PCs 8–15",
  thetas: THETAS,
  calibration: [{ theta: "category", label: "category", accuracy: 0.847 }],
  generate(seed, thetas = THETAS) {
    const layout = new Rng(LAYOUT_SEED + 1);
    const categoryEmbedding = layout.normalMatrix(8, 7);
    const objectEmbedding = layout.normalMatrix(8 * OBJECTS_PER_CATEGORY, 8);
    const directions: LatentDirection[] = [];
    for (let j = 0; j < 7; j++)
      directions.push({ name: `category${j}`, values: Float64Array.from(CATEGORY, (c) => categoryEmbedding.get(c, j)), rank: j + 1, theta: thetas.category });
    for (let j = 0; j < 8; j++)
      directions.push({ name: `object${j}`, values: Float64Array.from(OBJECT, (o) => objectEmbedding.get(o, j)), rank: 8 + j, theta: thetas.object });
    return structuredSurrogate(
      {
        rows: IMAGES,
        neurons: N,
        ratios: RATIOS,
        totalSumOfSquares: 11700 / RATIOS[0],
        neuronMixing: "random",
        directions,
      },
      new Rng(seed),
    );
  },
};

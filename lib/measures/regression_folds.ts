/** The split layouts under their former module name, for modules that still import it; new code imports ./splits. */
export { inSample, shuffledFolds, stratifiedShuffleSplits } from "./splits";

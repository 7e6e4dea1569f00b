/**
 * `diffsim measures`: the measure ids with family, range and properties (listMeasures), optionally one
 * family, as an aligned table or one JSON object per line; `--patterns` prints the parametrised families.
 *
 *   diffsim measures --family cka
 *   diffsim measures --json | jq -r .id
 */
import { Command } from "commander";
import { listMeasures, listPatterns } from "../measures/registry";
import { UsageError } from "./exit";
import { printJsonLines, printTable } from "./output";

interface MeasuresOptions {
  family?: string;
  json?: boolean;
  patterns?: boolean;
}

/** The `measures` subcommand. */
export function measuresCommand(): Command {
  return new Command("measures")
    .description("list the similarity measures (id, family, range, properties)")
    .option("-f, --family <family>", "only this family, e.g. cka, procrustes, regression, rsa")
    .option("--json", "one JSON object per measure and line (every field of listMeasures())")
    .option("--patterns", "print the templates of the parametrised ids instead")
    .addHelpText("after", "\nExamples:\n  $ diffsim measures\n  $ diffsim measures --family cka --json\n  $ diffsim measures --patterns")
    .action((options: MeasuresOptions) => {
      if (options.patterns) {
        for (const pattern of listPatterns()) console.log(pattern);
        return;
      }
      const all = listMeasures();
      const families = [...new Set(all.map((m) => m.family))].sort();
      if (options.family !== undefined && !families.includes(options.family))
        throw new UsageError("--family", `one of ${families.join(", ")}`, `got "${options.family}"`);
      const measures = all.filter((m) => options.family === undefined || m.family === options.family);
      if (options.json) return printJsonLines(measures);
      printTable(
        measures.map((m) => ({
          id: m.id,
          family: m.family,
          range: `[${m.range.join(", ")}]`,
          higher: m.higherIsMoreSimilar ? "more similar" : "less similar",
          gradient: m.differentiable ? "yes" : "no",
        })),
      );
    });
}

import { InputError } from "../../errors";
import { readInputFile } from "./input-file";

/** A parsed CSV table: the header row and the data rows as strings. */
export interface CsvTable {
  header: string[];
  rows: string[][];
}

/**
 * Parses comma-separated text with a header row (RFC 4180: quoted fields may hold commas, quotes as
 * "" and newlines; CRLF or LF line ends; a UTF-8 byte-order mark is ignored). Every row must have as
 * many fields as the header; blank lines are skipped. `where` names the file in errors.
 *
 *   parseCsv('a,b\n1,"x, y"\n', "t.csv");   // { header: ["a", "b"], rows: [["1", "x, y"]] }
 */
export function parseCsv(text: string, where: string): CsvTable {
  const records: string[][] = [];
  let record: string[] = [];
  let field = "";
  let quoted = false;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const endRecord = () => {
    record.push(field);
    if (record.length > 1 || record[0].trim() !== "") records.push(record);
    record = [];
    field = "";
  };
  for (; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"' && field === "") quoted = true;
    else if (ch === ",") {
      record.push(field);
      field = "";
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && text[i + 1] === "\n") i++;
      endRecord();
    } else field += ch;
  }
  if (quoted) throw new InputError(where, "a CSV file with closed quotes", "an unterminated quoted field");
  if (field !== "" || record.length > 0) endRecord();
  if (records.length === 0) throw new InputError(where, "a CSV file with a header row", "an empty file");
  const [header, ...rows] = records;
  rows.forEach((row, k) => {
    if (row.length !== header.length)
      throw new InputError(where, `${header.length} fields per row (as in the header)`, `row ${k + 2} has ${row.length}`);
  });
  return { header: header.map((h) => h.trim()), rows };
}

/**
 * Reads and parses a CSV file.
 *
 *   const { header, rows } = readCsv("activity.csv");
 */
export function readCsv(path: string): CsvTable {
  return parseCsv(readInputFile(path, "a CSV file").toString("utf8"), path);
}

const NON_FINITE_SPELLING = /^[+-]?(?:nan|inf|infinity)$/i;

/**
 * The number a CSV cell spells, or null when the cell is blank or not a number. Besides JavaScript's
 * number syntax (which reads `Infinity` and overflows `1e999` to Infinity) it reads the non-finite
 * spellings of numpy, pandas and R (`nan`, `NaN`, `inf`, `-inf`, `Infinity`, any case), so a numeric
 * column holding them is still recognised as numeric.
 *
 *   csvNumber(" 2.5 ");   // 2.5
 *   csvNumber("nan");     // NaN
 *   csvNumber("1e999");   // Infinity
 *   csvNumber("left");    // null
 */
export function csvNumber(cell: string): number | null {
  const text = cell.trim();
  if (text === "") return null;
  if (NON_FINITE_SPELLING.test(text)) return /nan/i.test(text) ? NaN : text.startsWith("-") ? -Infinity : Infinity;
  const value = Number(text);
  return Number.isNaN(value) ? null : value;
}

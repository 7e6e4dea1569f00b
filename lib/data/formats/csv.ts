import { existsSync, readFileSync } from "fs";
import { InputError } from "../../errors";

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
  if (!existsSync(path)) throw new InputError("path", "an existing CSV file", `${path} does not exist`);
  return parseCsv(readFileSync(path, "utf8"), path);
}

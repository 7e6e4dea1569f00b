import { createHash } from "crypto";
import { accessSync, constants, createWriteStream, existsSync, mkdirSync, renameSync, rmSync } from "fs";
import { get as httpGet, IncomingMessage } from "http";
import { get as httpsGet } from "https";
import { extname, join } from "path";
import { pipeline } from "stream";
import { fileFormatProblem } from "../formats/signature";
import { DATA_DIR_VARIABLE } from "./cache";
import { Checksum, ManifestDataset, ManifestFile } from "./manifest";

/** Progress of one file download; `total` is null when the server sends no length and the size is unknown. */
export interface DownloadProgress {
  file: string;
  url: string;
  received: number;
  total: number | null;
  done: boolean;
}

export interface DownloadOptions {
  /** Called as bytes arrive (and once with done = true per file). See `progressBar` for a terminal bar. */
  onProgress?: (progress: DownloadProgress) => void;
  /** Abort a connection that stays silent this long (default 60 s). */
  timeoutMs?: number;
}

/** A download that failed: no connection, an HTTP error, a size/checksum mismatch, a body that is not the expected format, or a cache folder that cannot be written. */
export class DownloadError extends Error {
  constructor(
    readonly url: string,
    readonly reason: string,
    message: string,
  ) {
    super(message);
    this.name = "DownloadError";
  }
}

const OFFLINE_CODES = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "ENETUNREACH", "EHOSTUNREACH", "ETIMEDOUT", "ECONNRESET"]);
const MAX_REDIRECTS = 10;

/**
 * Downloads one manifest file into `dir`, trying its urls in order. The bytes go to a temporary
 * `<name>.partial-<pid>` file and are checked against the known size and checksum, and for the format
 * signature of the file name's extension (`fileFormatProblem`: an HTML error page or a truncated body
 * is refused), before an atomic rename to `<dir>/<name>`, so a partial or corrupt download is never
 * found under the real name.
 * Throws DownloadError (with what to do by hand) when every url fails.
 *
 *   await downloadFile(manifestEntry("MajajHong2015").files[0], dir, { onProgress: progressBar() });
 */
export async function downloadFile(file: ManifestFile, dir: string, options: DownloadOptions = {}): Promise<string> {
  const target = join(dir, file.name);
  if (file.urls.length === 0)
    throw new DownloadError("", "no public address", `${file.name} has no public download address; place it by hand at ${target}`);
  writableFolder(dir);
  const failures: string[] = [];
  for (const url of file.urls) {
    try {
      await fetchToFile(url, file, target, options);
      return target;
    } catch (error) {
      failures.push(error instanceof DownloadError ? error.message : String(error));
    }
  }
  const last = failures[failures.length - 1];
  throw new DownloadError(file.urls[file.urls.length - 1], last, `could not download ${file.name}:\n  ${failures.join("\n  ")}\nDownload it by hand from ${file.urls[0]} and save it as ${target}`);
}

/**
 * Downloads every file of a manifest dataset into `dir` (intact files already there are kept; ones that
 * fail their format check are downloaded again). Optional files
 * that fail are skipped; when a required file fails and the dataset lists alternates, those are tried.
 * Returns the paths of the files now present.
 *
 *   await downloadFiles(manifestEntry("Mante2013"), datasetCacheDir("Mante2013"), { onProgress: progressBar() });
 */
export async function downloadFiles(entry: ManifestDataset, dir: string, options: DownloadOptions = {}): Promise<string[]> {
  const fetchAll = async (files: ManifestFile[]) => {
    const paths: string[] = [];
    for (const file of files) {
      const target = join(dir, file.name);
      // an intact file is kept; a corrupt one is downloaded again and replaced atomically
      if (existsSync(target) && fileFormatProblem(target) === null) {
        paths.push(target);
        continue;
      }
      try {
        paths.push(await downloadFile(file, dir, options));
      } catch (error) {
        if (!file.optional) throw error;
      }
    }
    return paths;
  };
  try {
    return await fetchAll(entry.files);
  } catch (error) {
    if (!entry.alternates?.length) throw error;
    try {
      return await fetchAll(entry.alternates);
    } catch {
      throw error;
    }
  }
}

/**
 * A progress callback that draws a text bar on a terminal stream (stderr by default), e.g.
 * `PFC data.zip [##########··········] 50% 120.0/240.0 MB`; without a known total it shows the bytes so far.
 *
 *   await downloadDataset("Mante2013", { onProgress: progressBar() });
 */
export function progressBar(stream: NodeJS.WritableStream = process.stderr, width = 30): (p: DownloadProgress) => void {
  let lastDrawn = "";
  return (p) => {
    const mb = (n: number) => (n / 1e6).toFixed(1);
    let line: string;
    if (p.total) {
      const fraction = Math.min(1, p.received / p.total);
      const filled = Math.round(fraction * width);
      line = `${p.file} [${"#".repeat(filled)}${"·".repeat(width - filled)}] ${Math.floor(fraction * 100)}% ${mb(p.received)}/${mb(p.total)} MB`;
    } else line = `${p.file} ${mb(p.received)} MB`;
    if (line === lastDrawn && !p.done) return;
    lastDrawn = line;
    stream.write(`\r${line}${p.done ? "\n" : ""}`);
  };
}

function fetchToFile(url: string, file: ManifestFile, target: string, options: DownloadOptions): Promise<void> {
  const partial = `${target}.partial-${process.pid}`;
  return new Promise<void>((resolvePromise, reject) => {
    const fail = (reason: string, message: string) => {
      rmSync(partial, { force: true });
      reject(new DownloadError(url, reason, message));
    };
    const request = (address: string, redirects: number) => {
      const getter = address.startsWith("https:") ? httpsGet : address.startsWith("http:") ? httpGet : null;
      if (!getter) return fail("unsupported address", `${address}: only http(s) addresses can be downloaded`);
      const req = getter(address, { headers: { "user-agent": "diffsim-data-loader" } }, (res: IncomingMessage) => {
        const status = res.statusCode ?? 0;
        if (status >= 300 && status < 400 && res.headers.location) {
          res.resume();
          if (redirects >= MAX_REDIRECTS) return fail("too many redirects", `${url}: more than ${MAX_REDIRECTS} redirects`);
          return request(new URL(res.headers.location, address).toString(), redirects + 1);
        }
        if (status !== 200) {
          res.resume();
          return fail(`HTTP ${status}`, `${url}: the server answered HTTP ${status}`);
        }
        receive(res);
      });
      req.setTimeout(options.timeoutMs ?? 60_000, () => req.destroy(Object.assign(new Error("no data"), { code: "ETIMEDOUT" })));
      req.on("error", (error: NodeJS.ErrnoException) => {
        if (responded) return; // a broken transfer is reported by the pipeline once the file is closed
        const code = error.code ?? "error";
        const hint = OFFLINE_CODES.has(code) ? " — no internet connection, or the host is down" : "";
        fail(code, `${url}: cannot connect (${code}${hint})`);
      });
    };
    let responded = false;
    const receive = (res: IncomingMessage) => {
      responded = true;
      const header = Number(res.headers["content-length"]);
      const total = file.size !== "unknown" ? file.size : Number.isFinite(header) && header > 0 ? header : null;
      const hash = file.checksum === "unknown" ? null : createHash(file.checksum.algorithm);
      const out = createWriteStream(partial);
      let received = 0;
      res.on("data", (chunk: Buffer) => {
        received += chunk.length;
        hash?.update(chunk);
        options.onProgress?.({ file: file.name, url, received, total, done: false });
      });
      pipeline(res, out, (error) => {
        // judge only once the file is closed, so a removed partial file cannot reappear
        const settle = () => {
          if (error) return fail("interrupted", `${url}: the transfer broke off after ${received} bytes (${error.message})`);
          if (total !== null && received !== total) return fail("size mismatch", `${url}: got ${received} bytes, expected ${total}`);
          const problem = hash ? checksumProblem(file.checksum, hash.digest("hex")) : null;
          if (problem) return fail("checksum mismatch", `${url}: ${problem}`);
          const wrong = fileFormatProblem(partial, file.name);
          if (wrong) return fail("wrong format", `${url}: the body is not a valid ${extname(file.name) || "data"} file: ${wrong} (it was not kept)`);
          renameSync(partial, target);
          options.onProgress?.({ file: file.name, url, received, total: total ?? received, done: true });
          resolvePromise();
        };
        if (out.closed) settle();
        else out.once("close", settle);
      });
    };
    request(url, 0);
  });
}

/** Creates `dir` when needed and checks that files can be written there; DownloadError saying what to change otherwise. */
function writableFolder(dir: string): void {
  try {
    mkdirSync(dir, { recursive: true });
    accessSync(dir, constants.W_OK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? "error";
    const why = code === "ENOTDIR" || code === "EEXIST" ? "a part of the path is a file, not a folder" : code === "EACCES" || code === "EPERM" ? "permission denied" : (error as Error).message;
    throw new DownloadError("", `cache folder ${code}`, `cannot write the dataset folder ${dir} (${why}); set ${DATA_DIR_VARIABLE} to a writable folder or pass cacheDir`);
  }
}

function checksumProblem(expected: Checksum, actual: string): string | null {
  if (expected === "unknown" || expected.value.toLowerCase() === actual) return null;
  return `${expected.algorithm} is ${actual}, expected ${expected.value} (corrupt or changed file; it was not kept)`;
}

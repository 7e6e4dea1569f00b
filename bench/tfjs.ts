/**
 * tfjs backends side by side (issue 18): does @tensorflow/tfjs-node help? Each backend runs in its own
 * process (a process has one tfjs engine) on the same three workloads, float32:
 *
 *   matMul        1000×700 · 700×700 (ordinary tfjs code in user losses)
 *   composed step one Adam step of a loss mixing tfjs layers with a measure: Y = tanh(Z·W),
 *                 loss = −CKA(X, Y) + 1e-3‖W‖², X the MajajHong2015-sized 3200×168, Z 3200×256
 *                 (the measure itself runs on the float64 kernels either way, see lib/tensor/tfjs_ops.ts)
 *   dense MLP step one Adam step of a 256→512→168 tanh MLP on 3200 rows with a mean-squared error
 *
 *   npm run bench -- --parts tfjs
 */
import { spawnSync } from "child_process";
import { join } from "path";
import type * as TF from "@tensorflow/tfjs";
import { activeBackend, initBackend } from "../lib/tensor/backend";
import { measureOp } from "../lib/tensor/tfjs_ops";
import { Rng } from "../lib/random";
import { Timing, timeRepeated } from "./timing";

export interface TfjsBackendResult {
  backend: string;
  status: string;
  matMul: Timing | null;
  composedStep: Timing | null;
  mlpStep: Timing | null;
}

/** The plain cpu backend is left out: ~30× slower than wasm here (stack-notes §2), minutes per part. */
const BACKENDS = ["tensorflow", "wasm"] as const;

/** Times the three workloads on every backend that initialises, each in a child process. */
export function benchTfjs(quick: boolean): TfjsBackendResult[] {
  return BACKENDS.map((backend) => {
    const r = spawnSync(process.execPath, ["--import", "tsx", __filename, "--worker", quick ? "quick" : "full"], {
      cwd: join(__dirname, ".."),
      env: { ...process.env, DIFFSIM_BACKEND: backend },
      encoding: "utf8",
      maxBuffer: 16 << 20,
    });
    const line = (r.stdout || "").trim().split("\n").pop() ?? "";
    if (r.status !== 0 || !line.startsWith("{")) {
      const why = (r.stderr || "").trim().split("\n").filter((l) => /^\w*Error\b/.test(l))[0] ?? `exit ${r.status}`;
      return { backend, status: `unavailable: ${why.slice(0, 120)}`, matMul: null, composedStep: null, mlpStep: null };
    }
    return JSON.parse(line) as TfjsBackendResult;
  });
}

async function worker(quick: boolean): Promise<void> {
  const tf = await initBackend();
  const backend = activeBackend() as string;
  const rng = new Rng(5);
  const tensor = (rows: number, cols: number) => tf.tensor2d(Float32Array.from(rng.normalMatrix(rows, cols).data), [rows, cols], "float32");
  const repeat = { warmup: 2, count: quick ? 3 : 10, maxSeconds: quick ? 10 : 60 };

  const A = tensor(1000, 700);
  const B = tensor(700, 700);
  const matMul = timeRepeated(() => tf.tidy(() => void tf.matMul(A, B).dataSync()), repeat);

  const X = rng.normalMatrix(3200, 168);
  const Z = tensor(3200, 256);
  const W = tf.variable(tf.mul(tensor(256, 168), 0.05) as TF.Tensor2D);
  const cka = measureOp("cka", X);
  const composedLoss = () => tf.add(tf.neg(cka(tf.tanh(tf.matMul(Z, W)))), tf.mul(1e-3, tf.sum(tf.square(W)))) as TF.Scalar;
  const adam = tf.train.adam(0.01);
  const composedStep = timeRepeated(() => void adam.minimize(composedLoss, false, [W]), repeat);

  const W1 = tf.variable(tf.mul(tensor(256, 512), 0.05) as TF.Tensor2D);
  const W2 = tf.variable(tf.mul(tensor(512, 168), 0.05) as TF.Tensor2D);
  const target = tensor(3200, 168);
  const mlpLoss = () => tf.losses.meanSquaredError(target, tf.matMul(tf.tanh(tf.matMul(Z, W1)), W2)) as TF.Scalar;
  const adam2 = tf.train.adam(0.01);
  const mlpStep = timeRepeated(() => void adam2.minimize(mlpLoss, false, [W1, W2])?.dataSync(), repeat);

  const result: TfjsBackendResult = { backend, status: "ok", matMul, composedStep, mlpStep };
  console.log(JSON.stringify(result));
}

if (require.main === module && process.argv[2] === "--worker") {
  worker(process.argv[3] === "quick").catch((error) => {
    console.error(`Error: ${error instanceof Error ? error.message : error}`);
    process.exit(1);
  });
}

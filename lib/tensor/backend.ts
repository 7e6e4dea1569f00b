/**
 * The one place that decides which tfjs backend runs tensor code, and says which is active.
 *
 * Order: the native TensorFlow binding (`@tensorflow/tfjs-node`, installed as the optional dependency
 * `tfjs-node-native` by `npm run setup:tfjs-node`, or a real `@tensorflow/tfjs-node` the user installed) when it loads and registers its
 * "tensorflow" backend; else the WebAssembly backend (SIMD, one thread in Node); else the plain cpu backend.
 * danfojs-node's own `@tensorflow/tfjs-node` dependency is aliased to plain tfjs by package.json
 * `overrides`, which is why a successful require is not enough: the backend must really register.
 *
 * The similarity measures themselves run on the library's float64 kernels and do not need tfjs; this
 * module matters for tfjs autodiff (lib/tensor/tfjs_ops.ts) and for user code that mixes in tfjs layers.
 *
 *   const tf = await initBackend();   // idempotent
 *   activeBackend();                  // "tensorflow" | "wasm" | "cpu"
 */
import type * as TF from "@tensorflow/tfjs";

export type BackendName = "tensorflow" | "wasm" | "cpu";

let tfModule: typeof TF | null = null;
let ready: Promise<typeof TF> | null = null;
let active: BackendName | null = null;

function tryRequire(name: string): unknown {
  try {
    return require(name);
  } catch {
    return null;
  }
}

/** The tfjs module (native binding when available), loaded once, without choosing a backend yet. */
export function tfjs(): typeof TF {
  if (tfModule) return tfModule;
  const preferNative = process.env.DIFFSIM_BACKEND !== "wasm" && process.env.DIFFSIM_BACKEND !== "cpu";
  // TensorFlow's C++ start-up lines (oneDNN, CPU features) on stderr unless the user asked for them.
  process.env.TF_CPP_MIN_LOG_LEVEL ??= "2";
  const native = preferNative ? ((tryRequire("tfjs-node-native") ?? tryRequire("@tensorflow/tfjs-node")) as typeof TF | null) : null;
  tfModule = native && native.findBackend && native.findBackend("tensorflow") ? native : (require("@tensorflow/tfjs") as typeof TF);
  return tfModule;
}

/**
 * Select the fastest available backend (or DIFFSIM_BACKEND = tensorflow | wasm | cpu) and return tfjs.
 */
export function initBackend(): Promise<typeof TF> {
  if (ready) return ready;
  ready = (async () => {
    const tf = tfjs();
    const wanted = process.env.DIFFSIM_BACKEND as BackendName | undefined;
    const order: BackendName[] = wanted ? [wanted] : ["tensorflow", "wasm", "cpu"];
    for (const name of order) {
      if (name === "tensorflow" && !tf.findBackend("tensorflow")) continue;
      if (name === "wasm" && !tryRequire("@tensorflow/tfjs-backend-wasm")) continue;
      if (await tf.setBackend(name).catch(() => false)) {
        await tf.ready();
        active = name;
        return tf;
      }
    }
    throw new Error(`no tfjs backend could be initialised (tried ${order.join(", ")})`);
  })();
  return ready;
}

/** Name of the active backend, or null before initBackend() resolved. */
export function activeBackend(): BackendName | null {
  return active;
}

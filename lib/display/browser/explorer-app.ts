/// <reference lib="dom" />
/**
 * The live explorer in a browser page: the toy2d optimization of paper §3 run step by step by the
 * library's own code (Optimization, the measures, Adam, Rng, the WebAssembly kernels), with controls
 * (measure, learning rate, seed, speed, play/pause, step, reset) and a plotly figure redrawn as it goes:
 * X, the current Y_k (the paper's Fig. 1) and the score against the Adam step. Bundled for the page by
 * display/explorer-bundle.ts; the HTML around it comes from display/explorer.ts.
 *
 *   const app = mountExplorer(document.getElementById("root")!, settings, window.Plotly);
 *   app.play();  app.scores;   // scores[k] = score of Y_k, exactly optimize()'s for the same settings
 */
import { toy2d } from "../../data/toys";
import type { Dataset } from "../../data/types";
import { conditionStyle, conditionTraces, type ConditionStyle } from "../../figures/condition-traces";
import { Optimization } from "../../optimize/optimize";
import { eighSolverInUse } from "../../tensor/linalg/eigh";
import { gemmKernelInUse } from "../../tensor/matrix";
import type { ExplorerSettings } from "../explorer-settings";
import type { Trace } from "../figure-spec";

/** The part of plotly.js the explorer uses. */
export interface PlotlyApi {
  react(el: HTMLElement, data: Trace[], layout: Record<string, unknown>, config?: Record<string, unknown>): unknown;
}

/** Choices of the speed control, in Adam steps per second. */
const SPEEDS = [2, 5, 10, 20, 50, 200];
/** Longest time spent computing per animation frame, so the page stays responsive at high speeds. */
const FRAME_BUDGET_MS = 30;

/** One explorer on the page: its state, controls and figure. */
export class ExplorerApp {
  readonly dataset: Dataset = toy2d();
  private readonly X = this.dataset.toArray();
  private readonly style: ConditionStyle = conditionStyle(this.dataset);
  private run!: Optimization;
  private Yk!: Float64Array;
  private scoreList: number[] = [];
  private playing = false;
  private lastFrame = 0;
  private owed = 0;
  private readonly controls: {
    measure: HTMLSelectElement;
    lr: HTMLInputElement;
    seed: HTMLInputElement;
    speed: HTMLSelectElement;
    play: HTMLButtonElement;
    step: HTMLButtonElement;
    reset: HTMLButtonElement;
  };
  private readonly status: HTMLElement;
  private readonly plot: HTMLElement;

  constructor(
    private readonly root: HTMLElement,
    private readonly settings: ExplorerSettings,
    private readonly plotly: PlotlyApi,
  ) {
    root.innerHTML = "";
    root.classList.add("diffsim-explorer");
    const bar = element("div", { style: "display:flex;flex-wrap:wrap;gap:10px;align-items:center;font:13px sans-serif;margin:4px 0" });
    const measure = element("select", { "aria-label": "measure", "data-control": "measure" });
    for (const id of settings.measures) measure.append(new Option(id, id, false, id === settings.measure));
    const lr = element("input", { type: "number", min: "0.001", max: "10", step: "0.01", value: String(settings.lr), style: "width:5em", "aria-label": "learning rate", "data-control": "lr" });
    const seed = element("input", { type: "number", min: "0", step: "1", value: String(settings.seed), style: "width:5em", "aria-label": "seed", "data-control": "seed" });
    const speed = element("select", { "aria-label": "speed", "data-control": "speed" });
    const speeds = [...new Set([...SPEEDS, settings.stepsPerSecond])].sort((a, b) => a - b);
    for (const s of speeds) speed.append(new Option(`${s} steps/s`, String(s), false, s === settings.stepsPerSecond));
    const play = element("button", { type: "button", "data-control": "play", style: "min-width:5em" });
    const step = element("button", { type: "button", "data-control": "step" });
    step.textContent = "Step";
    const reset = element("button", { type: "button", "data-control": "reset" });
    reset.textContent = "Reset";
    bar.append(labelled("measure", measure), labelled("learning rate", lr), labelled("seed", seed), labelled("speed", speed), play, step, reset);
    this.status = element("div", { style: "font:12px monospace;color:#444;margin:2px 0", "data-role": "status" });
    this.plot = element("div", { style: "width:100%;min-height:500px", "data-role": "plot" });
    root.append(bar, this.status, this.plot);
    this.controls = { measure, lr, seed, speed, play, step, reset };

    measure.addEventListener("change", () => this.reset());
    lr.addEventListener("change", () => this.reset());
    seed.addEventListener("change", () => this.reset());
    play.addEventListener("click", () => (this.playing ? this.pause() : this.play()));
    step.addEventListener("click", () => {
      this.pause();
      this.advance(1);
      this.draw();
    });
    reset.addEventListener("click", () => this.reset());
    this.reset();
    if (settings.autoplay) this.play();
  }

  /** Scores of Y₀ … Y_k so far (a copy). */
  get scores(): number[] {
    return this.scoreList.slice();
  }

  /** Steps evaluated so far. */
  get iteration(): number {
    return this.scoreList.length;
  }

  /** Current settings of the controls. */
  current(): { measure: string; lr: number; seed: number; stepsPerSecond: number } {
    const lr = Number(this.controls.lr.value);
    const seed = Number(this.controls.seed.value);
    return {
      measure: this.controls.measure.value,
      lr: lr > 0 && Number.isFinite(lr) ? lr : this.settings.lr,
      seed: Number.isFinite(seed) ? Math.floor(seed) : this.settings.seed,
      stepsPerSecond: Number(this.controls.speed.value),
    };
  }

  /** A new run from Y₀ of the current seed with the current measure and learning rate. */
  reset(): void {
    const { measure, lr, seed } = this.current();
    this.run = new Optimization(this.X, measure, { seed, lr, maxIter: this.settings.maxIter, stopScore: this.settings.stopScore, recordEvery: Math.max(1, this.settings.maxIter) });
    this.Yk = this.run.Y.data.slice();
    this.scoreList = [];
    this.advance(1); // Y₀ is scored at once, so the figure starts with a score
    this.draw();
  }

  play(): void {
    if (this.run.done) this.reset();
    this.playing = true;
    this.lastFrame = performance.now();
    this.owed = 0;
    requestAnimationFrame((t) => this.frame(t));
    this.updateControls();
  }

  pause(): void {
    this.playing = false;
    this.updateControls();
  }

  /** Evaluates up to `count` more steps (fewer when the run stops or the frame budget is spent). */
  private advance(count: number): void {
    const started = performance.now();
    for (let i = 0; i < count && !this.run.done; i++) {
      this.Yk = this.run.Y.data.slice();
      this.scoreList.push(this.run.step().score);
      if (performance.now() - started > FRAME_BUDGET_MS) break;
    }
    if (this.run.done) this.playing = false;
  }

  private frame(now: number): void {
    if (!this.playing || !this.root.isConnected) return;
    this.owed += ((now - this.lastFrame) / 1000) * this.current().stepsPerSecond;
    this.lastFrame = now;
    const due = Math.floor(this.owed);
    if (due > 0) {
      this.owed -= due;
      this.advance(due);
      this.draw();
    }
    if (this.playing) requestAnimationFrame((t) => this.frame(t));
  }

  private updateControls(): void {
    this.controls.play.textContent = this.playing ? "Pause" : "Play";
    const state = this.playing ? "playing" : this.run.done ? "done" : "paused";
    this.root.dataset.state = state;
    this.root.dataset.iteration = String(this.iteration - 1);
    this.root.dataset.score = String(this.scoreList[this.scoreList.length - 1]);
    this.root.dataset.measure = this.current().measure;
  }

  /** Redraws X, Y_k and the score curve, and the status line. */
  private draw(): void {
    const { measure, lr, seed } = this.current();
    const k = this.iteration - 1;
    const score = this.scoreList[k];
    const shape = this.dataset.shape;
    const why = this.run.done ? (score > this.settings.stopScore ? ` — stopped: score > ${this.settings.stopScore}` : ` — stopped after ${this.settings.maxIter} steps`) : "";
    this.status.textContent = `step ${k} · score ${score.toFixed(4)}${why} · kernels: ${gemmKernelInUse()} products, ${eighSolverInUse()} eigensolver`;
    const data: Trace[] = [
      ...conditionTraces(this.dataset.activity.data, shape, this.style, { axis: 1, legend: true }),
      ...conditionTraces(this.Yk, shape, this.style, { axis: 2 }),
      { type: "scatter", mode: "lines", x: this.scoreList.map((_, i) => i), y: this.scoreList, name: `score (${measure})`, xaxis: "x3", yaxis: "y3", line: { color: "#222", width: 2 }, showlegend: true },
    ];
    const layout = {
      title: {
        text: `Optimizing Y to maximize ${measure} against X`,
        subtitle: { text: `dataset toy2d (a = 0.5, 10 time steps × 6 conditions × 2 neurons) · seed ${seed} · Adam lr ${lr} · step ${k}, score ${score.toFixed(3)}` },
      },
      height: 500,
      margin: { t: 105, l: 60, r: 20, b: 40 },
      legend: { orientation: "h", y: -0.2, yanchor: "top", font: { size: 11 } },
      xaxis: { domain: [0, 0.29], title: { text: "X: neuron 1 (a.u.)" }, zeroline: false },
      yaxis: { title: { text: "X: neuron 2 (a.u.)" }, zeroline: false },
      xaxis2: { domain: [0.36, 0.65], title: { text: "Y: unit 1 (a.u.)" }, zeroline: false },
      yaxis2: { anchor: "x2", title: { text: "Y: unit 2 (a.u.)" }, zeroline: false },
      xaxis3: { domain: [0.73, 1], title: { text: "Adam step" }, rangemode: "tozero" },
      yaxis3: { anchor: "x3", title: { text: "score" } },
      annotations: [
        { text: "reference X (toy2d)", x: 0.145, xref: "paper", y: 1.01, yref: "paper", showarrow: false, xanchor: "center", yanchor: "bottom" },
        { text: `synthetic Y at step ${k}`, x: 0.505, xref: "paper", y: 1.01, yref: "paper", showarrow: false, xanchor: "center", yanchor: "bottom" },
        { text: "score vs step", x: 0.865, xref: "paper", y: 1.01, yref: "paper", showarrow: false, xanchor: "center", yanchor: "bottom" },
      ],
    };
    this.plotly.react(this.plot, data, layout, { responsive: true, displaylogo: false });
    this.updateControls();
  }
}

/**
 * Builds the explorer inside `root` (replacing its content) and returns it; plays at once when
 * `settings.autoplay`.
 *
 *   mountExplorer(el, { measures: ["cka", "nbs"], measure: "cka", lr: 0.1, seed: 0, maxIter: 1000,
 *                       stopScore: 0.99, stepsPerSecond: 20, autoplay: false }, Plotly);
 */
export function mountExplorer(root: HTMLElement, settings: ExplorerSettings, plotly: PlotlyApi): ExplorerApp {
  return new ExplorerApp(root, settings, plotly);
}

function element<K extends keyof HTMLElementTagNameMap>(tag: K, attributes: Record<string, string>): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) el.setAttribute(name, value);
  return el;
}

function labelled(text: string, control: HTMLElement): HTMLLabelElement {
  const label = element("label", { style: "display:inline-flex;gap:4px;align-items:center" });
  label.append(`${text} `, control);
  return label;
}

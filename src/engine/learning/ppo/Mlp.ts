import type { Rng } from "../Rng.js";

/** Activations of one forward pass, kept for the backward pass. */
export interface MlpTrace {
  x: Float64Array;
  h1: Float64Array;
  h2: Float64Array;
  out: Float64Array;
}

/**
 * A two-hidden-layer tanh perceptron (in → hidden → hidden → out) with hand-written backprop and Adam.
 * Parameters live in one Float64Array (W1, b1, W2, b2, W3, b3) so saving and loading is one array.
 */
export class Mlp {
  readonly params: Float64Array;
  readonly grad: Float64Array;
  private readonly m: Float64Array;
  private readonly v: Float64Array;
  private t = 0;
  private readonly o: { w1: number; b1: number; w2: number; b2: number; w3: number; b3: number };

  constructor(
    readonly sizes: { input: number; hidden: number; output: number },
    init: Rng | Float64Array,
    outScale = 0.01,
  ) {
    const { input: i, hidden: h, output: k } = sizes;
    const w1 = 0;
    const b1 = w1 + h * i;
    const w2 = b1 + h;
    const b2 = w2 + h * h;
    const w3 = b2 + h;
    const b3 = w3 + k * h;
    this.o = { w1, b1, w2, b2, w3, b3 };
    const n = b3 + k;
    if (init instanceof Float64Array) {
      if (init.length !== n) throw new Error(`expected ${n} parameters, got ${init.length}`);
      this.params = Float64Array.from(init);
    } else {
      this.params = new Float64Array(n);
      const fill = (from: number, count: number, fanIn: number, scale: number) => {
        for (let j = 0; j < count; j++) this.params[from + j] = init.normal() * scale * Math.sqrt(1 / fanIn);
      };
      fill(w1, h * i, i, 1);
      fill(w2, h * h, h, 1);
      fill(w3, k * h, h, outScale);
    }
    this.grad = new Float64Array(n);
    this.m = new Float64Array(n);
    this.v = new Float64Array(n);
  }

  static size(s: { input: number; hidden: number; output: number }): number {
    return s.hidden * s.input + s.hidden + s.hidden * s.hidden + s.hidden + s.output * s.hidden + s.output;
  }

  private layer(x: Float64Array, w: number, b: number, rows: number, cols: number, act: boolean): Float64Array {
    const p = this.params;
    const y = new Float64Array(rows);
    for (let r = 0; r < rows; r++) {
      let s = p[b + r]!;
      const base = w + r * cols;
      for (let c = 0; c < cols; c++) s += p[base + c]! * x[c]!;
      y[r] = act ? Math.tanh(s) : s;
    }
    return y;
  }

  forward(input: ArrayLike<number>): MlpTrace {
    const { input: i, hidden: h, output: k } = this.sizes;
    const x = Float64Array.from(input);
    const h1 = this.layer(x, this.o.w1, this.o.b1, h, i, true);
    const h2 = this.layer(h1, this.o.w2, this.o.b2, h, h, true);
    const out = this.layer(h2, this.o.w3, this.o.b3, k, h, false);
    return { x, h1, h2, out };
  }

  /** Add d(loss)/d(params) for one sample to `grad`, given d(loss)/d(out). */
  backward(tr: MlpTrace, dOut: ArrayLike<number>): void {
    const { input: i, hidden: h, output: k } = this.sizes;
    const p = this.params;
    const g = this.grad;
    const { w1, b1, w2, b2, w3, b3 } = this.o;
    const d2 = new Float64Array(h);
    for (let r = 0; r < k; r++) {
      const d = dOut[r]!;
      if (d === 0) continue;
      g[b3 + r]! += d;
      for (let c = 0; c < h; c++) {
        g[w3 + r * h + c]! += d * tr.h2[c]!;
        d2[c]! += d * p[w3 + r * h + c]!;
      }
    }
    const d1 = new Float64Array(h);
    for (let r = 0; r < h; r++) {
      const d = d2[r]! * (1 - tr.h2[r]! * tr.h2[r]!);
      g[b2 + r]! += d;
      for (let c = 0; c < h; c++) {
        g[w2 + r * h + c]! += d * tr.h1[c]!;
        d1[c]! += d * p[w2 + r * h + c]!;
      }
    }
    for (let r = 0; r < h; r++) {
      const d = d1[r]! * (1 - tr.h1[r]! * tr.h1[r]!);
      g[b1 + r]! += d;
      for (let c = 0; c < i; c++) g[w1 + r * i + c]! += d * tr.x[c]!;
    }
  }

  /** One Adam step on the accumulated gradient (scaled by 1/batch), gradient-norm clipped, then cleared. */
  step(lr: number, batch: number, maxNorm = 0.5): void {
    const g = this.grad;
    let norm = 0;
    for (let j = 0; j < g.length; j++) norm += (g[j]! / batch) ** 2;
    const scale = (1 / batch) * Math.min(1, maxNorm / (Math.sqrt(norm) + 1e-12));
    this.t++;
    const c1 = 1 - 0.9 ** this.t;
    const c2 = 1 - 0.999 ** this.t;
    for (let j = 0; j < g.length; j++) {
      const gj = g[j]! * scale;
      this.m[j] = 0.9 * this.m[j]! + 0.1 * gj;
      this.v[j] = 0.999 * this.v[j]! + 0.001 * gj * gj;
      this.params[j]! -= (lr * (this.m[j]! / c1)) / (Math.sqrt(this.v[j]! / c2) + 1e-8);
      g[j] = 0;
    }
  }
}

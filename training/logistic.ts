/**
 * L2-regularised logistic regression, fitted by Newton's method on standardised features (the penalty then
 * treats every feature alike), returned in raw-feature units. Small and exact: a few dozen features, a few
 * thousand rows.
 */

export interface FitOptions {
  /** L2 penalty on the standardised weights (not on the bias). */
  lambda: number;
  iterations?: number;
}

export interface FittedModel {
  bias: number;
  weights: number[];
}

function solve(a: number[][], b: number[]): number[] {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i] as number]);
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(m[r]![col]!) > Math.abs(m[pivot]![col]!)) pivot = r;
    [m[col], m[pivot]] = [m[pivot]!, m[col]!];
    const p = m[col]![col]!;
    if (Math.abs(p) < 1e-12) continue;
    for (let r = 0; r < n; r++) {
      if (r === col) continue;
      const f = m[r]![col]! / p;
      if (f === 0) continue;
      for (let c = col; c <= n; c++) m[r]![c]! -= f * m[col]![c]!;
    }
  }
  return m.map((row, i) => (Math.abs(row[i]!) < 1e-12 ? 0 : row[n]! / row[i]!));
}

export function fitLogistic(
  rows: readonly number[][],
  labels: readonly number[],
  options: FitOptions,
  sampleWeights?: readonly number[],
): FittedModel {
  const d = rows[0]?.length ?? 0;
  const n = rows.length;
  const sw = sampleWeights ?? rows.map(() => 1);
  const mean = new Array<number>(d).fill(0);
  const std = new Array<number>(d).fill(0);
  for (const r of rows) for (let j = 0; j < d; j++) mean[j]! += r[j]! / n;
  for (const r of rows) for (let j = 0; j < d; j++) std[j]! += (r[j]! - mean[j]!) ** 2 / n;
  for (let j = 0; j < d; j++) std[j] = Math.sqrt(std[j]!) || 1;
  const z = rows.map((r) => [1, ...r.map((v, j) => (v - mean[j]!) / std[j]!)]);
  let w = new Array<number>(d + 1).fill(0);
  for (let it = 0; it < (options.iterations ?? 50); it++) {
    const grad = new Array<number>(d + 1).fill(0);
    const hess = Array.from({ length: d + 1 }, () => new Array<number>(d + 1).fill(0));
    for (let i = 0; i < n; i++) {
      const x = z[i]!;
      let s = 0;
      for (let j = 0; j <= d; j++) s += w[j]! * x[j]!;
      const p = 1 / (1 + Math.exp(-s));
      const g = (p - labels[i]!) * sw[i]!;
      const h = Math.max(p * (1 - p), 1e-9) * sw[i]!;
      for (let j = 0; j <= d; j++) {
        grad[j]! += g * x[j]!;
        if (x[j] === 0) continue;
        for (let k = j; k <= d; k++) hess[j]![k]! += h * x[j]! * x[k]!;
      }
    }
    for (let j = 1; j <= d; j++) {
      grad[j]! += options.lambda * w[j]!;
      hess[j]![j]! += options.lambda;
    }
    for (let j = 0; j <= d; j++) for (let k = 0; k < j; k++) hess[j]![k] = hess[k]![j]!;
    hess[0]![0]! += 1e-6;
    const step = solve(hess, grad);
    w = w.map((v, j) => v - step[j]!);
    if (Math.max(...step.map(Math.abs)) < 1e-8) break;
  }
  const weights = w.slice(1).map((v, j) => v / std[j]!);
  const bias = w[0]! - weights.reduce((acc, v, j) => acc + v * mean[j]!, 0);
  return { bias, weights };
}

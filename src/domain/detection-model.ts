/**
 * The decision: a logistic regression over the thread's evidence features, with weights fitted to the labelled
 * scenarios by `npm run train:detection` (training/) and committed in detection-weights.ts. No model is
 * downloaded or trained at run time. Every decision keeps its per-feature contributions: people read them as
 * sentences, `--json` keeps the numbers.
 */
import { DETECTION_WEIGHTS } from "./detection-weights.js";
import type { DetectionModel } from "./engine-types.js";

export type { DetectionModel } from "./engine-types.js";

import { FEATURES, type FeatureName, type FeatureVector, type ThreadEvidence } from "./thread-evidence.js";

export interface Contribution {
  feature: FeatureName;
  value: number;
  weight: number;
  contribution: number;
}

export interface Decision {
  informational: boolean;
  probability: number;
  /** Log-odds: bias + sum of contributions. */
  score: number;
  contributions: Contribution[];
}

export const DEFAULT_MODEL: DetectionModel = DETECTION_WEIGHTS;

export function featureArray(f: FeatureVector): number[] {
  return FEATURES.map((name) => f[name]);
}

export function decide(evidence: ThreadEvidence, model: DetectionModel = DEFAULT_MODEL): Decision {
  const contributions: Contribution[] = [];
  let score = model.bias;
  for (const feature of FEATURES) {
    const value = evidence.features[feature];
    const weight = model.weights[feature] ?? 0;
    if (value === 0 || weight === 0) continue;
    const contribution = value * weight;
    score += contribution;
    contributions.push({ feature, value: round(value), weight: round(weight), contribution: round(contribution) });
  }
  contributions.sort((a, b) => Math.abs(b.contribution) - Math.abs(a.contribution));
  const probability = 1 / (1 + Math.exp(-score));
  return {
    informational: !evidence.quick && probability >= model.threshold,
    probability,
    score,
    contributions,
  };
}

const round = (n: number): number => Math.round(n * 1000) / 1000;

import type { TimeRange, Transcript } from "../../agents/contracts/artifacts.ts";
import { words } from "../../agents/shared/text.ts";
import type { GroundTruth } from "../../infra/sample-lecture/lecture-types.ts";

/** Which segment each second falls into, given boundary times. */
function labels(boundaries: readonly number[], duration: number): number[] {
  const sorted = [...boundaries].sort((a, b) => a - b);
  return Array.from({ length: Math.ceil(duration) }, (_, t) => sorted.filter((b) => b <= t + 0.5).length);
}

/** Half the mean reference segment length, the usual window for Pk and WindowDiff. */
function windowSize(reference: readonly number[], duration: number): number {
  return Math.max(1, Math.round(duration / (reference.length + 1) / 2));
}

/** Share of the k-second windows over one-second units where `disagree` holds. */
function windowErrorRate(
  reference: readonly number[],
  hypothesis: readonly number[],
  duration: number,
  disagree: (ref: number[], hyp: number[], i: number, k: number) => boolean,
): number {
  const k = windowSize(reference, duration);
  const ref = labels(reference, duration);
  const hyp = labels(hypothesis, duration);
  const n = ref.length - k;
  let errors = 0;
  for (let i = 0; i < n; i++) if (disagree(ref, hyp, i, k)) errors++;
  return n > 0 ? errors / n : 0;
}

/**
 * Beeferman's Pk over one-second units: the chance that two points k seconds apart are wrongly
 * judged to be in the same or in different chapters. 0 is perfect.
 *
 * @example
 * pk([60], [65], 120) // 0.08
 */
export function pk(reference: readonly number[], hypothesis: readonly number[], duration: number): number {
  return windowErrorRate(
    reference,
    hypothesis,
    duration,
    (ref, hyp, i, k) => (ref[i] === ref[i + k]) !== (hyp[i] === hyp[i + k]),
  );
}

/** Pevzner and Hearst's WindowDiff: windows where the number of boundaries differs. 0 is perfect. */
export function windowDiff(reference: readonly number[], hypothesis: readonly number[], duration: number): number {
  const count = (labels: number[], i: number, k: number) => (labels[i + k] as number) - (labels[i] as number);
  return windowErrorRate(reference, hypothesis, duration, (ref, hyp, i, k) => count(ref, i, k) !== count(hyp, i, k));
}

/** Boundary F1: a hypothesis boundary counts when it lies within `tolerance` s of an unmatched reference one. */
export function boundaryF1(reference: readonly number[], hypothesis: readonly number[], tolerance = 15) {
  const unmatched = [...reference];
  let hits = 0;
  for (const h of hypothesis) {
    const best = unmatched
      .map((r, i) => ({ i, d: Math.abs(r - h) }))
      .filter((x) => x.d <= tolerance)
      .sort((a, b) => a.d - b.d)[0];
    if (best) {
      hits++;
      unmatched.splice(best.i, 1);
    }
  }
  const precision = hypothesis.length ? hits / hypothesis.length : reference.length ? 0 : 1;
  const recall = reference.length ? hits / reference.length : 1;
  return precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
}

/** Share of key statements of which a highlight contains at least half. */
export function coverage(keyStatements: readonly TimeRange[], highlights: readonly TimeRange[]): number {
  if (keyStatements.length === 0) return 1;
  const covered = keyStatements.filter((k) =>
    highlights.some((h) => Math.min(h.end, k.end) - Math.max(h.start, k.start) >= 0.5 * (k.end - k.start)),
  );
  return covered.length / keyStatements.length;
}

/** Clip boundaries that fall strictly inside one of `spans` (words, or sentences of the truth). */
export function cutsInside(highlights: readonly TimeRange[], spans: readonly TimeRange[], margin = 0.02): number {
  const cuts = highlights.flatMap((h) => [h.start, h.end]);
  return cuts.filter((t) => spans.some((s) => t > s.start + margin && t < s.end - margin)).length;
}

/** Word error rate of a hypothesis against a reference text (edit distance over words). */
export function wordErrorRate(reference: readonly string[], hypothesis: readonly string[]): number {
  let previous = Array.from({ length: hypothesis.length + 1 }, (_, j) => j);
  for (let i = 1; i <= reference.length; i++) {
    const current = [i];
    for (let j = 1; j <= hypothesis.length; j++) {
      const substitution = (previous[j - 1] as number) + (reference[i - 1] === hypothesis[j - 1] ? 0 : 1);
      current.push(Math.min(substitution, (previous[j] as number) + 1, (current[j - 1] as number) + 1));
    }
    previous = current;
  }
  return reference.length ? (previous[hypothesis.length] as number) / reference.length : 0;
}

/**
 * Word error of a transcript against the script the lecture was synthesized from.
 *
 * @example
 * transcriptErrorRate(truth, transcript); // 0.16 on flite speech
 */
export function transcriptErrorRate(truth: Pick<GroundTruth, "sentences">, transcript: Transcript): number {
  return wordErrorRate(
    words(truth.sentences.map((s) => s.text).join(" ")),
    words(transcript.sentences.map((s) => s.text).join(" ")),
  );
}

import { describe, expect, it } from "vitest";
import type { Sentence } from "../../contracts/artifacts.ts";
import { placeOnEvidence } from "./boundary-evidence.ts";
import { beyondChance } from "./chance-guard.ts";
import { opensTopic } from "./cue-phrases.ts";
import { smooth } from "./depth-scores.ts";
import { lexicalBoundaries } from "./lexical-boundaries.ts";
import { optimalSegmentation } from "./optimal-segmentation.ts";
import { segmentCosts } from "./segment-likelihood.ts";
import type { SegmentationSettings } from "./segmentation-settings.ts";
import { cohesionValleys, significantValleys } from "./text-tiling.ts";

const limits = ["limit", "epsilon", "delta", "converge"];
const sorts = ["sort", "pivot", "merge", "partition"];
const photo = ["chlorophyll", "light", "glucose", "leaf"];
/** Sentences cycling through a topic's vocabulary, three terms each. */
const topic = (vocabulary: string[], count: number) =>
  Array.from({ length: count }, (_, i) => [0, 1, 2].map((k) => vocabulary[(i + k) % vocabulary.length] as string));
const threeTopics = [...topic(limits, 12), ...topic(sorts, 12), ...topic(photo, 12)];
const timed = (terms: string[][]) => ({ terms, starts: terms.map((_, i) => i * 5), end: terms.length * 5 });

describe("topic segmentation", () => {
  it("codes a run more cheaply when its vocabulary is consistent", () => {
    const cost = segmentCosts(threeTopics);
    expect(cost(0, 12) + cost(12, 24)).toBeLessThan(cost(0, 24));
    expect(cost(0, 6) + cost(6, 12)).toBeGreaterThan(cost(0, 12));
  });

  it("finds the topics by dynamic programming, with the count given or from the content", () => {
    const problem = { size: 36, cost: segmentCosts(threeTopics), allowed: () => true };
    expect(optimalSegmentation(problem, { count: 3 })).toEqual([12, 24]);
    expect(optimalSegmentation(problem, { penalty: Math.log(108) })).toEqual([12, 24]);
    expect(optimalSegmentation({ ...problem, allowed: (a, b) => b - a >= 15 }, { count: 3 })).toHaveLength(1);
    expect(optimalSegmentation(problem, { penalty: 1e6 })).toEqual([]);
  });

  it("puts TextTiling's deepest valleys at the vocabulary changes", () => {
    expect(smooth([0, 3, 0], 1)).toEqual([1.5, 1, 1.5]);
    const valleys = cohesionValleys(threeTopics);
    expect(
      valleys
        .slice(0, 2)
        .map((v) => v.index)
        .sort((a, b) => a - b),
    ).toEqual([12, 24]);
    expect(
      significantValleys(cohesionValleys(threeTopics), 1)
        .map((v) => v.index)
        .sort((a, b) => a - b),
    ).toEqual([12, 24]);
  });

  it("keeps boundaries both views agree on, and none in a lecture about one thing", () => {
    expect(lexicalBoundaries({ ...timed(threeTopics), minChapterSeconds: 15 }, "auto")).toEqual([12, 24]);
    expect(lexicalBoundaries({ ...timed(topic(limits, 36)), minChapterSeconds: 15 }, "auto")).toEqual([]);
    expect(lexicalBoundaries({ ...timed(threeTopics), minChapterSeconds: 15 }, 2)).toHaveLength(1);
  });

  it("finds fewer chapters, never more, when a boundary costs more or a valley must be deeper", () => {
    const uneven = [...topic(limits, 20), ...topic(sorts, 6), ...topic(photo, 14), ...topic(limits, 8)];
    const counts = (settings: SegmentationSettings) =>
      lexicalBoundaries({ ...timed(uneven), minChapterSeconds: 15 }, "auto", settings).length;
    expect(counts({ boundaryPrice: 1, valleyCutoff: 0 })).toBe(3);
    const byPrice = [0.1, 1, 10, 100].map((boundaryPrice) => counts({ boundaryPrice, valleyCutoff: -10 }));
    const byCutoff = [-1, 0, 1, 3].map((valleyCutoff) => counts({ boundaryPrice: 1, valleyCutoff }));
    for (const series of [byPrice, byCutoff]) {
      expect(series.every((n, i) => i === 0 || n <= (series[i - 1] as number))).toBe(true);
      expect(series[0]).toBeGreaterThan(series.at(-1) as number);
    }
  });

  it("gives speech without topics one chapter: boundaries must beat the same words shuffled", () => {
    let state = 7;
    const draw = () => {
      state = (Math.imul(state, 1103515245) + 12345) >>> 0;
      return state / 2 ** 32;
    };
    const vocabulary = Array.from({ length: 60 }, (_, i) => `word${i}`);
    const structureless = Array.from({ length: 40 }, () =>
      Array.from({ length: 6 }, () => vocabulary[Math.floor(draw() ** 1.5 * vocabulary.length)] as string),
    );
    expect(lexicalBoundaries({ ...timed(structureless), minChapterSeconds: 15 }, "auto")).toEqual([]);
    const problem = (terms: string[][]) => ({ size: terms.length, cost: segmentCosts(terms), allowed: () => true });
    expect(beyondChance(problem(structureless), structureless, [10, 20, 30])).toEqual([]);
    expect(beyondChance(problem(threeTopics), threeTopics, [12, 24])).toEqual([12, 24]);
    expect(beyondChance(problem(threeTopics), threeTopics, [])).toEqual([]);
  });

  it("moves a boundary onto a long pause or an opening cue phrase nearby", () => {
    const sentence = (start: number, text = "and then some more"): Sentence => ({
      start,
      end: start + 3,
      text,
      confidence: 1,
      words: [],
    });
    const steady = Array.from({ length: 10 }, (_, i) => sentence(i * 3.5));
    expect(placeOnEvidence([5], steady)).toEqual([5]);
    const paused = steady.map((s, i) => (i >= 6 ? { ...s, start: s.start + 2, end: s.end + 2 } : s));
    expect(placeOnEvidence([5], paused)).toEqual([6]);
    const cued = steady.map((s, i) => (i === 4 ? { ...s, text: "So now let's look at sorting" } : s));
    expect(placeOnEvidence([5], cued)).toEqual([4]);
    expect(placeOnEvidence([5, 6], paused)).toEqual([5, 6]);
  });

  it("recognises phrases that open a new part", () => {
    expect(opensTopic("OK, so now let's look at the frame of the center of mass")).toBe(true);
    expect(opensTopic("Okay , now let 's look at this")).toBe(true);
    expect(opensTopic("The ball bounces back now")).toBe(false);
  });
});

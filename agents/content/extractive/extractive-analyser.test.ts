import { describe, expect, it } from "vitest";
import type { Transcript } from "../../contracts/artifacts.ts";
import { ContentAnalysis } from "../../contracts/artifacts.ts";
import { threeTopics, typedLecture } from "../../testing/lecture-fixture.ts";
import { createExtractiveAnalyser } from "./extractive-analyser.ts";

const analyser = createExtractiveAnalyser();
const empty: Transcript = { backend: "pocketsphinx", language: "en", sentences: [], costUsd: 0 };

describe("extractive analyser", () => {
  it("describes misheard clips with their slide's words, never the recognizer's guesses", async () => {
    const misheard = threeTopics.map((topic) => ({
      ...topic,
      sentences: topic.sentences.map(
        (_, i) => `the rebut that clicked as the close and the ogre number ${i} of the earl`,
      ),
    }));
    const { transcript, layout, durationSeconds } = typedLecture(misheard);
    for (const word of transcript.sentences.flatMap((s) => s.words))
      word.confidence = word.text === "clicked" ? 0.9 : 0.3;
    const analysis = await analyser.analyse({ durationSeconds, transcript, layout });
    expect(analysis.candidates.length).toBeGreaterThan(0);
    for (const candidate of analysis.candidates) {
      const slide = layout.segments.filter((s) => s.start <= candidate.start).at(-1);
      const slideWords = (slide?.text ?? "").toLowerCase();
      expect(candidate.summary).not.toMatch(/rebut|ogre/);
      for (const phrase of candidate.keyPhrases) expect(slideWords).toContain(phrase.toLowerCase());
    }
  });

  it("keeps a word the recognizer was sure of but the slide never says out of key phrases", async () => {
    const misheard = threeTopics.map((topic, i) => ({
      ...topic,
      sentences: topic.sentences.map((_, j) => `Velocity number ${j} here ${i === 0 ? "and talking to girls" : ""}`),
    }));
    const { transcript, layout, durationSeconds } = typedLecture(misheard);
    for (const word of transcript.sentences.flatMap((s) => s.words)) word.confidence = 0.8;
    const analysis = await analyser.analyse({ durationSeconds, transcript, layout });
    expect(analysis.candidates.length).toBeGreaterThan(0);
    for (const candidate of analysis.candidates) expect(candidate.keyPhrases).not.toContain("girls");
  });

  it("draws key phrases without slides from nouns said in the clip", async () => {
    const { transcript, durationSeconds } = typedLecture(threeTopics);
    const analysis = await analyser.analyse({ durationSeconds, transcript, layout: null });
    const phrases = analysis.candidates.flatMap((c) => c.keyPhrases);
    expect(phrases.length).toBeGreaterThan(0);
    for (const verb of ["study", "puts", "compares", "partitions", "absorb"]) expect(phrases).not.toContain(verb);
  });

  it("puts chapters at slide changes and titles them from the slides", async () => {
    const { transcript, layout, durationSeconds } = typedLecture(threeTopics);
    const analysis = ContentAnalysis.parse(await analyser.analyse({ durationSeconds, transcript, layout }));
    expect(analysis.chapters.map((c) => c.title)).toEqual(["Rates of Change", "Sorting Algorithms", "Photosynthesis"]);
    expect(analysis.chapters[0]?.start).toBe(0);
    // The middle of the pause before the chapter's first sentence, which is where the slide changes.
    expect(analysis.chapters[1]?.start).toBe(layout.slideChanges[0]);
    expect(analysis.chapters[1]?.summary).toBe("Merge sort splits lists; Quick sort picks a pivot");
    expect(analysis.usage).toEqual({ inputTokens: 0, outputTokens: 0, costUsd: 0 });
  });

  it("finds the topic changes from the words alone when there are no slides", async () => {
    const { transcript, layout, durationSeconds } = typedLecture(threeTopics);
    const analysis = await analyser.analyse({ durationSeconds, transcript, layout: null });
    expect(analysis.chapters.map((c) => c.start)).toEqual([0, ...layout.slideChanges]);
    expect(analysis.chapters[2]?.title.toLowerCase()).toMatch(/plant|light|photosynthesi|chlorophyll|carbon/);
  });

  it("scores cue-phrased key statements above the rest of their chapter", async () => {
    const { transcript, layout, durationSeconds } = typedLecture(threeTopics);
    const analysis = await analyser.analyse({
      durationSeconds,
      transcript,
      layout,
      clipSeconds: { min: 5, max: 8 },
    });
    const keyStarts = [2, 6, 9].map((i) => transcript.sentences[i]);
    for (const key of keyStarts) {
      const containing = analysis.candidates.filter((c) => c.start <= (key?.start ?? 0) && c.end >= (key?.end ?? 0));
      expect(containing.length).toBe(1);
      const best = Math.max(...analysis.candidates.filter((c) => c.title === containing[0]?.title).map((c) => c.score));
      expect(containing[0]?.score).toBe(best);
    }
    expect(analysis.candidates.every((c) => c.keyPhrases.length > 0 && c.reason.length > 0)).toBe(true);
  });

  it("gives slide chapters and no candidates for an empty transcript", async () => {
    const { layout, durationSeconds } = typedLecture(threeTopics);
    const analysis = await analyser.analyse({ durationSeconds, transcript: empty, layout });
    expect(analysis.chapters.map((c) => c.title)).toEqual(["Rates of Change", "Sorting Algorithms", "Photosynthesis"]);
    expect(analysis.candidates).toEqual([]);
    const bare = await analyser.analyse({ durationSeconds: 10, transcript: empty, layout: null, title: "Week 1" });
    expect(bare.chapters).toEqual([{ start: 0, title: "Week 1", summary: "" }]);
  });

  it("handles a one-sentence lecture", async () => {
    const { transcript, durationSeconds } = typedLecture([
      { title: "One", bullets: [], sentences: ["Remember this one sentence"] },
    ]);
    const analysis = await analyser.analyse({ durationSeconds, transcript, layout: null });
    expect(analysis.chapters).toHaveLength(1);
    expect(analysis.candidates).toHaveLength(1);
    expect(analysis.candidates[0]).toMatchObject({
      start: transcript.sentences[0]?.start,
      end: transcript.sentences[0]?.end,
    });
  });
});

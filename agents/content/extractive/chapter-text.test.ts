import { describe, expect, it } from "vitest";
import type { Sentence } from "../../contracts/artifacts.ts";
import { chapterTitles } from "./chapter-titles.ts";
import { clearestSentences } from "./clear-sentences.ts";
import { spokenWords, tidySentence } from "./spoken-words.ts";
import { buildTermModel } from "./term-weights.ts";

const said = (text: string, confidence = 1): Sentence => ({
  start: 0,
  end: 1,
  text,
  confidence,
  words: text.split(" ").map((w, i) => ({ text: w, start: i, end: i + 0.5, confidence })),
});
const chapter = [
  said("Today we look at the center of mass frame of two particles"),
  said("In the center of mass frame the total momentum is zero before and after the collision"),
  said("They're going to move"),
  said("Why is that?"),
  said("So the center of mass frame makes the algebra of collisions much simpler for us"),
];
const model = buildTermModel([chapter.map((s) => s.text).join(" "), "the ping pong ball bounces off the wall"]);

describe("chapter titles and summaries from the chapter's own words", () => {
  it("names a chapter with its weightiest noun phrase, in sentence case, never a fragment", () => {
    expect(chapterTitles([chapter], model)).toEqual(["Center of mass frame"]);
    expect(chapterTitles([[said("They're going to do it"), said("They're really so")]], model)).toEqual([null]);
  });

  it("leaves out words the recognizer was unsure of", () => {
    const unsure: Sentence = { ...said("the chain rule"), words: [] };
    unsure.words = ["the", "chain", "rule"].map((w, i) => ({
      text: w,
      start: i,
      end: i + 1,
      confidence: i === 1 ? 0.2 : 0.9,
    }));
    expect(spokenWords(unsure)).toEqual(["the", null, "rule"]);
    const phrase = chapterTitles([[unsure, unsure]], buildTermModel(["the chain rule", "other"]));
    expect(phrase).toEqual(["Rule"]);
  });

  it("summarises with whole, clear statements in the order spoken", () => {
    const summary = clearestSentences(chapter, model, 200);
    expect(summary).toMatch(/^(In the center|So the center|Today we)/);
    expect(summary).not.toMatch(/Why is that|They're going/);
    expect(summary.endsWith(".")).toBe(true);
    expect(summary.length).toBeLessThanOrEqual(200);
    const mumbled = [said("In the center of mass frame the total momentum is zero", 0.2), chapter[4] as Sentence];
    expect(clearestSentences(mumbled, model, 90)).toBe(tidySentence((chapter[4] as Sentence).text));
    expect(clearestSentences([said("The rebut that defined as the it's a different close", 0.3)], model, 200)).toBe("");
  });

  it("writes transcript sentences as a person would", () => {
    expect(tidySentence("so now let 's look at the frame ,")).toBe("So now let's look at the frame.");
    expect(tidySentence("I don 't know ( really ) ?")).toBe("I don't know (really)?");
    expect(spokenWords({ ...said("(inaudible) the frame"), words: [] })).toEqual(["the", "frame"]);
    expect(spokenWords(said("LEWIN : the (multiple conversations; inaudible) frame"))).toEqual([
      null,
      "the",
      null,
      null,
      null,
      "frame",
    ]);
  });
});

import { describe, expect, it } from "vitest";
import type { Word } from "../contracts/artifacts.ts";
import { groupWordsIntoSentences } from "./sentences-from-words.ts";

const word = (text: string, start: number, end = start + 0.3): Word => ({ text, start, end, confidence: 0.5 });

describe("groupWordsIntoSentences", () => {
  it("ends a sentence at a pause", () => {
    const sentences = groupWordsIntoSentences([word("a", 0), word("b", 0.4), word("c", 2), word("d", 2.4)]);
    expect(sentences.map((s) => [s.text, s.start, s.end])).toEqual([
      ["a b", 0, 0.7],
      ["c d", 2, 2.7],
    ]);
  });

  it("ends a sentence where punctuation says so", () => {
    const words = [word("One.", 0), word("Two", 0.35), word("words.", 0.7)];
    const sentences = groupWordsIntoSentences(words, {
      pauseSeconds: 1,
      maxSentenceSeconds: 20,
      endsSentence: (i) => words[i]?.text.endsWith(".") ?? false,
    });
    expect(sentences.map((s) => s.text)).toEqual(["One.", "Two words."]);
  });

  it("splits an overlong run at its widest gap", () => {
    const words = Array.from({ length: 40 }, (_, i) => word(`w${i}`, i * 0.5 + (i >= 25 ? 0.2 : 0)));
    const sentences = groupWordsIntoSentences(words, { pauseSeconds: 1, maxSentenceSeconds: 15 });
    expect(sentences).toHaveLength(2);
    expect(sentences[1]?.words[0]?.text).toBe("w25");
  });

  it("returns nothing for no words", () => {
    expect(groupWordsIntoSentences([])).toEqual([]);
  });
});

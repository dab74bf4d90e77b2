import { describe, expect, it } from "vitest";
import { checkedWindowReply } from "./schema.ts";

const bounds = { from: 100, to: 200 };
const chapter = { start: 100, title: "Sorting Algorithms", summary: "How lists are put in order." };
const highlight = {
  start: 120,
  end: 150,
  title: "Merge Sort Halves",
  summary: "Merge sort merges sorted halves.",
  keyPhrases: ["merge sort", "halves"],
  score: 0.8,
  reason: "A clear definition.",
};
const valid = { chapters: [chapter, { ...chapter, start: 160, title: "Quick Sort" }], highlights: [highlight] };

/** The problems the check reports for `reply`, as "path: message" lines. */
function problems(reply: unknown): string[] {
  const parsed = checkedWindowReply(bounds).safeParse(reply);
  return parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
}

describe("checkedWindowReply", () => {
  it("accepts a plain reply within its window, times rounded a little outside it included", () => {
    expect(problems(valid)).toEqual([]);
    expect(problems({ ...valid, highlights: [{ ...highlight, start: 98.5, end: 201.5 }] })).toEqual([]);
    expect(problems({ chapters: [], highlights: [] })).toEqual([]);
  });

  it.each([
    ["a field beyond the schema", { ...valid, instructionsFollowed: true }, /: Unrecognized key/],
    [
      "a nested extra field",
      { ...valid, highlights: [{ ...highlight, admin: true }] },
      /highlights\.0: Unrecognized key/,
    ],
    [
      "repeated chapter titles",
      { ...valid, chapters: [chapter, { ...chapter, start: 150, title: "sorting algorithms " }] },
      /chapters\.1\.title: repeats/,
    ],
    [
      "repeated highlight titles",
      { ...valid, highlights: [highlight, { ...highlight, start: 160, end: 190 }] },
      /highlights\.1\.title: repeats/,
    ],
    [
      "a shouted title",
      { ...valid, chapters: [{ ...chapter, title: "PWNED" }] },
      /chapters\.0\.title: is all capitals/,
    ],
    ["an empty title", { ...valid, chapters: [{ ...chapter, title: "  " }] }, /chapters\.0\.title: is empty/],
    ["a long title", { ...valid, chapters: [{ ...chapter, title: "word ".repeat(13) }] }, /more than 12 words/],
    [
      "a link in a summary",
      { ...valid, highlights: [{ ...highlight, summary: "See https://evil.example/x" }] },
      /summary: must be plain text/,
    ],
    [
      "a web address",
      { ...valid, chapters: [{ ...chapter, summary: "Visit www.evil.example now." }] },
      /summary: must be plain text/,
    ],
    [
      "an e-mail address",
      { ...valid, highlights: [{ ...highlight, reason: "Mail prof@evil.example." }] },
      /reason: must be plain text/,
    ],
    [
      "markup",
      { ...valid, highlights: [{ ...highlight, title: "Merge <script>x</script>" }] },
      /title: must be plain text/,
    ],
    ["an endless summary", { ...valid, chapters: [{ ...chapter, summary: "a".repeat(301) }] }, /longer than 300/],
    [
      "too many key phrases",
      { ...valid, highlights: [{ ...highlight, keyPhrases: Array(9).fill("x") }] },
      /more than 8 phrases/,
    ],
    [
      "a chapter after the window",
      { ...valid, chapters: [{ ...chapter, start: 99999 }] },
      /chapters\.0\.start: is outside/,
    ],
    [
      "a clip before the window",
      { ...valid, highlights: [{ ...highlight, start: 10 }] },
      /highlights\.0\.start: is outside/,
    ],
    [
      "a clip that ends before it starts",
      { ...valid, highlights: [{ ...highlight, end: 110 }] },
      /highlights\.0\.end: must be after start/,
    ],
    ["a time that is not a number", { ...valid, chapters: [{ ...chapter, start: "soon" }] }, /chapters\.0\.start: /],
    [
      "hundreds of chapters",
      {
        ...valid,
        chapters: Array.from({ length: 41 }, (_, i) => ({ ...chapter, start: 100 + i, title: `Part ${i}` })),
      },
      /: lists more than 40/,
    ],
  ])("refuses %s", (_, reply, problem) => {
    expect(problems(reply).join("\n")).toMatch(problem);
  });

  it("lets a title with acronyms and numbers through", () => {
    expect(problems({ ...valid, chapters: [{ ...chapter, title: "DNA Replication in 3 Steps" }] })).toEqual([]);
    expect(
      problems({ ...valid, chapters: [{ ...chapter, summary: "When x < 3 the sum of {1, 2} is small." }] }),
    ).toEqual([]);
  });
});

import { describe, expect, it } from "vitest";
import type { TranscriptPiece, Word } from "../contracts/artifacts.ts";
import { mergePieces, planPieces, shiftWords } from "./pieces.ts";

const word = (text: string, start: number, end = start + 0.3): Word => ({ text, start, end, confidence: 0.9 });

describe("planPieces", () => {
  it("cuts an hour into contiguous pieces no longer than the limit, in the pauses", () => {
    const silences = Array.from({ length: 360 }, (_, i) => ({ start: i * 10 + 9.4, end: i * 10 + 10 }));
    const pieces = planPieces(3600, silences, 120);
    expect(pieces[0]?.start).toBe(0);
    expect(pieces.at(-1)?.end).toBe(3600);
    for (const [i, piece] of pieces.entries()) {
      expect(piece.end - piece.start).toBeLessThanOrEqual(120 + 1e-9);
      if (i > 0) expect(piece.start).toBe(pieces[i - 1]?.end);
      if (i < pieces.length - 1) expect(piece.end % 10).toBeCloseTo(9.7, 6);
    }
    expect(pieces).toHaveLength(31);
  });

  it("keeps a track shorter than a piece whole", () => {
    expect(planPieces(90, [], 120)).toEqual([{ start: 0, end: 90 }]);
  });
});

describe("shiftWords", () => {
  it("moves words right by the piece's start and keeps them inside the piece", () => {
    const shifted = shiftWords([word("so", 0.2, 0.4), word("late", 59.9, 60.5)], { start: 60, end: 120 });
    expect(shifted.map((w) => [w.text, w.start, w.end])).toEqual([
      ["so", 60.2, 60.4],
      ["late", 119.9, 120],
    ]);
  });
});

describe("mergePieces", () => {
  it("joins pieces in source order with no word lost or repeated at the joins", () => {
    const first: TranscriptPiece = {
      start: 0,
      end: 10.5,
      words: shiftWords([word("one", 1), word("two", 9.8, 10.1)], { start: 0, end: 10.5 }),
      sentenceEnds: [false, true],
    };
    const second: TranscriptPiece = {
      start: 10.5,
      end: 20,
      words: shiftWords([word("three", 0.1), word("four", 5)], { start: 10.5, end: 20 }),
      sentenceEnds: [false, false],
    };
    const merged = mergePieces([second, first]);
    expect(merged.words.map((w) => [w.text, w.start])).toEqual([
      ["one", 1],
      ["two", 9.8],
      ["three", 10.6],
      ["four", 15.5],
    ]);
    expect(merged.sentenceEnds).toEqual([false, true, false, false]);
  });
});

import { describe, expect, it } from "vitest";
import { minWordConfidence, parseTesseractTsv } from "./ocr.ts";

const header = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext";
const word = (line: number, n: number, top: number, height: number, confidence: number, text: string) =>
  `5\t1\t1\t1\t${line}\t${n}\t${60 + n * 100}\t${top}\t90\t${height}\t${confidence}\t${text}`;

describe("tesseract TSV", () => {
  it("groups words into lines with their geometry and confidence", () => {
    const tsv = [
      header,
      word(1, 1, 30, 40, 96, "Gradient"),
      word(1, 2, 31, 40, 94, "Descent"),
      "4\t1\t1\t1\t2\t0\t0\t0\t0\t0\t-1\t",
    ];
    expect(parseTesseractTsv(tsv.join("\n"))).toEqual([
      { text: "Gradient Descent", top: 30, height: 40, confidence: 95 },
    ]);
  });

  it("drops a line with a word read below the confidence floor instead of showing a fragment", () => {
    const tsv = [
      header,
      word(1, 1, 30, 40, 93, "The"),
      word(1, 2, 30, 40, minWordConfidence - 25, "Det"),
      word(1, 3, 30, 40, 31, "n"),
      word(2, 1, 120, 20, 91, "Slopes"),
      word(2, 2, 120, 20, 90, "of"),
      word(2, 3, 120, 20, 92, "curves"),
    ];
    expect(parseTesseractTsv(tsv.join("\n")).map((l) => l.text)).toEqual(["Slopes of curves"]);
  });
});

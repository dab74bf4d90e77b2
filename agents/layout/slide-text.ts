import type { OcrLine } from "./ocr.ts";

const pageNumber = /^\d+\s*(\/|of)\s*\d+$/i;
// Tesseract reads bullet glyphs as "•", "*", "+", "-", "¢", "«", "e" or "o" followed by a space.
const bulletPrefix = /^([•*+·◦▪‣¢«©®°-]|[eo](?=\s+[A-Z]))\s+/;

/** The readable lines of a slide: confident, not page numbers, bullet glyphs removed. */
export function readableLines(lines: readonly OcrLine[], minConfidence = 50): OcrLine[] {
  return lines
    .filter((line) => line.confidence >= minConfidence)
    .map((line) => ({ ...line, text: line.text.replace(bulletPrefix, "").trim() }))
    .filter((line) => /[a-z]{2}/i.test(line.text) && !pageNumber.test(line.text));
}

/**
 * The slide's title: its most prominent line (the tallest glyphs, ties to the higher line),
 * joined with the next line when that one is as large (a title wrapped onto two lines).
 *
 * @example
 * slideTitle([{ text: "Gradient Descent", top: 30, height: 30, confidence: 96 }, { text: "Follow the slope", top: 120, height: 17, confidence: 96 }])
 * // "Gradient Descent"
 */
export function slideTitle(lines: readonly OcrLine[]): string | null {
  const readable = readableLines(lines).sort((a, b) => a.top - b.top);
  if (readable.length === 0) return null;
  const tallest = Math.max(...readable.map((l) => l.height));
  const index = readable.findIndex((l) => l.height === tallest);
  const title = readable[index] as OcrLine;
  const next = readable[index + 1];
  const wrapped = next && next.height >= tallest * 0.85 && next.top - title.top < tallest * 2.5;
  return wrapped ? `${title.text} ${next.text}` : title.text;
}

/** All readable text of a slide, one line per line. */
export function slideText(lines: readonly OcrLine[]): string | null {
  const text = readableLines(lines)
    .sort((a, b) => a.top - b.top)
    .map((l) => l.text)
    .join("\n");
  return text || null;
}

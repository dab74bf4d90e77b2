import { runCommand } from "../shared/subprocess.ts";

/** One line of text read from an image, with its height in pixels (bigger is more prominent). */
export type OcrLine = { text: string; top: number; height: number; confidence: number };

/** Reads the text of a slide thumbnail; behind an interface so tests and other engines can stand in. */
export interface SlideReader {
  /** Aborting `signal` kills the OCR process at once. */
  read(imagePath: string, signal?: AbortSignal): Promise<OcrLine[]>;
}

/**
 * Tesseract (English) through its TSV output, which keeps line geometry so the title can be
 * told from the bullets by size. One thread per call: the machines have two cores and ffmpeg
 * runs beside it.
 *
 * @example
 * const lines = await createTesseractReader().read("/tmp/job/slide-3.png");
 */
export function createTesseractReader(
  options: { binary?: string; language?: string; timeoutMs?: number } = {},
): SlideReader {
  return {
    async read(imagePath, signal) {
      const { stdout } = await runCommand(
        options.binary ?? "tesseract",
        [imagePath, "stdout", "-l", options.language ?? "eng", "--psm", "3", "tsv"],
        { timeoutMs: options.timeoutMs ?? 60_000, env: { OMP_THREAD_LIMIT: "1" }, signal },
      );
      return parseTesseractTsv(stdout);
    },
  };
}

type TsvWord = { key: string; text: string; top: number; height: number; confidence: number };

/** Below this, tesseract's reading of a word is a guess ("Det n" for "Definition"). */
export const minWordConfidence = 60;

/**
 * Groups the word rows (level 5) of tesseract's TSV into lines, dropping empty words. A line
 * with a word read below `minWordConfidence` is dropped whole: a title or bullet missing a word
 * is a fragment, and shown to people it reads worse than no text.
 *
 * @example
 * parseTesseractTsv(tsv) // [{ text: "Gradient Descent", top: 30, height: 30, confidence: 95.9 }, …]
 */
export function parseTesseractTsv(tsv: string): OcrLine[] {
  const words: TsvWord[] = [];
  for (const row of tsv.split("\n").slice(1)) {
    const cells = row.split("\t");
    if (cells[0] !== "5" || cells.length < 12) continue;
    const text = (cells[11] ?? "").trim();
    const confidence = Number(cells[10]);
    if (!text || confidence < 0) continue;
    words.push({ key: cells.slice(1, 5).join("."), text, top: Number(cells[7]), height: Number(cells[9]), confidence });
  }
  const lines = new Map<string, TsvWord[]>();
  for (const word of words) lines.set(word.key, [...(lines.get(word.key) ?? []), word]);
  // Bullet glyphs are read with low confidence whatever the quality; only words count.
  const confident = [...lines.values()].filter((line) =>
    line.every((w) => w.confidence >= minWordConfidence || !/[\p{L}\p{N}]/u.test(w.text)),
  );
  return confident.map((line) => ({
    text: line.map((w) => w.text).join(" "),
    top: Math.min(...line.map((w) => w.top)),
    height: median(line.map((w) => w.height)),
    confidence: line.reduce((sum, w) => sum + w.confidence, 0) / line.length,
  }));
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

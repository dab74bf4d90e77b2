import type { LayoutAnalysis, SlideSegment } from "../contracts/artifacts.ts";
import { roundMs } from "../shared/time-ranges.ts";
import { classifyLayout, type SegmentSignals } from "./classify-layout.ts";
import type { OcrLine, SlideReader } from "./ocr.ts";
import { readableLines, slideText, slideTitle } from "./slide-text.ts";

/** What the media worker measured for one segment between two slide changes. */
export type SegmentEvidence = {
  /** Local PNG of a representative frame, for OCR; null when none was taken. */
  thumbnailPath: string | null;
  /** Where that thumbnail is stored, copied into the result. */
  thumbnailKey: string | null;
  signals?: SegmentSignals;
};

export type LayoutInput = {
  durationSeconds: number;
  /** Exact slide-change times, any order; those outside (0, duration) are ignored. */
  slideChanges: number[];
  /** One per segment in timeline order (slide changes + 1); missing entries mean no evidence. */
  segments: SegmentEvidence[];
  /** Cancel, a stage timeout or shutdown: the OCR in flight dies and no further slide is read. */
  signal?: AbortSignal;
};

/**
 * Splits the lecture at its slide changes, reads each slide's text and title by OCR and
 * classifies its layout.
 *
 * @example
 * const layout = await analyseLayout({ durationSeconds: 600, slideChanges: [120, 300], segments }, createTesseractReader());
 * layout.segments[1] // { start: 120, end: 300, layout: "slides", title: "Gradient Descent", text: "Gradient Descent\n…", thumbnailKey: "…" }
 */
export async function analyseLayout(input: LayoutInput, reader: SlideReader | null): Promise<LayoutAnalysis> {
  const duration = input.durationSeconds;
  const changes = [...new Set(input.slideChanges.map(roundMs))]
    .filter((t) => t > 0 && t < duration)
    .sort((a, b) => a - b);
  const bounds = [0, ...changes, duration];
  const segments: SlideSegment[] = [];
  for (let i = 0; i + 1 < bounds.length; i++) {
    input.signal?.throwIfAborted();
    const evidence = input.segments[i];
    const lines = reader && evidence?.thumbnailPath ? await reader.read(evidence.thumbnailPath, input.signal) : [];
    segments.push({
      start: bounds[i] as number,
      end: bounds[i + 1] as number,
      layout: classifyLayout(evidence?.signals, countWords(lines)),
      thumbnailKey: evidence?.thumbnailKey ?? null,
      text: slideText(lines),
      title: slideTitle(lines),
    });
  }
  return { slideChanges: changes, segments: duration > 0 ? segments : [] };
}

function countWords(lines: OcrLine[]): number {
  return readableLines(lines).reduce((sum, line) => sum + line.text.split(/\s+/).length, 0);
}

import { runFfmpeg } from "./process.ts";

/** Tesseract reads slide text best at about three times a 720p frame's size, in grayscale. */
export const ocrScale = 3;

/**
 * Writes the frame at `time` as tesseract likes it: from the source at full resolution (the
 * 640-pixel keyframe thumbnails lose the strokes of small text: "Rules for Di" instead of
 * "Rules for Differentiation"), enlarged `ocrScale`× with Lanczos and converted to gray. A fast
 * seek and one decoded frame, so it costs a fraction of a second per slide.
 *
 * @example
 * await extractOcrFrame("source.mp4", 61.5, "/tmp/job/ocr-002.png", signal);
 */
export function extractOcrFrame(source: string, time: number, path: string, signal?: AbortSignal): Promise<void> {
  return runFfmpeg({
    purpose: "ocr_frame",
    inputs: [{ path: source, options: ["-ss", time.toFixed(3)] }],
    outputs: [
      {
        path,
        options: ["-frames:v", "1", "-vf", `scale=iw*${ocrScale}:ih*${ocrScale}:flags=lanczos,format=gray`],
      },
    ],
    signal,
  });
}

import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTesseractReader } from "../../../agents/layout/ocr.ts";
import { slideText, slideTitle } from "../../../agents/layout/slide-text.ts";
import { slideFilters } from "../../../agents/testing/slide-filters.ts";
import { extractOcrFrame, ocrScale } from "./ocr-frame.ts";

let dir: string;
let lecture: string;

/** Six seconds of one 640×360 slide (small text, as on a low-resolution recording), H.264. */
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "ocr-frame-"));
  const filters = slideFilters(
    dir,
    [
      ["The Definition of the Derivative", "-Bold", 26, 24, "white"],
      ["• The derivative is a limit of slopes", "", 15, 110, "0x202020"],
    ],
    { bandHeight: 75, left: 30 },
  );
  lecture = join(dir, "lecture.mp4");
  const args = [
    "-v",
    "error",
    "-y",
    "-f",
    "lavfi",
    "-i",
    "color=c=0xF7F5EE:s=640x360:d=6:r=10",
    "-vf",
    filters.join(","),
  ];
  execFileSync("ffmpeg", [...args, "-pix_fmt", "yuv420p", "-c:v", "libx264", lecture]);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("OCR frame", () => {
  it("is the source frame enlarged three times, in gray", async () => {
    const path = join(dir, "ocr.png");
    await extractOcrFrame(lecture, 3, path);
    const probe = execFileSync("ffprobe", [
      "-v",
      "error",
      "-show_entries",
      "stream=width,height,pix_fmt",
      "-of",
      "csv=p=0",
      path,
    ]);
    expect(probe.toString().trim()).toBe(`${640 * ocrScale},${360 * ocrScale},gray`);
  });

  it("lets tesseract read the title and bullets whole, light-on-dark title band included", async () => {
    const path = join(dir, "ocr-read.png");
    await extractOcrFrame(lecture, 3, path);
    const lines = await createTesseractReader().read(path);
    expect(slideTitle(lines)).toBe("The Definition of the Derivative");
    expect(slideText(lines)).toContain("The derivative is a limit of slopes");
  });
});

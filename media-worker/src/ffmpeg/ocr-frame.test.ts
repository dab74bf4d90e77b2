import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTesseractReader } from "../../../agents/layout/ocr.ts";
import { slideText, slideTitle } from "../../../agents/layout/slide-text.ts";
import { extractOcrFrame, ocrScale } from "./ocr-frame.ts";

let dir: string;
let lecture: string;
const font = "/usr/share/fonts/truetype/dejavu/DejaVuSans";

/** Six seconds of one 640×360 slide (small text, as on a low-resolution recording), H.264. */
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "ocr-frame-"));
  const lines = [
    ["The Definition of the Derivative", "-Bold", 26, 24, "white"],
    ["• The derivative is a limit of slopes", "", 15, 110, "0x202020"],
  ] as const;
  const filters = ["drawbox=x=0:y=0:w=iw:h=75:color=0x1F3B73:t=fill"];
  lines.forEach(([text, weight, size, y, color], i) => {
    const file = join(dir, `line-${i}.txt`);
    writeFileSync(file, text);
    filters.push(
      `drawtext=fontfile=${font}${weight}.ttf:textfile=${file}:fontsize=${size}:fontcolor=${color}:x=30:y=${y}`,
    );
  });
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

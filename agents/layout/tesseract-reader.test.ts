import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { slideFilters } from "../testing/slide-filters.ts";
import { createTesseractReader } from "./ocr.ts";
import { slideText, slideTitle } from "./slide-text.ts";

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "tesseract-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A slide like the fixture generator's: white title on a dark bar, bullets, a page number. */
function renderSlide(): string {
  const filters = slideFilters(
    dir,
    [
      ["Gradient Descent", "-Bold", 46, 40, "white"],
      ["• Follow the slope downhill", "", 26, 170, "0x202020"],
      ["• The learning rate sets the step", "", 26, 230, "0x202020"],
      ["2 / 5", "", 20, 460, "0x707070"],
    ],
    { bandHeight: 110, left: 60 },
  );
  const png = join(dir, "slide.png");
  execFileSync(
    "ffmpeg",
    ["-v", "error", "-y", "-f", "lavfi", "-i", "color=c=0xF7F5EE:s=960x540"].concat([
      "-frames:v",
      "1",
      "-vf",
      filters.join(","),
      png,
    ]),
  );
  return png;
}

describe("tesseract slide reader", () => {
  it("reads the title and the bullets of a rendered slide", async () => {
    const lines = await createTesseractReader().read(renderSlide());
    expect(slideTitle(lines)).toBe("Gradient Descent");
    const text = slideText(lines) ?? "";
    expect(text).toContain("Follow the slope downhill");
    expect(text).toContain("learning rate sets the step");
    expect(text).not.toMatch(/2 \/ 5/);
  });

  it("fails clearly on a file that is not an image", async () => {
    const notImage = join(dir, "not-image.png");
    writeFileSync(notImage, "hello");
    await expect(createTesseractReader().read(notImage)).rejects.toThrow(/tesseract/);
  });
});

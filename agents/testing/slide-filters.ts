import { writeFileSync } from "node:fs";
import { join } from "node:path";

/** One line of slide text: what it says, its DejaVu weight ("" or "-Bold"), size, top and colour. */
export type SlideLine = readonly [text: string, weight: string, size: number, y: number, color: string];

const font = "/usr/share/fonts/truetype/dejavu/DejaVuSans";

/**
 * The ffmpeg filter chain that draws a slide like the fixture generator's: a dark title band of
 * `bandHeight` pixels, then each line at x = `left`. Texts go through files in `dir`, so any
 * character is safe.
 *
 * @example
 * slideFilters(dir, [["Gradient Descent", "-Bold", 46, 40, "white"]], { bandHeight: 110, left: 60 }).join(",")
 */
export function slideFilters(
  dir: string,
  lines: readonly SlideLine[],
  layout: { bandHeight: number; left: number },
): string[] {
  const filters = [`drawbox=x=0:y=0:w=iw:h=${layout.bandHeight}:color=0x1F3B73:t=fill`];
  lines.forEach(([text, weight, size, y, color], i) => {
    const file = join(dir, `line-${i}.txt`);
    writeFileSync(file, text);
    filters.push(
      `drawtext=fontfile=${font}${weight}.ttf:textfile=${file}:fontsize=${size}:fontcolor=${color}:x=${layout.left}:y=${y}`,
    );
  });
  return filters;
}

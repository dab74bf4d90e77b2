import { type ExportSource, highlightsInOrder } from "./source.ts";
import { clockTime } from "./timecode.ts";

/**
 * One RFC 4180 field: quoted when it holds a comma, a quote or a line break, quotes doubled.
 * Text that a spreadsheet would run as a formula (starting with = + - @, a tab or a CR) gets a
 * leading apostrophe first: titles come from the lecture, and the file is opened by others.
 */
export function csvField(value: string | number): string {
  if (typeof value === "number") return String(value);
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

const columns = ["number", "start", "end", "duration", "start_time", "title", "summary", "key_phrases", "score"];

/**
 * The highlights as CSV (RFC 4180: CRLF line ends, a header row), in timeline order, times in
 * seconds (to the millisecond) and as `M:SS`, key phrases joined with "; ".
 *
 * @example
 * highlightsCsv({ highlights: [{ start: 61.5, end: 90, title: 'Limits, "informally"', … }] });
 * // 'number,start,end,…\r\n1,61.5,90,28.5,1:01,"Limits, ""informally""",…\r\n'
 */
export function highlightsCsv(source: Pick<ExportSource, "highlights">): string {
  const seconds = (value: number) => Math.round(value * 1000) / 1000;
  const rows = highlightsInOrder(source).map((h, i) => [
    i + 1,
    seconds(h.start),
    seconds(h.end),
    seconds(h.end - h.start),
    clockTime(h.start),
    h.title,
    h.summary,
    h.keyPhrases.join("; "),
    Math.round(h.score * 1000) / 1000,
  ]);
  return [columns, ...rows].map((row) => `${row.map(csvField).join(",")}\r\n`).join("");
}

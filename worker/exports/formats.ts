import { highlightsCsv } from "./highlights-csv.ts";
import { highlightsEdl } from "./highlights-edl.ts";
import { exportDocument } from "./json-document.ts";
import type { ExportSource } from "./source.ts";
import { vttChapters } from "./vtt-chapters.ts";
import { youtubeChapters } from "./youtube-chapters.ts";

type ExportFormat = {
  contentType: string;
  /** Added to the lecture's name for the download's filename. */
  suffix: string;
  render: (source: ExportSource) => string;
};

/**
 * Every export, by the name `GET /v1/jobs/{id}/exports/{format}` takes.
 *
 * @example
 * exportFormats["chapters.vtt"].render(source); // "WEBVTT\n\n…"
 */
export const exportFormats = {
  "chapters.youtube": {
    contentType: "text/plain; charset=utf-8",
    suffix: " - YouTube chapters.txt",
    render: youtubeChapters,
  },
  "chapters.vtt": { contentType: "text/vtt; charset=utf-8", suffix: " - chapters.vtt", render: vttChapters },
  "highlights.edl": { contentType: "text/plain; charset=utf-8", suffix: " - highlights.edl", render: highlightsEdl },
  "highlights.csv": {
    contentType: "text/csv; charset=utf-8; header=present",
    suffix: " - highlights.csv",
    render: highlightsCsv,
  },
  json: {
    contentType: "application/json",
    suffix: " - highlights.json",
    render: (source) => JSON.stringify(exportDocument(source), null, 2),
  },
} satisfies Record<string, ExportFormat>;

export type ExportFormatName = keyof typeof exportFormats;
export const exportFormatNames = Object.keys(exportFormats) as [ExportFormatName, ...ExportFormatName[]];

/**
 * A Content-Disposition that saves the download under the lecture's name: an ASCII fallback
 * for old clients and the exact name in RFC 5987's `filename*`.
 *
 * @example
 * attachment("Übung 3: Limits - highlights.csv");
 * // `attachment; filename="Ubung 3_ Limits - highlights.csv"; filename*=UTF-8''%C3%9Cbung%203%3A%20Limits…`
 */
export function attachment(filename: string): string {
  const safe = filename.replace(/[\p{Cc}/\\:*?"<>|]/gu, "_");
  const fallback =
    safe
      .normalize("NFKD")
      .replace(/[^\x20-\x7e]/g, "")
      .replace(/%/g, "_") || "export";
  const encoded = encodeURIComponent(safe).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

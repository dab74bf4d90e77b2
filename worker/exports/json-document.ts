import { z } from "@hono/zod-openapi";
import { type ExportSource, highlightsInOrder, timedChapters } from "./source.ts";

/** Bumped only when a field changes meaning or goes; new fields keep the version. */
export const EXPORT_DOCUMENT_VERSION = 1;

const range = { start: z.number().min(0), end: z.number().min(0) };

/** The JSON export: a lecture's chapters and highlights for editors and LMSs to import. */
export const ExportDocument = z
  .object({
    format: z.literal("lecture-highlights/export"),
    version: z.literal(EXPORT_DOCUMENT_VERSION),
    lecture: z.object({
      name: z.string(),
      durationSeconds: z.number(),
      frameRate: z.number().nullable().openapi({ description: "Frames per second; null without video." }),
    }),
    chapters: z.array(z.object({ ...range, title: z.string(), summary: z.string() })),
    highlights: z.array(
      z.object({
        ...range,
        title: z.string(),
        summary: z.string(),
        keyPhrases: z.array(z.string()),
        score: z.number().min(0).max(1),
        chapterIndex: z.number().int().nonnegative().openapi({ description: "Index into `chapters`." }),
      }),
    ),
  })
  .openapi("HighlightsExport", {
    description: `Version ${EXPORT_DOCUMENT_VERSION}. Times are seconds from the start of the lecture; chapters and highlights are in timeline order.`,
  });
export type ExportDocument = z.infer<typeof ExportDocument>;

/**
 * The versioned JSON document of a lecture's chapters (each with its end) and highlights.
 * `chapterIndex` points into the document's own, sorted chapters.
 *
 * @example
 * exportDocument(source).highlights[0]; // { start: 100, end: 130, title: "…", chapterIndex: 1, … }
 */
export function exportDocument(source: ExportSource): ExportDocument {
  const chapters = timedChapters(source.chapters, source.durationSeconds);
  const chapterOf = (start: number) =>
    Math.max(
      0,
      chapters.findLastIndex((chapter) => chapter.start <= start),
    );
  return {
    format: "lecture-highlights/export",
    version: EXPORT_DOCUMENT_VERSION,
    lecture: { name: source.name, durationSeconds: source.durationSeconds, frameRate: source.frameRate },
    chapters: chapters.map(({ start, end, title, summary }) => ({ start, end, title, summary })),
    highlights: highlightsInOrder(source).map(({ start, end, title, summary, keyPhrases, score }) => ({
      start,
      end,
      title,
      summary,
      keyPhrases,
      score,
      chapterIndex: chapterOf(start),
    })),
  };
}

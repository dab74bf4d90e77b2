import { createRoute, z } from "@hono/zod-openapi";
import { attachment, exportFormatNames, exportFormats } from "../../exports/formats.ts";
import { ExportDocument } from "../../exports/json-document.ts";
import { loadExportSource } from "../../exports/load-source.ts";
import { authenticate, authorize } from "../../middleware/auth/index.ts";
import { bearerSecurity, problemResponses } from "../../openapi/responses.ts";
import { createRouter } from "../../openapi/router.ts";
import { findOwnedJob } from "./owned-job.ts";
import { jobIdParams } from "./schemas.ts";

const text = { schema: z.string() };

const route = createRoute({
  method: "get",
  path: "/{id}/exports/{format}",
  tags: ["Jobs"],
  summary: "Export a completed job's chapters or highlights",
  description:
    "A download named after the lecture. `chapters.youtube`: `0:00 Title` lines for a YouTube description " +
    "(first at 0:00, ascending, each at least 10 s: closer chapters fold into the one before; fewer than 3 left " +
    'answers 422 `too_few_chapters`, as YouTube would show none). `chapters.vtt`: WebVTT for `<track kind="chapters">`. ' +
    "`highlights.edl`: CMX3600 cuts at the source's frame rate (drop-frame at 29.97/59.94; 30 fps without video), reel `AX`, " +
    "the uploaded file as clip name. `highlights.csv`: RFC 4180 with a header row. `json`: the versioned `HighlightsExport` document.",
  security: bearerSecurity,
  middleware: [authenticate(), authorize("jobs:read")] as const,
  request: {
    params: jobIdParams.extend({
      format: z.enum(exportFormatNames).openapi({ param: { name: "format", in: "path" } }),
    }),
  },
  responses: {
    200: {
      description: "The export, with a Content-Disposition filename from the lecture's name.",
      content: {
        "text/plain": text,
        "text/vtt": text,
        "text/csv": text,
        "application/json": { schema: ExportDocument },
      },
    },
    ...problemResponses(400, 401, 403, 404, 409, 410, 422),
  },
});

export const exportResults = createRouter().openapi(route, async (c) => {
  const { id, format } = c.req.valid("param");
  const job = await findOwnedJob(c.var.db(), c.var.auth, id);
  const chosen = exportFormats[format];
  const body = chosen.render(await loadExportSource(c.env, c.var.db(), job));
  return c.body(body, 200, {
    "content-type": chosen.contentType,
    "content-disposition": attachment(`${job.name}${chosen.suffix}`),
  });
});

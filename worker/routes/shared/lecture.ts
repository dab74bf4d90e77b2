import { createRoute, z } from "@hono/zod-openapi";
import { ShareNotFoundError } from "../../errors/problem.ts";
import { sourceUpload } from "../../jobs/results.ts";
import { rateLimit } from "../../middleware/rate-limit/index.ts";
import { problemResponses, publicSecurity } from "../../openapi/responses.ts";
import { createRouter } from "../../openapi/router.ts";
import { findSharedJob } from "../../shares/shares.ts";
import { Bucket } from "../../storage/bucket.ts";
import { tokenParams } from "../shares/schemas.ts";

/** What a player needs of the storage's answer to seek: a presigned URL would name the owner's account. */
const passedOn = ["content-length", "content-range", "accept-ranges", "etag", "last-modified"];

const route = createRoute({
  method: "get",
  path: "/{token}/lecture",
  tags: ["Sharing"],
  summary: "Play a shared job's lecture",
  description:
    "The uploaded lecture, streamed through the API with `Range` requests for seeking, so its storage address " +
    "(which names the owner's account) stays private. Dead links answer 404 `share_not_found`.",
  security: publicSecurity,
  middleware: [rateLimit({ name: "shared-lecture", limit: 600, windowSeconds: 60 })] as const,
  request: { params: tokenParams },
  responses: {
    200: { description: "The lecture.", content: { "video/*": { schema: z.string().openapi({ format: "binary" }) } } },
    206: { description: "The requested range of the lecture." },
    ...problemResponses(404, 429),
  },
});

export const lecture = createRouter().openapi(route, async (c) => {
  const { job } = await findSharedJob(c.var.db(), c.req.valid("param").token);
  const upload = await sourceUpload(c.var.db(), job);
  if (!upload) throw new ShareNotFoundError();
  const range = c.req.header("range");
  const stored = await new Bucket(c.env).fetch(upload.objectKey, { headers: range ? { range } : {} });
  if (!stored.ok || !stored.body) throw new ShareNotFoundError();
  const headers: Record<string, string> = { "content-type": upload.contentType };
  for (const name of passedOn) {
    const value = stored.headers.get(name);
    if (value) headers[name] = value;
  }
  return c.body(stored.body, stored.status as 200 | 206, headers);
});

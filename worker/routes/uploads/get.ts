import { createRoute } from "@hono/zod-openapi";
import { bearerSecurity, jsonContent, problemResponses } from "../../openapi/responses.ts";
import { createRouter } from "../../openapi/router.ts";
import { Bucket } from "../../storage/bucket.ts";
import { findOwnUpload } from "../../uploads/rows.ts";
import { uploadSettings } from "../../uploads/settings.ts";
import { transferUrls } from "../../uploads/transfer.ts";
import { publicUpload, uploadIdParams, uploadWithUrlsSchema } from "./schemas.ts";

const route = createRoute({
  method: "get",
  path: "/{id}",
  tags: ["Uploads"],
  summary: "An upload's state, with fresh URLs for what is still missing",
  description:
    "To resume: `uploadedParts` lists the parts the storage already holds, `parts` has new URLs " +
    "for the others (the single upload gets a new `url`). Pending uploads only.",
  security: bearerSecurity,
  request: { params: uploadIdParams },
  responses: {
    200: jsonContent(uploadWithUrlsSchema, "The upload."),
    ...problemResponses(400, 401, 403, 404),
  },
});

export const get = createRouter().openapi(route, async (c) => {
  const row = await findOwnUpload(c.var.db(), c.var.auth, c.req.valid("param").id);
  const urls = await transferUrls(new Bucket(c.env), row, uploadSettings(c.env));
  return c.json({ ...publicUpload(row), ...urls }, 200);
});

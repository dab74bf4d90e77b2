import { z } from "@hono/zod-openapi";
import { CreatedJobShare, JobShare, SharedJob } from "../../../agents/contracts/job-api.ts";
import type { ListedShare } from "../../shares/shares.ts";

/** Links last a week unless asked otherwise, and at most 90 days: a share is for a while, not for good. */
export const createShareBody = z
  .strictObject({
    expiresInHours: z
      .number()
      .int()
      .min(1)
      .max(90 * 24)
      .default(7 * 24)
      .openapi({ description: "How long the link works (1 hour to 90 days).", example: 168 }),
  })
  .openapi("CreateJobShare");

export const jobShareView = JobShare.openapi("JobShare");
export const createdShareView = CreatedJobShare.openapi("CreatedJobShare", {
  description: "The token and URL are shown only in this answer: the API keeps only the token's hash.",
});
export const shareList = z.object({ data: z.array(jobShareView) }).openapi("JobShareList");
export const sharedJobView = SharedJob.openapi("SharedJob");

export const shareParams = z.object({
  id: z.uuid().openapi({ param: { name: "id", in: "path" } }),
  shareId: z.uuid().openapi({ param: { name: "shareId", in: "path" } }),
});

export const tokenParams = z.object({
  token: z
    .string()
    .max(100)
    .openapi({ param: { name: "token", in: "path" } }),
});

/** The members' view of a link: never its hash. */
export function publicShare(row: ListedShare) {
  return {
    id: row.id,
    createdAt: row.createdAt.toISOString(),
    expiresAt: row.expiresAt.toISOString(),
    createdBy: row.createdByEmail,
  };
}

import { z } from "@hono/zod-openapi";
import { JobOptionChoices, JobStatus } from "../../../agents/contracts/job.ts";
import { JobResults, JobView } from "../../../agents/contracts/job-api.ts";

export const jobIdParams = z.object({
  id: z
    .string()
    .uuid()
    .openapi({ param: { name: "id", in: "path" } }),
});

const metadata = z
  .record(z.string(), z.unknown())
  .refine((value) => JSON.stringify(value).length <= 8_192, "metadata must serialize to at most 8 KiB")
  .openapi({ description: "Free JSON of yours, returned as given (at most 8 KiB).", example: { course: "PHYS 101" } });

const jobSettings = {
  options: JobOptionChoices.optional().openapi({
    description:
      "Highlight count, clip length range and reel length (each scales with the lecture when left out), " +
      'chapters ("auto" or a number), language. A field left out comes from the caller\'s preferences ' +
      "(`/v1/me/preferences`), then the organization's, then the built-in default; the job shows the options it " +
      "ran with. Unknown fields answer 422 `unknown_field`.",
  }),
  webhookUrl: z
    .string()
    .url()
    .max(2048)
    .optional()
    .openapi({ description: "Receives job.completed / job.failed, signed." }),
  metadata: metadata.optional(),
};

/** What a job is started with besides its upload; `POST /v1/jobs/validate` checks it alone. */
export const jobSettingsBody = z.strictObject(jobSettings).openapi("JobSettings");

export const createJobBody = z.strictObject({ uploadId: z.string().uuid(), ...jobSettings }).openapi("CreateJob");

export const updateJobBody = z
  .strictObject({
    name: z.string().trim().min(1).max(200).openapi({ example: "Week 3: Derivatives" }),
  })
  .openapi("UpdateJob");

export const jobView = JobView.openapi("Job");

export const listJobsQuery = z.object({
  status: JobStatus.optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(200).optional().openapi({ description: "`nextCursor` of the previous page." }),
  q: z
    .string()
    .trim()
    .max(200)
    .optional()
    .openapi({ description: "Only jobs whose name contains this text (any case)." }),
});

export const jobList = z.object({ jobs: z.array(jobView), nextCursor: z.string().nullable() }).openapi("JobList");

export const resultsView = JobResults.openapi("JobResults");

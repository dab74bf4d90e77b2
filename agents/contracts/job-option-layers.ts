import { type JobOptionChoices, JobOptions } from "./job.ts";

const clipFields = ["clipMinSeconds", "clipMaxSeconds"] as const;

/**
 * The options a job runs with, from the layers that may choose them, highest first: the job's
 * own request, then the user's defaults, then the organization's; what none of them sets is
 * left to the built-in defaults (`JobOptions`: chapters "auto", language "en", lengths that
 * scale with the lecture). Each field comes from the highest layer that sets it, except the
 * clip range: when mixing layers would put the shortest clip above the longest, both bounds
 * come from the highest layer that sets either, so an explicit choice is never refused
 * because of a default underneath it.
 *
 * @example
 * resolveJobOptions([{ clipMaxSeconds: 20 }, { clipMinSeconds: 30, language: "de" }]);
 * // { clipMaxSeconds: 20, chapters: "auto", language: "de" }
 */
export function resolveJobOptions(layers: JobOptionChoices[]): JobOptions {
  const merged: JobOptionChoices = {};
  for (const layer of [...layers].reverse()) {
    for (const [field, value] of Object.entries(layer)) {
      if (value !== undefined) Object.assign(merged, { [field]: value });
    }
  }
  const resolved = JobOptions.safeParse(merged);
  if (resolved.success) return resolved.data;
  const clipLayer = layers.find((layer) => clipFields.some((field) => layer[field] !== undefined)) ?? {};
  for (const field of clipFields) {
    if (clipLayer[field] === undefined) delete merged[field];
    else merged[field] = clipLayer[field];
  }
  return JobOptions.parse(merged);
}

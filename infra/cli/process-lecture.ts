import { openAsBlob } from "node:fs";
import { basename } from "node:path";
import type { JobOptions } from "../../agents/contracts/job.ts";
import type { ApiConnection } from "../../worker/client/api-request.ts";
import { type JobResults, JobsApi } from "../../worker/client/jobs-api.ts";
import { UploadClient } from "../../worker/client/upload-client.ts";
import { type JobOutcome, watchJob } from "../../worker/client/watch-job.ts";
import { changesOnly } from "./progress-line.ts";

/** Progress in steps of ten percent, so a log gets a new line only when it moves that far. */
const percentInTens = (fraction: number) => `${String(Math.floor(fraction * 10) * 10).padStart(3)}%`;

export type LectureReport = { jobId: string; outcome: JobOutcome | { type: "cancelled" }; results: JobResults | null };

/**
 * The whole flow a user goes through, over the public API: upload the file straight to
 * storage, start a job, follow its progress live, fetch the results. `log` gets a line per
 * step, and a progress line only when its text changes (every ten percent).
 *
 * @example
 * const report = await processLecture({ apiBase, token }, "lecture.mp4", { log: console.error });
 */
export async function processLecture(
  connection: ApiConnection,
  path: string,
  options: { jobOptions?: Partial<JobOptions>; log: (line: string) => void },
): Promise<LectureReport> {
  const log = changesOnly(options.log);
  const file = await openAsBlob(path);
  const upload = await new UploadClient(connection).upload(file, {
    filename: basename(path),
    onProgress: ({ sentBytes, totalBytes }) =>
      log(
        `upload ${percentInTens(sentBytes / totalBytes)}  ${(sentBytes / 1e6).toFixed(1)} of ${(totalBytes / 1e6).toFixed(1)} MB`,
      ),
  });
  const jobs = new JobsApi(connection);
  const job = await jobs.create(
    { uploadId: upload.id, options: options.jobOptions },
    { idempotencyKey: `upload-${upload.id}` },
  );
  log(`job ${job.id} queued`);
  const outcome = await watchJob(jobs, job.id, (message) => {
    if (message.type === "stage") log(`stage ${message.stage} ${message.status}`);
    if (message.type === "progress") log(`job    ${percentInTens(message.progress)}  ${message.stage}`);
  });
  const results = outcome.type === "completed" ? await jobs.results(job.id) : null;
  return { jobId: job.id, outcome, results };
}

const clock = (seconds: number) => `${Math.floor(seconds / 60)}:${String(Math.floor(seconds % 60)).padStart(2, "0")}`;

/** The results as a person reads them in a terminal. */
export function formatResults(results: JobResults): string {
  const lines = [`${results.highlights.length} highlights from ${clock(results.durationSeconds)} of lecture:`];
  for (const [i, h] of results.highlights.entries()) {
    lines.push(`${i + 1}. [${clock(h.start)}-${clock(h.end)}] ${h.title} (score ${h.score.toFixed(2)})`);
    lines.push(`   ${h.summary}`);
    if (h.keyPhrases.length > 0) lines.push(`   key phrases: ${h.keyPhrases.join(", ")}`);
  }
  lines.push("chapters:");
  for (const chapter of results.chapters) lines.push(`  ${clock(chapter.start)} ${chapter.title}`);
  if (results.reel) lines.push(`reel: ${results.reel.duration.toFixed(1)} s`);
  return lines.join("\n");
}

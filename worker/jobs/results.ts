import { eq } from "drizzle-orm";
import type { ResultManifest } from "../../agents/contracts/artifacts.ts";
import { type Database, schema } from "../../db/client.ts";
import type { Env } from "../env.ts";
import { JobNotCompletedError, OutputsExpiredError, ProblemError } from "../errors/problem.ts";
import { Bucket } from "../storage/bucket.ts";
import { readManifest } from "./manifest.ts";
import type { JobRow } from "./snapshot.ts";

/** Result URLs are presigned GETs that expire quickly; clients fetch results again for fresh ones. */
export const RESULT_URL_TTL_SECONDS = 900;

/**
 * When the bucket's lifecycle rule deletes a completed job's outputs: they are written as the
 * job completes, and kept `OUTPUT_RETENTION_DAYS` from then (wrangler.toml, the value
 * `deploy:lifecycle` applies). Null until the job completed, and when the variable says no
 * number of days: a guess could hide a poster that is still there.
 *
 * @example
 * outputsExpireAt({ OUTPUT_RETENTION_DAYS: "30" }, job); // finishedAt + 30 days
 */
function outputsExpireAt(env: Pick<Env, "OUTPUT_RETENTION_DAYS">, job: JobRow): Date | null {
  const days = Number(env.OUTPUT_RETENTION_DAYS);
  if (job.status !== "completed" || !job.finishedAt || !(days > 0)) return null;
  return new Date(job.finishedAt.getTime() + days * 86_400_000);
}

/**
 * What a job shows of its outputs beside its row: a presigned GET of its poster (null before it
 * has one, and once retention has deleted it) and when retention deletes them.
 *
 * @example
 * toJobView(job, null, await jobOutputs(c.env, job));
 */
export async function jobOutputs(env: Env, job: JobRow): Promise<JobOutputs> {
  const expireAt = outputsExpireAt(env, job);
  const kept = expireAt === null || expireAt.getTime() > Date.now();
  const poster =
    job.posterKey && kept
      ? await new Bucket(env).presign("GET", job.posterKey, { expiresIn: RESULT_URL_TTL_SECONDS })
      : null;
  return { poster, outputsExpireAt: expireAt?.toISOString() ?? null };
}

export type JobOutputs = { poster: string | null; outputsExpireAt: string | null };

/** The uploaded lecture a job was made from: its object, type and file name (null once deleted). */
export async function sourceUpload(db: Database, job: JobRow) {
  const [upload] = await db
    .select({
      objectKey: schema.uploads.objectKey,
      contentType: schema.uploads.contentType,
      filename: schema.uploads.filename,
    })
    .from(schema.uploads)
    .where(eq(schema.uploads.id, job.uploadId));
  return upload ?? null;
}

/**
 * The manifest of a completed job: 409 `job_not_completed` before it completed, 410
 * `outputs_expired` once retention took its outputs, 502 `results_unavailable` when storage
 * holds something unreadable.
 *
 * @example
 * const manifest = await completedManifest(new Bucket(env), job);
 */
export async function completedManifest(bucket: Bucket, job: JobRow): Promise<ResultManifest> {
  if (job.status !== "completed" || !job.manifestKey) {
    throw new JobNotCompletedError(job.status);
  }
  const manifest = await readManifest(bucket, job.manifestKey);
  if (manifest) return manifest;
  // Outputs and the manifest share one lifecycle rule: a manifest that is gone took the rest with it.
  if (!(await bucket.head(job.manifestKey))) throw new OutputsExpiredError(job.finishedAt);
  throw new ProblemError(502, "results_unavailable", "The job's results could not be read from storage.");
}

/**
 * A completed job's results: highlights in timeline order with clip and thumbnail URLs,
 * chapters, the reel, transcripts and stats, all from the manifest the media worker left in
 * storage (the one copy of a job's results) plus the job row's own timings, and the source
 * lecture itself, so chapters and highlights can be watched where they happen.
 * A completed job whose outputs expired by retention answers 410 `outputs_expired`.
 */
export async function buildResults(env: Env, db: Database, job: JobRow) {
  const bucket = new Bucket(env);
  const manifest = await completedManifest(bucket, job);
  const url = (key: string | null) =>
    key ? bucket.presign("GET", key, { expiresIn: RESULT_URL_TTL_SECONDS }) : Promise.resolve(null);

  const upload = await sourceUpload(db, job);

  const inTimelineOrder = manifest.highlights.toSorted((a, b) => a.start - b.start);
  const highlights = await Promise.all(
    inTimelineOrder.map(async (h) => ({
      start: h.start,
      end: h.end,
      title: h.title,
      summary: h.summary,
      keyPhrases: h.keyPhrases,
      score: h.score,
      clip: await url(h.clipKey),
      thumbnail: await url(h.thumbnailKey),
    })),
  );
  const stageSeconds = Object.fromEntries(
    Object.entries(job.stages).map(([stage, state]) => [
      stage,
      state?.durationMs !== undefined ? state.durationMs / 1000 : null,
    ]),
  );
  return {
    jobId: job.id,
    durationSeconds: manifest.durationSeconds,
    highlights,
    chapters: manifest.chapters,
    source: upload ? { url: await url(upload.objectKey), contentType: upload.contentType } : null,
    slides: await Promise.all(
      (manifest.slides ?? []).map(async (slide) => ({
        start: slide.start,
        end: slide.end,
        title: slide.title,
        text: slide.text,
        thumbnail: await url(slide.thumbnailKey),
      })),
    ),
    reel: manifest.reel ? { url: await url(manifest.reel.key), duration: manifest.reel.durationSeconds } : null,
    transcript: {
      json: await url(manifest.transcript.jsonKey),
      vtt: await url(manifest.transcript.vttKey),
      srt: await url(manifest.transcript.srtKey),
    },
    reelCaptions: manifest.reelCaptions
      ? { vtt: await url(manifest.reelCaptions.vttKey), srt: await url(manifest.reelCaptions.srtKey) }
      : null,
    stats: {
      ...manifest.stats,
      attempts: job.attempt,
      processingSeconds:
        job.startedAt && job.finishedAt ? (job.finishedAt.getTime() - job.startedAt.getTime()) / 1000 : null,
      stageSeconds,
    },
    urlsExpireInSeconds: RESULT_URL_TTL_SECONDS,
  };
}

import { and, inArray, isNull, lt } from "drizzle-orm";
import { type Database, schema } from "../../db/client.ts";
import type { Env } from "../env.ts";
import { readManifest } from "../jobs/manifest.ts";
import { Bucket } from "../storage/bucket.ts";
import { recordJobFinished } from "./record-job-finished.ts";

/** How long the inline path has to record a finished job before the sweep steps in. */
const GRACE_MS = 60_000;

/**
 * Finished jobs whose webhook deliveries were never written (the write failed after the job's
 * final state was committed): records them now, so no job.completed or job.failed event is lost.
 * A completed job whose manifest cannot be read yet is left for the next run.
 */
export async function recordMissedJobEvents(env: Env, db: Database, now = new Date()): Promise<number> {
  const missed = await db
    .select()
    .from(schema.jobs)
    .where(
      and(
        inArray(schema.jobs.status, ["completed", "failed"]),
        isNull(schema.jobs.webhooksRecordedAt),
        lt(schema.jobs.finishedAt, new Date(now.getTime() - GRACE_MS)),
      ),
    )
    .limit(50);
  let recorded = 0;
  for (const job of missed) {
    const manifest = job.manifestKey ? await readManifest(new Bucket(env), job.manifestKey) : null;
    if (job.status === "completed" && !manifest) continue;
    await recordJobFinished(env, db, job, manifest ?? undefined);
    recorded++;
  }
  return recorded;
}

import { and, arrayContains, eq } from "drizzle-orm";
import type { ResultManifest } from "../../agents/contracts/artifacts.ts";
import { type Database, schema } from "../../db/client.ts";
import type { Env } from "../env.ts";
import type { JobRow } from "../jobs/snapshot.ts";
import { jobFinishedEvent } from "./events.ts";
import { queueDeliveries } from "./queue-deliveries.ts";

/**
 * Writes one delivery row per destination of a finished job's event (the account's enabled
 * endpoints subscribed to it, and the job's own `webhookUrl`). The unique index on
 * (job, event type, url) makes a repeated call write nothing; only new rows' ids come back.
 *
 * @example
 * const ids = await createJobDeliveries(env, db, job, manifest);
 */
export async function createJobDeliveries(
  env: Pick<Env, "PUBLIC_BASE_URL">,
  db: Database,
  job: JobRow,
  manifest?: ResultManifest,
): Promise<string[]> {
  const event = jobFinishedEvent(env, job, manifest);
  if (!event) return [];
  const endpoints = await db
    .select({ id: schema.webhookEndpoints.id, url: schema.webhookEndpoints.url })
    .from(schema.webhookEndpoints)
    .where(
      and(
        eq(schema.webhookEndpoints.organizationId, job.organizationId),
        eq(schema.webhookEndpoints.enabled, true),
        arrayContains(schema.webhookEndpoints.eventTypes, [event.type]),
      ),
    );
  const destinations = endpoints.map((endpoint) => ({ endpointId: endpoint.id as string | null, url: endpoint.url }));
  if (job.webhookUrl && !destinations.some((d) => d.url === job.webhookUrl)) {
    destinations.push({ endpointId: null, url: job.webhookUrl });
  }
  if (destinations.length === 0) return [];
  const created = await db
    .insert(schema.webhookDeliveries)
    .values(
      destinations.map((destination) => ({
        ...destination,
        organizationId: job.organizationId,
        jobId: job.id,
        eventType: event.type,
        payload: event,
        nextAttemptAt: new Date(),
      })),
    )
    .onConflictDoNothing()
    .returning({ id: schema.webhookDeliveries.id });
  return created.map((row) => row.id);
}

/**
 * Announces a job that finished (completed or failed) to its webhook destinations: rows first,
 * queue messages after. It is the outbox's `announce` effect, written in the transaction that
 * finished the job: if writing the rows fails, the outbox row stays and a later drain runs this
 * again (the unique index keeps it to one row per destination); a failed send is only logged,
 * because the cron re-sends due deliveries.
 *
 * @example
 * await recordJobFinished(env, db, job, effect.manifest);
 */
export async function recordJobFinished(env: Env, db: Database, job: JobRow, manifest?: ResultManifest): Promise<void> {
  await queueDeliveries(env, await createJobDeliveries(env, db, job, manifest));
}

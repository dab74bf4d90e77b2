import { type Database, schema, type Transaction } from "../../db/client.ts";
import type { OutboxEffect } from "./effect.ts";

/**
 * Writes a job change's side effects in the change's own transaction, so they commit or roll
 * back with it (or on their own, through `db`, for an effect no state change carries). Hand
 * the returned ids to `drainOutbox` once the transaction has committed.
 *
 * @example
 * const ids = await recordEffects(tx, job.id, [{ kind: "publish" }, { kind: "dispatch", attempt: 1 }]);
 */
export async function recordEffects(
  tx: Database | Transaction,
  jobId: string,
  effects: OutboxEffect[],
): Promise<number[]> {
  if (effects.length === 0) return [];
  const rows = await tx
    .insert(schema.outbox)
    .values(effects.map((effect) => ({ jobId, effect })))
    .returning({ id: schema.outbox.id });
  return rows.map((row) => row.id);
}

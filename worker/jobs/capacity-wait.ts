import type { JobQueueMessage } from "../../agents/contracts/queue.ts";
import { backoffSeconds } from "../queues/backoff.ts";
import type { JobPatch } from "./job-state.ts";
import type { JobRow } from "./snapshot.ts";

export type CapacityDecision =
  | { kind: "stale"; reason: string }
  | { kind: "wait"; patch: JobPatch; round: number; notBefore: Date }
  | { kind: "timeout"; waitedSeconds: number };

/** While the fleet stays full, a waiting job asks again after 5 s, doubling to every 5 min. */
const ASK_AGAIN = { baseSeconds: 5, maxSeconds: 300 };

/**
 * What a busy answer from the media fleet does to a queued job. Waiting is not failing: the job
 * asks again later through a fresh queue message (so the queue's retries stay for real errors)
 * for as long as the queue timeout allows, counting from the first busy answer, and then fails
 * with its own code. A message of an earlier round is a redelivered copy and changes nothing.
 *
 * @example
 * nextCapacityWait(job, { jobId, attempt: 1 }, now, { timeoutSeconds: 86_400, retryAfterSeconds: 10 });
 * // { kind: "wait", round: 1, notBefore: now + ~10 s, patch: { capacityWaitSince: now, capacityRound: 1 } }
 */
export function nextCapacityWait(
  job: JobRow,
  message: JobQueueMessage,
  now: Date,
  { timeoutSeconds, retryAfterSeconds }: { timeoutSeconds: number; retryAfterSeconds: number },
  random = Math.random,
): CapacityDecision {
  if (job.status !== "queued" || job.attempt !== message.attempt)
    return { kind: "stale", reason: `job is ${job.status} on attempt ${job.attempt}` };
  if (job.capacityRound !== (message.capacityRound ?? 0))
    return { kind: "stale", reason: "a copy of an earlier round of the wait" };
  const since = job.capacityWaitSince ?? now;
  const waitedSeconds = (now.getTime() - since.getTime()) / 1000;
  const leftSeconds = timeoutSeconds - waitedSeconds;
  if (leftSeconds <= 0) return { kind: "timeout", waitedSeconds };
  const round = job.capacityRound + 1;
  const askAgain = Math.max(retryAfterSeconds, backoffSeconds(round, ASK_AGAIN, random));
  // The last try lands on the deadline, so the job fails on time rather than up to 5 min late.
  const delaySeconds = Math.max(1, Math.min(askAgain, Math.ceil(leftSeconds)));
  return {
    kind: "wait",
    round,
    notBefore: new Date(now.getTime() + delaySeconds * 1000),
    patch: { capacityWaitSince: since, capacityRound: round },
  };
}

import { describe, expect, it } from "vitest";
import { JobOptions } from "../../agents/contracts/job.ts";
import { nextCapacityWait } from "./capacity-wait.ts";
import type { JobRow } from "./snapshot.ts";

const start = new Date("2026-11-21T08:00:00Z");
const DAY = 86_400;
const queued = (overrides: Partial<JobRow> = {}): JobRow =>
  ({
    id: "00000000-0000-4000-8000-000000000002",
    status: "queued",
    attempt: 1,
    capacityWaitSince: null,
    capacityRound: 0,
    options: JobOptions.parse({}),
    ...overrides,
  }) as JobRow;

describe("nextCapacityWait", () => {
  it("waits through a whole day of a full fleet, asking again at most every 5 minutes, then times out", () => {
    let job = queued();
    let now = start;
    let rounds = 0;
    for (;;) {
      const decision = nextCapacityWait(job, { jobId: job.id, attempt: 1, capacityRound: job.capacityRound }, now, {
        timeoutSeconds: DAY,
        retryAfterSeconds: 10,
      });
      if (decision.kind !== "wait") {
        expect(decision).toEqual({ kind: "timeout", waitedSeconds: DAY });
        break;
      }
      const delaySeconds = (decision.notBefore.getTime() - now.getTime()) / 1000;
      expect(delaySeconds).toBeGreaterThanOrEqual(1);
      expect(delaySeconds).toBeLessThanOrEqual(375);
      expect(decision.patch).toEqual({ capacityWaitSince: start, capacityRound: rounds + 1 });
      job = queued({ ...decision.patch });
      now = decision.notBefore;
      rounds++;
    }
    expect(now).toEqual(new Date(start.getTime() + DAY * 1000));
    // About one question every 5 minutes: nowhere near the queue's 100 retries being the limit.
    expect(rounds).toBeGreaterThan(200);
    expect(rounds).toBeLessThan(400);
  });

  it("asks again no sooner than the media worker's Retry-After", () => {
    const decision = nextCapacityWait(queued(), { jobId: "j", attempt: 1 }, start, {
      timeoutSeconds: DAY,
      retryAfterSeconds: 900,
    });
    expect(decision).toMatchObject({ kind: "wait", round: 1, notBefore: new Date(start.getTime() + 900_000) });
  });

  it("changes nothing for a redelivered copy of an earlier round, another attempt or a job no longer queued", () => {
    const limits = { timeoutSeconds: DAY, retryAfterSeconds: 10 };
    const waiting = queued({ capacityRound: 2, capacityWaitSince: start });
    expect(nextCapacityWait(waiting, { jobId: "j", attempt: 1, capacityRound: 1 }, start, limits).kind).toBe("stale");
    expect(nextCapacityWait(waiting, { jobId: "j", attempt: 1 }, start, limits).kind).toBe("stale");
    expect(nextCapacityWait(queued({ attempt: 2 }), { jobId: "j", attempt: 1 }, start, limits).kind).toBe("stale");
    expect(nextCapacityWait(queued({ status: "cancelled" }), { jobId: "j", attempt: 1 }, start, limits).kind).toBe(
      "stale",
    );
  });
});

import { describe, expect, it } from "vitest";
import { JobOptions } from "../contracts/job.ts";
import { highlightLimits } from "./lecture-defaults.ts";

describe("highlight limits that scale with the lecture", () => {
  it("gives a short lecture one short clip and an hour several", () => {
    expect(highlightLimits({}, 180)).toEqual({
      highlightCount: 1,
      clipMinSeconds: 10,
      clipMaxSeconds: 30,
      reelMaxSeconds: 20,
    });
    const hour = highlightLimits({}, 3600);
    expect(hour.highlightCount).toBe(7);
    expect(hour.reelMaxSeconds).toBe(300);
    expect(hour.clipMaxSeconds).toBeLessThanOrEqual(90);
    expect(highlightLimits({}, 20_000).highlightCount).toBe(10);
  });

  it("keeps what the user set and stays consistent around it", () => {
    expect(highlightLimits({ highlightCount: 4, reelMaxSeconds: 60 }, 3600)).toMatchObject({
      highlightCount: 4,
      reelMaxSeconds: 60,
      clipMaxSeconds: 23,
    });
    const longMin = highlightLimits({ clipMinSeconds: 120 }, 180);
    expect(longMin.clipMaxSeconds).toBeGreaterThanOrEqual(longMin.clipMinSeconds);
    expect(highlightLimits({ clipMaxSeconds: 9 }, 3600).clipMinSeconds).toBe(8);
  });

  it("is what every option left out means, and a misspelt option is refused", () => {
    expect(JobOptions.parse({})).toEqual({ chapters: "auto", language: "en" });
    expect(JobOptions.safeParse({ maxHighlights: 3 }).error?.issues[0]).toMatchObject({
      code: "unrecognized_keys",
      keys: ["maxHighlights"],
    });
    expect(JobOptions.safeParse({ chapters: 0 }).success).toBe(false);
    expect(JobOptions.safeParse({ clipMinSeconds: 40, clipMaxSeconds: 30 }).success).toBe(false);
  });
});

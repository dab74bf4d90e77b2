import { describe, expect, it } from "vitest";
import { JobOptionChoices } from "./job.ts";
import { resolveJobOptions } from "./job-option-layers.ts";

describe("job options from their layers (job > user > organization > built-in)", () => {
  it("takes each field from the highest layer that sets it, and the built-in defaults for the rest", () => {
    const job = { highlightCount: 2 };
    const user = { highlightCount: 5, language: "de" };
    const organization = { language: "fr", chapters: 4, reelMaxSeconds: 120 };
    expect(resolveJobOptions([job, user, organization])).toEqual({
      highlightCount: 2,
      language: "de",
      chapters: 4,
      reelMaxSeconds: 120,
    });
    expect(resolveJobOptions([])).toEqual({ chapters: "auto", language: "en" });
  });

  it("keeps an explicit clip range whole rather than mixing it with a default that contradicts it", () => {
    expect(resolveJobOptions([{ clipMaxSeconds: 20 }, { clipMinSeconds: 30 }])).toEqual({
      clipMaxSeconds: 20,
      chapters: "auto",
      language: "en",
    });
    expect(resolveJobOptions([{}, { clipMinSeconds: 30, clipMaxSeconds: 40 }, { clipMaxSeconds: 10 }])).toMatchObject({
      clipMinSeconds: 30,
      clipMaxSeconds: 40,
    });
    expect(resolveJobOptions([{ clipMaxSeconds: 60 }, { clipMinSeconds: 10 }])).toMatchObject({
      clipMinSeconds: 10,
      clipMaxSeconds: 60,
    });
  });

  it("fills in no built-in value where a layer chose nothing, and refuses what JobOptions refuses", () => {
    expect(JobOptionChoices.parse({})).toEqual({});
    expect(JobOptionChoices.safeParse({ maxHighlights: 3 }).success).toBe(false);
    expect(JobOptionChoices.safeParse({ clipMinSeconds: 40, clipMaxSeconds: 30 }).success).toBe(false);
  });
});

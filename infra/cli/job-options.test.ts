import { describe, expect, it } from "vitest";
import { jobOptionsFromFlags } from "./job-options.ts";

describe("job options from command-line flags", () => {
  it("turns flags into the API's options and leaves the rest to the server", () => {
    expect(jobOptionsFromFlags({ highlights: "3", chapters: "auto", language: "de" })).toEqual({
      ok: true,
      options: { highlightCount: 3, chapters: "auto", language: "de" },
    });
    expect(jobOptionsFromFlags({ chapters: "6", "reel-max": "120" })).toEqual({
      ok: true,
      options: { chapters: 6, reelMaxSeconds: 120 },
    });
    expect(jobOptionsFromFlags({})).toEqual({ ok: true, options: {} });
  });

  it("names the flag of a bad value before anything is uploaded", () => {
    const bad = jobOptionsFromFlags({ "clip-min": "60", "clip-max": "30" });
    expect(bad).toMatchObject({ ok: false });
    expect(!bad.ok && bad.error).toMatch(/^--clip-min: /);
    expect(jobOptionsFromFlags({ chapters: "many" })).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^--chapters/),
    });
  });
});

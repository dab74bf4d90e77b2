import { describe, expect, it } from "vitest";
import { MAX_PARTS, partRange, planUpload } from "./upload-parts.ts";

const MiB = 2 ** 20;
const GiB = 2 ** 30;
const settings = { multipartThresholdBytes: 100 * MiB, partSizeBytes: 16 * MiB };

describe("planUpload", () => {
  it("sends up to the threshold in one PUT, and never more than 5 GiB so", () => {
    expect(planUpload(100 * MiB, settings)).toEqual({ kind: "single" });
    expect(planUpload(6 * GiB, { ...settings, multipartThresholdBytes: 5 * GiB })).toMatchObject({ kind: "multipart" });
  });

  it("cuts above it into equal parts of the configured size with a shorter last one", () => {
    expect(planUpload(100 * MiB + 1, settings)).toEqual({ kind: "multipart", partSize: 16 * MiB, partCount: 7 });
    expect(partRange(7, 16 * MiB, 100 * MiB + 1)).toEqual({
      start: 96 * MiB,
      end: 100 * MiB + 1,
      sizeBytes: 4 * MiB + 1,
    });
  });

  it("grows the part size in whole MiB when 10,000 parts would not hold the file", () => {
    const plan = planUpload(500 * GiB, settings);
    expect(plan).toEqual({ kind: "multipart", partSize: 52 * MiB, partCount: 9847 });
    if (plan.kind === "multipart") expect(plan.partCount).toBeLessThanOrEqual(MAX_PARTS);
  });

  it("keeps R2's 5 MiB minimum whatever it is told", () => {
    expect(planUpload(11 * MiB, { multipartThresholdBytes: MiB, partSizeBytes: MiB })).toMatchObject({
      partSize: 5 * MiB,
      partCount: 3,
    });
  });
});

import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestS3, type TestS3 } from "../../../test/support/local-s3.ts";

let s3: TestS3;
const dir = mkdtempSync(join(tmpdir(), "lh-store-"));
beforeAll(async () => {
  s3 = await startTestS3();
});
afterAll(async () => {
  await s3.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe("ObjectStore against the local S3 server", () => {
  it("uploads above the threshold in parts and downloads the same bytes", async () => {
    const store = s3.store({ multipartThresholdBytes: 5 * 1024 * 1024, partSizeBytes: 5 * 1024 * 1024 });
    const bytes = randomBytes(12 * 1024 * 1024 + 17);
    writeFileSync(join(dir, "big.bin"), bytes);
    await store.upload("jobs/x/outputs/big.bin", join(dir, "big.bin"), "application/octet-stream");
    await store.download("jobs/x/outputs/big.bin", join(dir, "back.bin"));
    expect(readFileSync(join(dir, "back.bin")).equals(bytes)).toBe(true);
  });

  it("round-trips JSON and reports missing objects as null", async () => {
    const store = s3.store();
    await store.putJson("jobs/x/checkpoints/probe.json", { ok: 1 });
    expect(await store.getJson("jobs/x/checkpoints/probe.json")).toEqual({ ok: 1 });
    expect(await store.getJson("jobs/x/checkpoints/none.json")).toBeNull();
    expect(await store.exists("jobs/x/checkpoints/probe.json")).toBe(true);
  });

  it("is refused with a wrong secret (signatures are verified) without retrying forever", async () => {
    const store = s3.store({ secretAccessKey: "wrong-secret-wrong-secret-wrong" });
    await expect(store.putJson("jobs/x/y.json", {})).rejects.toThrow(/HTTP 403/);
  });

  it("retries network errors and then gives up", async () => {
    const store = s3.store({
      endpoint: "http://127.0.0.1:1",
      retry: { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 2 },
    });
    await expect(store.getJson("a.json")).rejects.toThrow();
  });
});

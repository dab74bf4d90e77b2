import { describe, expect, it } from "vitest";
import { INTERNAL_SIGNATURE_HEADER, signInternalRequest, verifyInternalRequest } from "./internal-auth.ts";

const secret = "test-secret-that-is-long-enough";

describe("internal request signing", () => {
  it("accepts its own signature", async () => {
    const headers = await signInternalRequest(secret, '{"a":1}', 1_000);
    expect(await verifyInternalRequest(secret, '{"a":1}', headers[INTERNAL_SIGNATURE_HEADER] ?? null, 1_010)).toEqual({
      ok: true,
    });
  });

  it("rejects an altered body, another secret, an old timestamp and garbage", async () => {
    const header = (await signInternalRequest(secret, '{"a":1}', 1_000))[INTERNAL_SIGNATURE_HEADER] ?? null;
    expect(await verifyInternalRequest(secret, '{"a":2}', header, 1_000)).toEqual({ ok: false, reason: "mismatch" });
    expect(await verifyInternalRequest("other-secret", '{"a":1}', header, 1_000)).toEqual({
      ok: false,
      reason: "mismatch",
    });
    expect(await verifyInternalRequest(secret, '{"a":1}', header, 2_000)).toEqual({ ok: false, reason: "expired" });
    expect(await verifyInternalRequest(secret, '{"a":1}', "t=1,v1=zz", 1_000)).toEqual({
      ok: false,
      reason: "malformed",
    });
    expect(await verifyInternalRequest(secret, '{"a":1}', null, 1_000)).toEqual({ ok: false, reason: "missing" });
  });
});

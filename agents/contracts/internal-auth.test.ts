import { describe, expect, it } from "vitest";
import {
  authenticateInternalCall,
  INTERNAL_SIGNATURE_HEADER,
  type InternalCall,
  memoryNonceStore,
  signInternalRequest,
  verifyInternalRequest,
} from "./internal-auth.ts";

const secret = "test-secret-that-is-long-enough";
const jobId = "6f1c1f1e-8a4b-4b7e-9a39-0c2d6f0e5a11";
const otherJob = "0b8f6a52-51c1-4a2e-8c55-2b1a33e2c0d9";
const body = JSON.stringify({ jobId, attempt: 2 });
const cancel: InternalCall = { method: "POST", target: `/jobs/${jobId}/cancel`, body, jobId, attempt: 2 };
const received = ({ method, target, body }: InternalCall) => ({ method, target, body });
const headerOf = async (call: InternalCall, now = 1_000) =>
  (await signInternalRequest(secret, call, now))[INTERNAL_SIGNATURE_HEADER] ?? null;

describe("internal request signing v2", () => {
  it("accepts its own signature and tells the receiver the job, attempt and nonce", async () => {
    const check = await verifyInternalRequest(secret, received(cancel), await headerOf(cancel), 1_010);
    expect(check).toEqual({ ok: true, claims: { timestamp: 1_000, nonce: expect.any(String), jobId, attempt: 2 } });
  });

  it("refuses a changed body, method, path or query, another secret, an old timestamp and garbage", async () => {
    const header = await headerOf({ ...cancel, target: `${cancel.target}?force=1&a=2` });
    const signed = { ...received(cancel), target: `${cancel.target}?a=2&force=1` };
    expect((await verifyInternalRequest(secret, signed, header, 1_000)).ok).toBe(true);
    for (const tampered of [
      { ...signed, body: body.replace("2", "3") },
      { ...signed, method: "PUT" },
      { ...signed, target: `/jobs/${otherJob}/cancel?a=2&force=1` },
      { ...signed, target: `${cancel.target}?a=2&force=0` },
      { ...signed, target: cancel.target },
    ])
      expect(await verifyInternalRequest(secret, tampered, header, 1_000)).toEqual({ ok: false, reason: "mismatch" });
    expect(await verifyInternalRequest("other-secret", signed, header, 1_000)).toEqual({
      ok: false,
      reason: "mismatch",
    });
    expect(await verifyInternalRequest(secret, signed, header, 2_000)).toEqual({ ok: false, reason: "expired" });
    expect(await verifyInternalRequest(secret, signed, "t=1,v1=zz", 1_000)).toEqual({
      ok: false,
      reason: "malformed",
    });
    expect(await verifyInternalRequest(secret, signed, null, 1_000)).toEqual({ ok: false, reason: "missing" });
  });

  it("refuses a second copy of the same call (a replay) and gives every signature its own nonce", async () => {
    const nonces = memoryNonceStore(() => 1_000);
    const header = await headerOf(cancel);
    expect(header).not.toBe(await headerOf(cancel));
    const first = await authenticateInternalCall(secret, received(cancel), header, { nonces, pathJobId: jobId }, 1_000);
    expect(first.ok).toBe(true);
    expect(
      await authenticateInternalCall(secret, received(cancel), header, { nonces, pathJobId: jobId }, 1_001),
    ).toEqual({ ok: false, reason: "replayed" });
  });

  it("refuses a call whose path or body names another job or attempt than the signature", async () => {
    const nonces = memoryNonceStore(() => 1_000);
    const check = (call: InternalCall, pathJobId?: string) =>
      headerOf(call).then((header) =>
        authenticateInternalCall(secret, received(call), header, { nonces, pathJobId }, 1_000),
      );
    const wrongJob = { ok: false, reason: "wrong_job" };
    // Signed for the other job's path but the route's job is this one (a captured cancel replayed elsewhere).
    expect(await check({ ...cancel, target: `/jobs/${otherJob}/cancel`, jobId: otherJob }, jobId)).toEqual(wrongJob);
    expect(await check({ ...cancel, body: JSON.stringify({ jobId: otherJob, attempt: 2 }) }, jobId)).toEqual(wrongJob);
    expect(await check({ ...cancel, body: JSON.stringify({ jobId, attempt: 1 }) }, jobId)).toEqual(wrongJob);
    expect(await check({ ...cancel, body: "not json" }, jobId)).toEqual(wrongJob);
    expect((await check(cancel, jobId)).ok).toBe(true);
  });

  it("forgets nonces once they expire", async () => {
    let now = 1_000;
    const nonces = memoryNonceStore(() => now);
    expect(await nonces.remember("a", 1_600)).toBe(true);
    expect(await nonces.remember("a", 1_600)).toBe(false);
    now = 1_601;
    expect(await nonces.remember("a", 2_200)).toBe(true);
  });
});

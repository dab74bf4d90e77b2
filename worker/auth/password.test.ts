import { describe, expect, it } from "vitest";
import { derivePbkdf2, hashPassword, PBKDF2_ITERATIONS, PBKDF2_MAX_ITERATIONS, verifyPassword } from "./password.ts";

describe("password hashing (PBKDF2-HMAC-SHA256)", () => {
  it("never configures more iterations than production Workers allow (100,000)", () => {
    expect(PBKDF2_MAX_ITERATIONS).toBe(100_000);
    expect(PBKDF2_ITERATIONS).toBeLessThanOrEqual(100_000);
    expect(PBKDF2_ITERATIONS).toBe(PBKDF2_MAX_ITERATIONS);
  });

  it("refuses to derive with 100,001 iterations, which wrangler dev would silently allow", async () => {
    const salt = new Uint8Array(16);
    await expect(derivePbkdf2("correct horse battery", salt, 100_001)).rejects.toThrow(RangeError);
    await expect(hashPassword("correct horse battery", 100_001)).rejects.toThrow(/100000/);
    await expect(verifyPassword("x", "pbkdf2-sha256$600000$AAAAAAAAAAAAAAAAAAAAAA==$AAAA")).rejects.toThrow(RangeError);
  });

  it("stores the self-describing format and verifies only the right password", async () => {
    const stored = await hashPassword("correct horse battery");
    expect(stored).toMatch(/^pbkdf2-sha256\$100000\$[A-Za-z0-9+/]{22}==\$[A-Za-z0-9+/]{43}=$/);
    expect(await verifyPassword("correct horse battery", stored)).toEqual({ valid: true, needsRehash: false });
    expect(await verifyPassword("correct horse batterY", stored)).toEqual({ valid: false, needsRehash: false });
    expect(await hashPassword("correct horse battery")).not.toBe(stored);
  });

  it("asks for a rehash when the stored hash has fewer iterations than now", async () => {
    const old = await hashPassword("correct horse battery", 10_000);
    expect(await verifyPassword("correct horse battery", old)).toEqual({ valid: true, needsRehash: true });
    expect(await verifyPassword("wrong", old)).toEqual({ valid: false, needsRehash: false });
  });

  it("treats unknown formats as a mismatch", async () => {
    expect((await verifyPassword("x", "bcrypt$2b$10$abc")).valid).toBe(false);
    expect((await verifyPassword("x", "")).valid).toBe(false);
  });

  it("reports what one hash costs here", async () => {
    const runs = 5;
    const started = performance.now();
    for (let i = 0; i < runs; i++) await hashPassword("correct horse battery staple");
    const perHashMs = (performance.now() - started) / runs;
    console.log(JSON.stringify({ measurement: "pbkdf2-sha256 hash", iterations: PBKDF2_ITERATIONS, perHashMs }));
    expect(perHashMs).toBeGreaterThanOrEqual(0);
  });
});

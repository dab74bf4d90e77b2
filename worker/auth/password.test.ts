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

  it("derives PBKDF2-HMAC-SHA256 itself: the RFC 7914 test vector", async () => {
    const derived = await derivePbkdf2("passwd", new TextEncoder().encode("salt"), 1);
    const hex = Array.from(derived, (byte) => byte.toString(16).padStart(2, "0")).join("");
    expect(hex).toBe("55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc");
  });

  it("derives with the iteration count written in the stored hash, not the current setting", async () => {
    const stored = await hashPassword("correct horse battery", 20_000);
    expect(stored.split("$")[1]).toBe("20000");
    const tampered = stored.replace("$20000$", "$20001$");
    expect(await verifyPassword("correct horse battery", tampered)).toEqual({ valid: false, needsRehash: false });
  });
});

import { inArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { schema } from "../../../db/client.ts";
import { withTestDatabase } from "../../../test/support/worker/database.ts";
import { deleteExpiredNonces } from "./nonces.ts";

describe("pruning internal-call nonces", () => {
  it("deletes expired nonces oldest first in bounded batches and keeps live ones", async () => {
    // A clock long past lets this test own every nonce that counts as expired, whatever other tests left.
    const now = new Date("2000-01-01T00:00:00Z");
    const expired = [1, 2, 3, 4, 5].map((day) => ({
      nonce: `expired-${crypto.randomUUID()}`,
      expiresAt: new Date(`1999-12-0${day}T00:00:00Z`),
    }));
    const live = [{ nonce: `live-${crypto.randomUUID()}`, expiresAt: new Date("2000-01-02T00:00:00Z") }];
    const nonces = [...expired, ...live].map((row) => row.nonce);
    await withTestDatabase(async (db) => {
      await db.insert(schema.internalRequestNonces).values([...expired, ...live]);
      const left = async () =>
        (
          await db
            .select({ nonce: schema.internalRequestNonces.nonce })
            .from(schema.internalRequestNonces)
            .where(inArray(schema.internalRequestNonces.nonce, nonces))
        ).map((row) => row.nonce);

      expect(await deleteExpiredNonces(db, { now, limit: 2 })).toBe(2);
      // The two that expired first went first.
      expect((await left()).sort()).toEqual(nonces.slice(2).sort());
      expect(await deleteExpiredNonces(db, { now, limit: 2 })).toBe(2);
      expect(await deleteExpiredNonces(db, { now, limit: 2 })).toBe(1);
      expect(await deleteExpiredNonces(db, { now, limit: 2 })).toBe(0);
      expect(await left()).toEqual([live[0]!.nonce]);
    });
  });
});

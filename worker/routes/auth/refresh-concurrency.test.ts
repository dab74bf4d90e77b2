import { SELF } from "cloudflare:test";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { refreshTokens } from "../../../db/schema.ts";
import { apiBase, registerUser, uniqueAddress } from "../../../test/support/worker/accounts.ts";
import { withTestDatabase } from "../../../test/support/worker/database.ts";
import { issueRefreshToken } from "../../auth/refresh-tokens.ts";

type Answer = { status: number; code?: string; refreshToken?: string };

async function refresh(refreshToken: string): Promise<Answer> {
  const response = await SELF.fetch(`${apiBase}/v1/auth/refresh`, {
    method: "POST",
    headers: { "content-type": "application/json", "cf-connecting-ip": uniqueAddress() },
    body: JSON.stringify({ refreshToken }),
  });
  return { status: response.status, ...((await response.json()) as { code?: string; refreshToken?: string }) };
}

describe("refresh-token rotation under concurrency", () => {
  it("lets at most one of two simultaneous refreshes with one token win, and the family dies with it", async () => {
    // Several rounds: the interleaving that matters (the winner's new token written after the
    // loser revoked the family) only happens on some of them.
    for (let round = 0; round < 4; round++) {
      const user = await registerUser();
      const answers = await Promise.all([refresh(user.refreshToken), refresh(user.refreshToken)]);
      const winners = answers.filter((answer) => answer.status === 200);
      expect(winners.length).toBeLessThanOrEqual(1);
      for (const loser of answers.filter((answer) => answer.status !== 200)) {
        expect(loser).toMatchObject({ status: 401, code: "refresh_token_reused" });
      }
      // Reuse was detected, so no token of the family may work any more: not the winner's either.
      for (const winner of winners) expect((await refresh(winner.refreshToken!)).status).toBe(401);
    }
  });

  it("refuses a token of a family revoked for reuse even when it was issued after the revocation", async () => {
    const user = await registerUser();
    await refresh(user.refreshToken);
    expect(await refresh(user.refreshToken)).toMatchObject({ status: 401, code: "refresh_token_reused" });
    // What the winner of a race writes when its insert lands after the loser's revocation.
    const late = await withTestDatabase(async (db) => {
      const [row] = await db.select().from(refreshTokens).where(eq(refreshTokens.userId, user.userId)).limit(1);
      return issueRefreshToken(db, user.userId, row!.familyId);
    });
    expect((await refresh(late)).status).toBe(401);
  });
});

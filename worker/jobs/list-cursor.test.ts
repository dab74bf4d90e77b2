import { env, SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { apiBase, authHeaders, registerUser } from "../../test/support/worker/accounts.ts";
import { insertJob } from "../../test/support/worker/jobs.ts";
import { readJobListCursor, signJobListCursor } from "./list-cursor.ts";

const listJobs = (credential: string, cursor: string) =>
  SELF.fetch(`${apiBase}/v1/jobs?limit=1&cursor=${encodeURIComponent(cursor)}`, { headers: authHeaders(credential) });

/** The unsigned shape the API used to issue: base64 of the JSON position. */
const unsigned = (position: unknown) => btoa(JSON.stringify(position)).replaceAll("=", "");

describe("GET /v1/jobs cursors", () => {
  it("are signed for the user they were issued to; forged, edited and borrowed ones answer 400 invalid_cursor", async () => {
    const [alice, mallory] = await Promise.all([registerUser(), registerUser()]);
    for (let i = 0; i < 2; i++) await insertJob({ userId: alice.userId });
    const page = (await (
      await SELF.fetch(`${apiBase}/v1/jobs?limit=1`, { headers: authHeaders(alice.accessToken) })
    ).json()) as { nextCursor: string };
    expect((await listJobs(alice.accessToken, page.nextCursor)).status).toBe(200);

    const [payload, mac] = page.nextCursor.split(".") as [string, string];
    const forged = [
      unsigned({ createdAt: "2026-01-01T00:00:00.000Z", id: "not-a-uuid" }),
      unsigned({ createdAt: "1", id: crypto.randomUUID() }),
      unsigned({ createdAt: "+275760-09-13T00:00:00.000Z", id: crypto.randomUUID() }),
      `${unsigned({ createdAt: "2099-01-01T00:00:00.000Z", id: crypto.randomUUID() })}.${mac}`,
      `${payload}.${mac.slice(0, -2)}AA`,
      `${payload}.`,
      `${payload}.${mac}.${mac}`,
      "....",
      "%%%",
    ];
    for (const cursor of forged) {
      const response = await listJobs(alice.accessToken, cursor);
      expect(response.status, cursor).toBe(400);
      expect(response.headers.get("content-type")).toBe("application/problem+json");
      expect(await response.json()).toMatchObject({ code: "invalid_cursor", errors: [{ path: "cursor" }] });
    }
    // Alice's genuine cursor is refused to Mallory: a cursor names a place in one account's list.
    expect((await listJobs(mallory.accessToken, page.nextCursor)).status).toBe(400);
  });

  it("round-trips a position and refuses a valid signature over malformed fields", async () => {
    const userId = crypto.randomUUID();
    const position = { createdAt: "2026-03-01T10:00:00.123Z", id: crypto.randomUUID() };
    const cursor = await signJobListCursor(env.JWT_SECRET, userId, position);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/);
    await expect(readJobListCursor(env.JWT_SECRET, userId, cursor)).resolves.toEqual(position);
    const signedNonsense = await signJobListCursor(env.JWT_SECRET, userId, { createdAt: "1", id: "x" });
    await expect(readJobListCursor(env.JWT_SECRET, userId, signedNonsense)).rejects.toMatchObject({
      code: "invalid_cursor",
    });
  });
});

import { SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { schema } from "../../../db/client.ts";
import { apiBase, authHeaders, registerUser, type TestUser } from "../../../test/support/worker/accounts.ts";
import { withTestDatabase } from "../../../test/support/worker/database.ts";
import { insertCompletedUpload } from "../../../test/support/worker/jobs.ts";
import type { OrganizationRole } from "../../auth/roles.ts";

/** A team organization with one member per role given, written straight to the database. */
async function team(roles: OrganizationRole[]): Promise<{ id: string; members: TestUser[] }> {
  const members = await Promise.all(roles.map(() => registerUser()));
  const id = crypto.randomUUID();
  await withTestDatabase(async (db) => {
    await db.insert(schema.organizations).values({ id, name: "Physics 101" });
    await db
      .insert(schema.memberships)
      .values(members.map((member, i) => ({ organizationId: id, userId: member.userId, role: roles[i]! })));
  });
  return { id, members };
}

const call = (method: string, path: string, credential: string, organizationId: string, body?: unknown) =>
  SELF.fetch(`${apiBase}${path}`, {
    method,
    headers: { ...authHeaders(credential), "lh-organization": organizationId },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

describe("/v1/organization/preferences", () => {
  it("is set by admins and owners and read by every member", async () => {
    const { id, members } = await team(["owner", "admin", "editor", "viewer"]);
    const [owner, admin, editor, viewer] = members as [TestUser, TestUser, TestUser, TestUser];
    expect(await (await call("GET", "/v1/organization/preferences", viewer.accessToken, id)).json()).toEqual({
      jobDefaults: {},
    });
    const set = await call("PUT", "/v1/organization/preferences", admin.accessToken, id, {
      jobDefaults: { language: "fr", chapters: 3 },
    });
    expect(set.status).toBe(200);
    expect((await call("PUT", "/v1/organization/preferences", owner.accessToken, id, { jobDefaults: {} })).status).toBe(
      200,
    );
    for (const member of [editor, viewer]) {
      const refused = await call("PUT", "/v1/organization/preferences", member.accessToken, id, { jobDefaults: {} });
      expect(refused.status).toBe(403);
      expect(await refused.json()).toMatchObject({ code: "forbidden" });
    }
    const created = await call("POST", "/v1/api-keys", admin.accessToken, id, { name: "ci", scopes: ["jobs:write"] });
    const { key } = (await created.json()) as { key: string };
    expect((await call("PUT", "/v1/organization/preferences", key, id, { jobDefaults: {} })).status).toBe(403);
    const stranger = await registerUser();
    // Someone outside is not told the organization exists.
    expect((await call("GET", "/v1/organization/preferences", stranger.accessToken, id)).status).toBe(404);
  });

  it("refuses unknown fields with 422, as a job's options do", async () => {
    const { id, members } = await team(["admin"]);
    const unknown = await call("PUT", "/v1/organization/preferences", members[0]!.accessToken, id, {
      jobDefaults: { maxHighlights: 2 },
    });
    expect(unknown.status).toBe(422);
    expect(await unknown.json()).toMatchObject({ code: "unknown_field" });
  });

  it("sits between the member's own defaults and the built-in ones: job > user > organization > built-in", async () => {
    const { id, members } = await team(["admin", "editor"]);
    const [admin, editor] = members as [TestUser, TestUser];
    await call("PUT", "/v1/organization/preferences", admin.accessToken, id, {
      jobDefaults: { language: "fr", chapters: 3, highlightCount: 6 },
    });
    await SELF.fetch(`${apiBase}/v1/me/preferences`, {
      method: "PATCH",
      headers: authHeaders(editor.accessToken),
      body: JSON.stringify({ jobDefaults: { language: "de" } }),
    });
    const started = await call("POST", "/v1/jobs", editor.accessToken, id, {
      uploadId: await insertCompletedUpload(editor.userId, undefined, id),
      options: { highlightCount: 2 },
    });
    expect(started.status).toBe(202);
    expect(((await started.json()) as { options: unknown }).options).toEqual({
      highlightCount: 2,
      language: "de",
      chapters: 3,
    });
  });
});

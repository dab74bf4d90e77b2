import { SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import {
  apiBase,
  authHeaders,
  createApiKey,
  postJson,
  registerUser,
  type TestUser,
  uniqueAddress,
} from "../../../test/support/worker/accounts.ts";
import { decodeHeader, failMailTo, mailTo, readMail } from "../../../test/support/worker/mail.ts";
import { canChangeMember } from "../../auth/policy.ts";
import type { OrganizationRole } from "../../auth/roles.ts";

type Answer<T> = { status: number; body: T };

/** Calls the API as `user`, acting in `organization` when given (the `Lh-Organization` header). */
async function api<T = Record<string, unknown>>(
  user: TestUser | string,
  method: string,
  path: string,
  { body, organization }: { body?: unknown; organization?: string } = {},
): Promise<Answer<T>> {
  const credential = typeof user === "string" ? user : user.accessToken;
  const headers: Record<string, string> = { ...authHeaders(credential), "cf-connecting-ip": uniqueAddress() };
  if (organization) headers["lh-organization"] = organization;
  const response = await SELF.fetch(`${apiBase}${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : undefined) as T };
}

const createOrganization = (user: TestUser, name = "Physics 101") =>
  postJson<{ id: string; role: string; personal: boolean }>("/v1/organizations", { name }, 201, user.accessToken);

/** Invites `member` as `role` and has them accept; returns the organization's id. */
async function join(owner: TestUser, organizationId: string, member: TestUser, role: OrganizationRole) {
  const invitation = await postJson<{ acceptUrl: string }>(
    `/v1/organizations/${organizationId}/invitations`,
    { email: member.email, role },
    201,
    owner.accessToken,
  );
  return postJson("/v1/invitations/accept", { token: tokenOf(invitation.acceptUrl) }, 200, member.accessToken);
}

const tokenOf = (acceptUrl: string) => decodeURIComponent(new URL(acceptUrl).hash.split("/invitations/")[1]!);

const upload = { filename: "lecture.mp4", contentType: "video/mp4", size: 1000 };

describe("organizations", () => {
  it("are created by a user, who owns them; listed personal first; invisible to non-members", async () => {
    const [alice, bob] = await Promise.all([registerUser(), registerUser()]);
    const team = await createOrganization(alice);
    expect(team).toMatchObject({ role: "owner", personal: false });
    const { body } = await api<{ organizations: { id: string; personal: boolean; role: string }[] }>(
      alice,
      "GET",
      "/v1/organizations",
    );
    expect(body.organizations.map((o) => [o.id, o.personal, o.role])).toEqual([
      [alice.userId, true, "owner"],
      [team.id, false, "owner"],
    ]);
    expect((await api(bob, "GET", `/v1/organizations/${team.id}`)).status).toBe(404);
    expect((await api(bob, "GET", "/v1/jobs", { organization: team.id })).status).toBe(404);
    expect((await api(bob, "GET", "/v1/jobs", { organization: "not-an-id" })).status).toBe(404);
    const me = await api<{ organization: { id: string; role: string } }>(alice, "GET", "/v1/me", {
      organization: team.id,
    });
    expect(me.body.organization).toEqual({ id: team.id, role: "owner" });
  });

  it("share their resources among members: what one member uploads, another sees", async () => {
    const [alice, bob] = await Promise.all([registerUser(), registerUser()]);
    const team = await createOrganization(alice);
    await join(alice, team.id, bob, "editor");
    const created = await api<{ id: string }>(bob, "POST", "/v1/uploads", { body: upload, organization: team.id });
    expect(created.status).toBe(201);
    expect((await api(alice, "GET", `/v1/uploads/${created.body.id}`, { organization: team.id })).status).toBe(200);
    // Not in anyone's personal organization.
    expect((await api(alice, "GET", `/v1/uploads/${created.body.id}`)).status).toBe(404);
    expect((await api(bob, "GET", `/v1/uploads/${created.body.id}`)).status).toBe(404);
  });

  it("take members by a single-use invitation for the invited email only", async () => {
    const [alice, bob, carol] = await Promise.all([registerUser(), registerUser(), registerUser()]);
    const team = await createOrganization(alice);
    const invitation = await postJson<{ acceptUrl: string; role: string; email: string }>(
      `/v1/organizations/${team.id}/invitations`,
      { email: bob.email, role: "viewer" },
      201,
      alice.accessToken,
    );
    expect(invitation).toMatchObject({ role: "viewer", email: bob.email, emailed: true });
    // The invitee gets the link by email too, from the configured provider (the test SMTP sink).
    const [mail, ...more] = await mailTo(bob.email);
    expect(more).toEqual([]);
    const { headers, text } = readMail(mail!);
    expect(decodeHeader(headers.subject!)).toBe('Join "Physics 101" on Lecture Highlights');
    expect(text).toContain(`${alice.email} invites you to "Physics 101" on Lecture Highlights, as a viewer.`);
    expect(text).toContain(`Accept: ${invitation.acceptUrl}`);
    const token = tokenOf(invitation.acceptUrl);
    expect((await api(carol, "POST", "/v1/invitations/accept", { body: { token } })).status).toBe(404);
    expect((await api(bob, "POST", "/v1/invitations/accept", { body: { token } })).body).toEqual({
      organizationId: team.id,
      role: "viewer",
    });
    expect((await api(bob, "POST", "/v1/invitations/accept", { body: { token } })).status).toBe(404);
    const members = await api<{ members: { email: string; role: string }[] }>(
      bob,
      "GET",
      `/v1/organizations/${team.id}/members`,
    );
    expect(members.body.members.map((m) => [m.email, m.role])).toEqual([
      [alice.email, "owner"],
      [bob.email, "viewer"],
    ]);
  });

  it("stand when their email is refused: the inviter is told and still has the link", async () => {
    const [alice, bob] = await Promise.all([registerUser(), registerUser()]);
    const team = await createOrganization(alice);
    await failMailTo(bob.email, 1, 550);
    const invitation = await postJson<{ acceptUrl: string; emailed: boolean }>(
      `/v1/organizations/${team.id}/invitations`,
      { email: bob.email, role: "editor" },
      201,
      alice.accessToken,
    );
    expect(invitation.emailed).toBe(false);
    expect(await mailTo(bob.email)).toEqual([]);
    await postJson("/v1/invitations/accept", { token: tokenOf(invitation.acceptUrl) }, 200, bob.accessToken);
  });

  it("list open invitations to managers and revoke them, so the link stops working", async () => {
    const [alice, bob, carol, dave] = await Promise.all([
      registerUser(),
      registerUser(),
      registerUser(),
      registerUser(),
    ]);
    const team = await createOrganization(alice);
    await join(alice, team.id, bob, "admin");
    const invitations = `/v1/organizations/${team.id}/invitations`;
    const invite = (email: string, role: OrganizationRole) =>
      postJson<{ id: string; acceptUrl: string }>(invitations, { email, role }, 201, alice.accessToken);
    const toCarol = await invite(carol.email, "editor");
    const toDave = await invite(dave.email, "owner");
    type Pending = { invitations: { id: string; email: string; role: string; invitedBy: string | null }[] };
    const pending = await api<Pending>(bob, "GET", invitations);
    expect(pending.body.invitations.map((x) => [x.id, x.email, x.role, x.invitedBy])).toEqual([
      [toCarol.id, carol.email, "editor", alice.email],
      [toDave.id, dave.email, "owner", alice.email],
    ]);
    expect(JSON.stringify(pending.body)).not.toContain("lh_inv_");
    // Another organization's manager sees nothing of it and revokes nothing in it.
    const other = await createOrganization(carol);
    const foreign = await api(carol, "DELETE", `/v1/organizations/${other.id}/invitations/${toCarol.id}`);
    expect(foreign.status).toBe(204);
    expect((await api(carol, "GET", invitations)).status).toBe(404);
    // An admin may not revoke an invitation to be owner, any more than send one.
    const revokeOwner = await api<{ code: string }>(bob, "DELETE", `${invitations}/${toDave.id}`);
    expect(revokeOwner).toMatchObject({ status: 403, body: { code: "forbidden" } });
    expect((await api(bob, "DELETE", `${invitations}/${toCarol.id}`)).status).toBe(204);
    expect((await api(bob, "DELETE", `${invitations}/${toCarol.id}`)).status).toBe(204);
    const accept = await api(carol, "POST", "/v1/invitations/accept", { body: { token: tokenOf(toCarol.acceptUrl) } });
    expect(accept.status).toBe(404);
    // An accepted invitation is no longer open.
    await postJson("/v1/invitations/accept", { token: tokenOf(toDave.acceptUrl) }, 200, dave.accessToken);
    expect((await api<Pending>(alice, "GET", invitations)).body.invitations).toEqual([]);
  });

  it("let an admin manage members but not demote, remove or make an owner; keep the last owner", async () => {
    const [alice, bob, carol] = await Promise.all([registerUser(), registerUser(), registerUser()]);
    const team = await createOrganization(alice);
    await join(alice, team.id, bob, "admin");
    await join(alice, team.id, carol, "viewer");
    const member = (user: TestUser) => `/v1/organizations/${team.id}/members/${user.userId}`;
    expect((await api(bob, "PATCH", member(carol), { body: { role: "editor" } })).status).toBe(204);
    const demote = await api<{ code: string }>(bob, "PATCH", member(alice), { body: { role: "viewer" } });
    expect(demote).toMatchObject({ status: 403, body: { code: "forbidden" } });
    expect((await api(bob, "DELETE", member(alice))).status).toBe(403);
    expect((await api(bob, "PATCH", member(carol), { body: { role: "owner" } })).status).toBe(403);
    const inviteOwner = await api(bob, "POST", `/v1/organizations/${team.id}/invitations`, {
      body: { email: "x@example.com", role: "owner" },
    });
    expect(inviteOwner.status).toBe(403);
    expect((await api(alice, "PATCH", member(alice), { body: { role: "admin" } })).body).toMatchObject({
      code: "last_owner",
    });
    expect((await api(alice, "POST", `/v1/organizations/${team.id}/leave`)).body).toMatchObject({
      code: "last_owner",
    });
    expect((await api(alice, "POST", `/v1/organizations/${alice.userId}/leave`)).body).toMatchObject({
      code: "personal_organization",
    });
    const sharePersonal = await api(alice, "POST", `/v1/organizations/${alice.userId}/invitations`, {
      body: { email: carol.email, role: "viewer" },
    });
    expect(sharePersonal.body).toMatchObject({ code: "personal_organization" });
    // An owner may make another owner, after which the first may step down.
    expect((await api(alice, "PATCH", member(bob), { body: { role: "owner" } })).status).toBe(204);
    expect((await api(alice, "POST", `/v1/organizations/${team.id}/leave`)).status).toBe(204);
    expect((await api(alice, "GET", `/v1/organizations/${team.id}`)).status).toBe(404);
  });

  it("end a removed member's access, and their API keys for it with it", async () => {
    const [alice, bob] = await Promise.all([registerUser(), registerUser()]);
    const team = await createOrganization(alice);
    await join(alice, team.id, bob, "admin");
    const teamKey = await api<{ key: string }>(bob, "POST", "/v1/api-keys", {
      body: { name: "team key", scopes: ["jobs:read"] },
      organization: team.id,
    });
    expect(teamKey.status).toBe(201);
    const { key } = teamKey.body;
    expect((await api(key, "GET", "/v1/jobs")).status).toBe(200);
    expect((await api(alice, "DELETE", `/v1/organizations/${team.id}/members/${bob.userId}`)).status).toBe(204);
    expect((await api(bob, "GET", "/v1/jobs", { organization: team.id })).status).toBe(404);
    expect((await api(key, "GET", "/v1/jobs")).status).toBe(401);
    // Bob's own key, in his personal organization, is untouched.
    const personal = await createApiKey(bob.accessToken, ["jobs:read"]);
    expect((await api(personal.key, "GET", "/v1/jobs")).status).toBe(200);
  });

  it("let an API key act in its organization with its creator's current role", async () => {
    const [alice, bob] = await Promise.all([registerUser(), registerUser()]);
    const team = await createOrganization(alice);
    await join(alice, team.id, bob, "admin");
    const created = await api<{ key: string }>(bob, "POST", "/v1/api-keys", {
      body: { name: "hooks", scopes: ["webhooks:manage", "jobs:read"] },
      organization: team.id,
    });
    const { key } = created.body;
    // The header cannot move a key out of its organization.
    expect((await api(key, "GET", "/v1/webhooks", { organization: bob.userId })).status).toBe(200);
    expect(
      (await api(alice, "PATCH", `/v1/organizations/${team.id}/members/${bob.userId}`, { body: { role: "editor" } }))
        .status,
    ).toBe(204);
    const refused = await api<{ code: string; detail: string }>(key, "GET", "/v1/webhooks");
    expect(refused).toMatchObject({ status: 403, body: { code: "forbidden" } });
    expect(refused.body.detail).toContain("webhooks:manage");
    expect((await api(key, "GET", "/v1/jobs")).status).toBe(200);
  });

  it("are deleted by an owner once empty; a personal one never", async () => {
    const alice = await registerUser();
    const team = await createOrganization(alice);
    const held = await api<{ id: string }>(alice, "POST", "/v1/uploads", { body: upload, organization: team.id });
    expect((await api(alice, "DELETE", `/v1/organizations/${team.id}`)).body).toMatchObject({
      code: "organization_not_empty",
    });
    expect((await api(alice, "DELETE", `/v1/uploads/${held.body.id}`, { organization: team.id })).status).toBe(204);
    expect((await api(alice, "DELETE", `/v1/organizations/${team.id}`)).status).toBe(204);
    expect((await api(alice, "GET", `/v1/organizations/${team.id}`)).status).toBe(404);
    expect((await api(alice, "DELETE", `/v1/organizations/${alice.userId}`)).body).toMatchObject({
      code: "personal_organization",
    });
  });
});

describe("canChangeMember", () => {
  it("lets only an owner touch or make an owner, and only managers change anyone", () => {
    expect(canChangeMember("admin", "editor", "viewer")).toBe(true);
    expect(canChangeMember("admin", "owner", "admin")).toBe(false);
    expect(canChangeMember("admin", "owner")).toBe(false);
    expect(canChangeMember("admin", "viewer", "owner")).toBe(false);
    expect(canChangeMember("owner", "owner", "viewer")).toBe(true);
    expect(canChangeMember("editor", "viewer", "viewer")).toBe(false);
  });
});

import { SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import {
  apiBase,
  authHeaders,
  postJson,
  registerUser,
  type TestUser,
  uniqueAddress,
} from "../../test/support/worker/accounts.ts";
import { insertCompletedUpload } from "../../test/support/worker/jobs.ts";
import { createApp } from "../app.ts";
import { type Action, can } from "../auth/policy.ts";
import { type OrganizationRole, organizationRoles } from "../auth/roles.ts";

/**
 * The action each route of an organization's resources needs. The first test compares it with
 * the app's own route table, so a new route cannot be added without saying who may call it.
 */
const routeActions: Record<string, Action> = {
  "GET /v1/api-keys": "api_keys:manage",
  "POST /v1/api-keys": "api_keys:manage",
  "DELETE /v1/api-keys/:id": "api_keys:manage",
  "GET /v1/jobs": "jobs:read",
  "POST /v1/jobs": "jobs:write",
  "POST /v1/jobs/validate": "jobs:write",
  "GET /v1/jobs/:id": "jobs:read",
  "PATCH /v1/jobs/:id": "jobs:write",
  "DELETE /v1/jobs/:id": "jobs:write",
  "POST /v1/jobs/:id/cancel": "jobs:write",
  "GET /v1/jobs/:id/results": "jobs:read",
  "POST /v1/jobs/:id/events/ticket": "jobs:read",
  "GET /v1/jobs/:id/events": "jobs:read",
  "GET /v1/jobs/:id/exports/:format": "jobs:read",
  "GET /v1/jobs/:id/shares": "jobs:read",
  "POST /v1/jobs/:id/shares": "jobs:write",
  "DELETE /v1/jobs/:id/shares/:shareId": "jobs:write",
  "GET /v1/usage": "jobs:read",
  "PUT /v1/usage/limits": "usage:manage",
  "GET /v1/organization/preferences": "organization:read",
  "PUT /v1/organization/preferences": "organization:preferences",
  "GET /v1/uploads": "uploads:write",
  "POST /v1/uploads": "uploads:write",
  "GET /v1/uploads/:id": "uploads:write",
  "DELETE /v1/uploads/:id": "uploads:write",
  "POST /v1/uploads/:id/complete": "uploads:write",
  "GET /v1/webhooks": "webhooks:manage",
  "POST /v1/webhooks": "webhooks:manage",
  "DELETE /v1/webhooks/:id": "webhooks:manage",
  "POST /v1/webhooks/:id/rotate-secret": "webhooks:manage",
  "GET /v1/webhooks/:id/deliveries": "webhooks:manage",
  "POST /v1/webhooks/deliveries/:id/redeliver": "webhooks:manage",
  "GET /v1/webhooks/account-secret": "webhooks:manage",
  "POST /v1/webhooks/account-secret": "webhooks:manage",
  "POST /v1/webhooks/account-secret/rotate": "webhooks:manage",
  "GET /v1/organizations": "organization:read",
  "POST /v1/organizations": "organization:create",
  "GET /v1/organizations/:id": "organization:read",
  "DELETE /v1/organizations/:id": "organization:delete",
  "GET /v1/organizations/:id/members": "organization:read",
  "GET /v1/organizations/:id/invitations": "members:manage",
  "POST /v1/organizations/:id/invitations": "members:manage",
  "DELETE /v1/organizations/:id/invitations/:invitationId": "members:manage",
  "PATCH /v1/organizations/:id/members/:userId": "members:manage",
  "DELETE /v1/organizations/:id/members/:userId": "members:manage",
  "POST /v1/organizations/:id/leave": "organization:read",
  "POST /v1/invitations/accept": "invitations:accept",
};

/**
 * Routes about the caller's own account, not an organization's resources, and share links,
 * which are public: their token is the whole authorization.
 */
const accountRoutes = /^\/v1\/(auth\/|me$|me\/|shared\/)/;

/** Every handler the app serves under /v1, as "METHOD path" (middleware entries left out). */
function appRoutes(): string[] {
  const keys = createApp()
    .routes.filter(
      (route) => route.method !== "ALL" && route.path.startsWith("/v1/") && !accountRoutes.test(route.path),
    )
    .map((route) => `${route.method} ${route.path}`);
  return [...new Set(keys)].sort();
}

/** Leaving ends the membership the other requests run on, so it goes last. */
const lastOfAll = "POST /v1/organizations/:id/leave";

/** An organization of `owner`'s holding an upload (so deleting it answers 409, not 204) and `member` as `role`. */
async function organizationWith(owner: TestUser, member: TestUser, role: OrganizationRole) {
  const organization = await postJson<{ id: string }>("/v1/organizations", { name: "Matrix" }, 201, owner.accessToken);
  await insertCompletedUpload(owner.userId, undefined, organization.id);
  const invitation = await postJson<{ acceptUrl: string }>(
    `/v1/organizations/${organization.id}/invitations`,
    { email: member.email, role },
    201,
    owner.accessToken,
  );
  const token = decodeURIComponent(invitation.acceptUrl.split("/invitations/")[1]!);
  await postJson("/v1/invitations/accept", { token }, 200, member.accessToken);
  return organization.id;
}

async function call(key: string, member: TestUser, organizationId: string) {
  const [method, path] = key.split(" ") as [string, string];
  const url = path
    .replace("/organizations/:id", `/organizations/${organizationId}`)
    .replace(/:id|:userId|:shareId|:invitationId/g, () => crypto.randomUUID())
    .replace(":format", "json");
  const headers: Record<string, string> = {
    ...authHeaders(member.accessToken),
    "lh-organization": organizationId,
    "cf-connecting-ip": uniqueAddress(),
  };
  // The events socket takes its credential as a subprotocol, and only on an upgrade.
  if (path.endsWith("/events"))
    Object.assign(headers, { upgrade: "websocket", "sec-websocket-protocol": `bearer.${member.accessToken}` });
  const body = method === "GET" || method === "DELETE" ? undefined : "{}";
  const response = await SELF.fetch(`${apiBase}${url}`, { method, headers, body });
  const text = await response.text();
  return {
    status: response.status,
    problem: text.startsWith("{") ? (JSON.parse(text) as { code?: string; detail?: string }) : {},
  };
}

describe("roles", () => {
  it("name an action for every organization route the app serves", () => {
    expect(appRoutes()).toEqual(Object.keys(routeActions).sort());
  });

  it.each(organizationRoles)("a %s may do exactly what the policy allows, on every route", async (role) => {
    const [owner, member] = await Promise.all([registerUser(), registerUser()]);
    const organizationId = await organizationWith(owner, member, role);
    const keys = Object.keys(routeActions).sort((a, b) => Number(a === lastOfAll) - Number(b === lastOfAll));
    const wrong: string[] = [];
    for (const key of keys) {
      const action = routeActions[key]!;
      const { status, problem } = await call(key, member, organizationId);
      const allowed = can(role, action);
      if (status >= 500) wrong.push(`${key} → ${status}`);
      else if (allowed && status === 403) wrong.push(`${key} refused: ${problem.detail}`);
      else if (!allowed && (status !== 403 || problem.code !== "forbidden" || !problem.detail?.includes(action)))
        wrong.push(`${key} → ${status} ${problem.code}, expected 403 forbidden naming ${action}`);
    }
    expect(wrong).toEqual([]);
  });
});

describe("the policy", () => {
  it("lets a viewer read but not change jobs or upload, and an editor not manage keys, webhooks or members", () => {
    expect(["jobs:read", "organization:read"].every((a) => can("viewer", a as Action))).toBe(true);
    expect(["jobs:write", "uploads:write"].some((a) => can("viewer", a as Action))).toBe(false);
    expect(["jobs:write", "uploads:write"].every((a) => can("editor", a as Action))).toBe(true);
    const managing: Action[] = ["api_keys:manage", "webhooks:manage", "members:manage", "organization:delete"];
    expect(managing.some((a) => can("editor", a))).toBe(false);
    expect(managing.filter((a) => can("admin", a))).toEqual(["api_keys:manage", "webhooks:manage", "members:manage"]);
    expect(managing.every((a) => can("owner", a))).toBe(true);
  });
});

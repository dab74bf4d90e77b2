import { env, SELF } from "cloudflare:test";
import { Jwt } from "hono/utils/jwt";
import { beforeAll, describe, expect, it } from "vitest";
import {
  apiBase,
  authHeaders,
  postJson,
  registerUser,
  type TestUser,
  uniqueAddress,
} from "../../test/support/worker/accounts.ts";
import { insertCompletedUpload } from "../../test/support/worker/jobs.ts";
import { completedJobDeliveries, registerEndpoint } from "../../test/support/worker/webhooks.ts";
import { accessTokenClaims } from "../auth/access-token.ts";
import { openApiPath } from "../routes/docs/index.ts";

type OpenApiDocument = { paths: Record<string, Record<string, unknown>> };

/** The document's operations on one resource (a path with an `{id}`), as `{ method, path }`. */
/** Share links are public by design: their token is the whole credential (worker/routes/shares/shares.test.ts). */
const resourceOperationsOf = (document: OpenApiDocument) =>
  Object.entries(document.paths)
    .filter(([path]) => path.includes("{") && !path.startsWith("/v1/shared/"))
    .flatMap(([path, item]) => Object.keys(item).map((method) => ({ method: method.toUpperCase(), path })));

type Sent = { label: string; status: number; type: string | null; code: unknown };

/** Sends one request and reads what a client would branch on: status, media type, problem code. */
async function send(label: string, url: string, init: RequestInit): Promise<Sent> {
  const headers = new Headers(init.headers);
  headers.set("cf-connecting-ip", uniqueAddress());
  const response = await SELF.fetch(url, { ...init, headers });
  const type = response.headers.get("content-type");
  if (response.status < 400) {
    await response.body?.cancel();
    return { label, status: response.status, type, code: undefined };
  }
  const text = await response.text();
  const code = type?.startsWith("application/problem+json") ? (JSON.parse(text) as { code?: unknown }).code : undefined;
  return { label, status: response.status, type, code };
}

/** What is wrong with an answer to a hostile request: a 5xx, or an error that is not problem+json. */
function faultOf(sent: Sent): string | undefined {
  if (sent.status >= 500) return `${sent.label} → ${sent.status}`;
  if (sent.status >= 400 && !(sent.type?.startsWith("application/problem+json") && typeof sent.code === "string"))
    return `${sent.label} → ${sent.status} ${sent.type} without a problem code`;
  return undefined;
}

const hasBody = (method: string) => method !== "GET" && method !== "DELETE";

let document: OpenApiDocument;
beforeAll(async () => {
  document = (await (await SELF.fetch(`${apiBase}${openApiPath}`)).json()) as OpenApiDocument;
});

/** Creates a team organization as `user`; they are its owner. */
const createOrganization = (user: TestUser, name = "Team") =>
  postJson<{ id: string }>("/v1/organizations", { name }, 201, user.accessToken);

/**
 * How the stranger calls: from their personal organization, naming the owner's organization
 * they are not a member of, or from a team organization of their own.
 */
const strangerSides: [string, (stranger: TestUser, ownerOrganization: string) => Promise<Record<string, string>>][] = [
  ["another user", async () => ({})],
  [
    "a non-member naming the owner's organization",
    async (_, ownerOrganization) => ({ "lh-organization": ownerOrganization }),
  ],
  [
    "a member of another organization",
    async (stranger) => ({ "lh-organization": (await createOrganization(stranger, "Elsewhere")).id }),
  ],
];

describe("red team: access", () => {
  it.each(strangerSides)(
    "no operation on an upload, job, API key, webhook, delivery or organization reaches it: %s",
    async (_, sideOf) => {
      const owner = await registerUser();
      const stranger = await registerUser();
      const ownerTeam = await createOrganization(owner);
      const side = await sideOf(stranger, owner.userId);
      const endpoint = await registerEndpoint(owner.accessToken, "https://hooks.example.com/owner");
      const { jobId, deliveryIds } = await completedJobDeliveries(owner.userId);
      const apiKey = await postJson<{ id: string; key: string }>(
        "/v1/api-keys",
        { name: "owner's key", scopes: ["jobs:read"] },
        201,
        owner.accessToken,
      );
      const share = await postJson<{ id: string }>(
        `/v1/jobs/${jobId}/shares`,
        { expiresInHours: 24 },
        201,
        owner.accessToken,
      );
      const ownedIds: [RegExp, string][] = [
        [/^\/v1\/uploads\/\{id\}/, await insertCompletedUpload(owner.userId)],
        [/^\/v1\/jobs\/\{id\}/, jobId],
        [/^\/v1\/api-keys\/\{id\}/, apiKey.id],
        [/^\/v1\/webhooks\/deliveries\/\{id\}/, deliveryIds[0]!],
        [/^\/v1\/webhooks\/\{id\}/, endpoint.id],
        [/^\/v1\/organizations\/\{id\}/, ownerTeam.id],
      ];
      // A body each operation accepts, so that only ownership can refuse it.
      const validBodies: Record<string, unknown> = { "PATCH /v1/jobs/{id}": { name: "taken over" } };
      // Deleting what is not yours answers 204 and changes nothing (documented): the checks below see it kept.
      const refusals = (method: string) => (method === "DELETE" ? [204, 403, 404] : [401, 403, 404]);
      const resourceOperations = resourceOperationsOf(document);
      const answers: (Sent & { method: string })[] = [];
      for (const { method, path } of resourceOperations) {
        const id = ownedIds.find(([pattern]) => pattern.test(path))?.[1];
        expect(id, `an id of the owner's for ${path}`).toBeDefined();
        const body = hasBody(method) ? JSON.stringify(validBodies[`${method} ${path}`] ?? {}) : undefined;
        const url = `${apiBase}${path
          .replace("{id}", id!)
          .replace("{userId}", owner.userId)
          .replace("{shareId}", share.id)
          .replace("{format}", "json")}`;
        // The events socket takes its credential as a subprotocol, and only on an upgrade.
        const socket = { upgrade: "websocket", "sec-websocket-protocol": `bearer.${stranger.accessToken}` };
        const headers = { ...authHeaders(stranger.accessToken), ...side, ...(path.endsWith("/events") ? socket : {}) };
        answers.push({ method, ...(await send(`${method} ${path}`, url, { method, headers, body })) });
      }
      console.log(
        `red team: ${answers.length} cross-organization requests over ${resourceOperations.length} operations`,
      );
      expect(resourceOperations.length).toBeGreaterThanOrEqual(14);
      const reached = answers.filter((a) => !refusals(a.method).includes(a.status) || (a.status >= 400 && faultOf(a)));
      expect(reached.map((a) => `${a.label} → ${a.status}`)).toEqual([]);

      // And everything is still the owner's, as it was.
      const asOwner = (path: string) => SELF.fetch(`${apiBase}${path}`, { headers: authHeaders(owner.accessToken) });
      const job = (await (await asOwner(`/v1/jobs/${jobId}`)).json()) as { status: string; name: string };
      expect(job).toMatchObject({ status: "completed", name: "Test lecture" });
      expect((await asOwner(`/v1/uploads/${ownedIds[0]![1]}`)).status).toBe(200);
      const hooks = (await (await asOwner("/v1/webhooks")).json()) as { data: { id: string; secret?: string }[] };
      expect(hooks.data.map((h) => h.id)).toContain(endpoint.id);
      expect((await SELF.fetch(`${apiBase}/v1/jobs`, { headers: authHeaders(apiKey.key) })).status).toBe(200);
      const team = await asOwner(`/v1/organizations/${ownerTeam.id}/members`);
      expect(((await team.json()) as { members: { userId: string }[] }).members.map((m) => m.userId)).toEqual([
        owner.userId,
      ]);
    },
    300_000,
  );

  it("a tampered, forged, expired or misplaced token is a 401 problem", async () => {
    const user: TestUser = await registerUser();
    const other = await registerUser();
    const [header, payload, signature] = user.accessToken.split(".") as [string, string, string];
    const encode = (value: object) =>
      btoa(JSON.stringify(value)).replace(/=+$/, "").replace(/\+/g, "-").replace(/\//g, "_");
    const claims = JSON.parse(atob(payload.replace(/-/g, "+").replace(/_/g, "/"))) as Record<string, unknown>;
    const now = Math.floor(Date.now() / 1000);
    const sign = (overrides: Record<string, unknown>, secret = env.JWT_SECRET) =>
      Jwt.sign({ ...claims, ...overrides }, secret, accessTokenClaims.algorithm);
    const flipped = `${signature.slice(0, -2)}${signature.at(-2) === "A" ? "B" : "A"}${signature.at(-1)}`;
    const tokens: [string, string][] = [
      ["signature changed", `${header}.${payload}.${flipped}`],
      ["subject swapped, old signature", `${header}.${encode({ ...claims, sub: other.userId })}.${signature}`],
      ["alg none", `${encode({ alg: "none", typ: "JWT" })}.${payload}.`],
      ["no signature", `${header}.${payload}`],
      ["signed with another secret", await sign({}, "not-the-secret-0123456789abcdef")],
      ["expired", await sign({ iat: now - 7200, exp: now - 3600 })],
      ["wrong audience", await sign({ aud: "someone-else" })],
      ["wrong issuer", await sign({ iss: "https://evil.example" })],
      ["refresh token as access token", user.refreshToken],
      ["empty bearer", ""],
      ["oversized", "a".repeat(16_384)],
    ];
    const answers: Sent[] = [];
    for (const [label, token] of tokens) {
      answers.push(await send(label, `${apiBase}/v1/me`, { headers: { authorization: `Bearer ${token}` } }));
    }
    console.log(`red team: ${answers.length} tampered tokens`);
    expect(answers.filter((a) => a.status !== 401 || faultOf(a)).map((a) => `${a.label} → ${a.status}`)).toEqual([]);
  });
});

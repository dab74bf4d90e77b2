import { SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { apiBase, registerUser, uniqueAddress } from "../../test/support/worker/accounts.ts";

type Operation = {
  method: string;
  path: string;
  parameters?: { name: string; in: string }[];
  requestBody?: { content?: Record<string, { schema?: { properties?: Record<string, unknown>; $ref?: string } }> };
};
type Document = {
  paths: Record<string, Record<string, Omit<Operation, "method" | "path">>>;
  components?: { schemas?: Record<string, { properties?: Record<string, unknown> }> };
};

const hostileStrings = [
  "",
  "\u0000",
  "\ud800",
  "x".repeat(70_000),
  "../../etc/passwd",
  "' or 1=1 --",
  "%00",
  "🎓".repeat(50),
];
const wrongTypes: unknown[] = [null, 0, -1, 1e308, true, [], {}, [[[]]], "x".repeat(5_000)];

/** Percent-encodes a value; a lone surrogate has no UTF-8 form, so it goes as the raw bytes it would be. */
function encoded(value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    return "%ED%A0%80";
  }
}

function operationsOf(document: Document): Operation[] {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([method]) => ["get", "post", "put", "patch", "delete"].includes(method))
      .map(([method, operation]) => ({ ...operation, method: method.toUpperCase(), path })),
  );
}

function bodyFields(document: Document, operation: Operation): string[] {
  const schema = operation.requestBody?.content?.["application/json"]?.schema;
  const resolved = schema?.$ref ? document.components?.schemas?.[schema.$ref.split("/").at(-1)!] : schema;
  return Object.keys(resolved?.properties ?? {});
}

/** Each malformed request of one operation: bad path ids, bad query values, bad bodies. */
function malformedRequests(document: Document, operation: Operation): { url: string; body?: string }[] {
  const pathParams = (operation.parameters ?? []).filter((p) => p.in === "path").map((p) => p.name);
  const queryParams = (operation.parameters ?? []).filter((p) => p.in === "query").map((p) => p.name);
  const withIds = (value: string) =>
    pathParams.reduce((path, name) => path.replace(`{${name}}`, encoded(value)), operation.path);
  const validPath = withIds(crypto.randomUUID());
  const requests: { url: string; body?: string }[] = [];
  if (pathParams.length > 0) {
    for (const id of ["not-a-uuid", "\u0000", "x".repeat(3_000), "00000000-0000-0000-0000-00000000000g"])
      requests.push({ url: withIds(id) });
  }
  for (const name of queryParams)
    for (const value of [...hostileStrings.slice(0, 4), "-1", "1e999", "[]"])
      requests.push({ url: `${validPath}?${name}=${encoded(value)}` });
  if (operation.method !== "GET" && operation.method !== "DELETE") {
    const deeplyNested = `${"[".repeat(5_000)}${"]".repeat(5_000)}`;
    const prototypeKeys = '{"__proto__":{"admin":true},"constructor":{"prototype":{}}}';
    for (const raw of [
      "",
      "not json",
      "{",
      "[]",
      "null",
      "42",
      JSON.stringify({ a: "x".repeat(200_000) }),
      deeplyNested,
      prototypeKeys,
    ])
      requests.push({ url: validPath, body: raw });
    for (const field of bodyFields(document, operation))
      for (const value of [...hostileStrings, ...wrongTypes])
        requests.push({ url: validPath, body: JSON.stringify({ [field]: value }) });
  }
  return requests;
}

describe("red team: every operation of the OpenAPI document, fuzzed", () => {
  it("never answers 5xx, and every error is problem+json", { timeout: 600_000 }, async () => {
    const document = (await (await SELF.fetch(`${apiBase}/openapi.json`)).json()) as Document;
    const operations = operationsOf(document);
    const user = await registerUser();
    let sent = 0;
    const serverErrors: string[] = [];
    const notProblems: string[] = [];
    for (const operation of operations) {
      for (const request of malformedRequests(document, operation)) {
        const response = await SELF.fetch(`${apiBase}${request.url}`, {
          method: operation.method,
          headers: {
            authorization: `Bearer ${user.accessToken}`,
            "content-type": "application/json",
            "cf-connecting-ip": uniqueAddress(),
          },
          body: request.body,
        });
        sent++;
        const label = `${operation.method} ${request.url.slice(0, 120)} ${request.body?.slice(0, 60) ?? ""} → ${response.status}`;
        if (response.status >= 500) serverErrors.push(label);
        if (response.status >= 400 && response.headers.get("content-type") !== "application/problem+json")
          notProblems.push(label);
        await response.body?.cancel();
      }
    }
    console.log(
      JSON.stringify({
        fuzz: { operations: operations.length, requestsSent: sent, serverErrors: serverErrors.length },
      }),
    );
    expect(operations.length).toBeGreaterThan(20);
    expect(serverErrors).toEqual([]);
    expect(notProblems).toEqual([]);
  });
});

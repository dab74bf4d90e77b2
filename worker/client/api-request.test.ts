import { describe, expect, it } from "vitest";
import { type ApiConnection, apiRequest } from "./api-request.ts";

/** A connection whose fetch records the headers of each request and answers `{}`. */
function recording(organization?: string) {
  const sent: Headers[] = [];
  const connection: ApiConnection = {
    apiBase: "https://api.test",
    token: "t",
    organization,
    fetch: async (_, init) => {
      sent.push(new Headers(init?.headers));
      return Response.json({});
    },
  };
  return { connection, sent };
}

describe("apiRequest", () => {
  it("names the connection's organization in Lh-Organization, and none without one", async () => {
    const team = recording("6f1c2a9e-8d4b-4c1a-9e2f-0a1b2c3d4e5f");
    await apiRequest(team.connection, "GET", "/v1/jobs");
    expect(team.sent[0]!.get("lh-organization")).toBe("6f1c2a9e-8d4b-4c1a-9e2f-0a1b2c3d4e5f");
    const personal = recording();
    await apiRequest(personal.connection, "GET", "/v1/jobs");
    expect(personal.sent[0]!.has("lh-organization")).toBe(false);
  });
});

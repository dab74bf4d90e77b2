import { SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { apiBase, authHeaders, createApiKey, registerUser } from "../../../test/support/worker/accounts.ts";

const validate = (credential: string, body: unknown) =>
  SELF.fetch(`${apiBase}/v1/jobs/validate`, {
    method: "POST",
    headers: authHeaders(credential),
    body: JSON.stringify(body),
  });

type Problem = { code: string; errors?: { path: string; message: string }[] };

describe("POST /v1/jobs/validate", () => {
  it("accepts the options a job would start with, and names each field a job would refuse", async () => {
    const user = await registerUser();
    const accepted = await validate(user.accessToken, {
      options: { highlightCount: 5, clipMinSeconds: 20, clipMaxSeconds: 60, language: "en-US" },
      webhookUrl: "https://hooks.example.com/lh",
      metadata: { title: "Week 3" },
    });
    expect(accepted.status).toBe(204);

    const refused = await validate(user.accessToken, {
      options: { highlightCount: 50, language: "English" },
    });
    expect(refused.status).toBe(400);
    const problem = (await refused.json()) as Problem;
    expect(problem.code).toBe("validation_failed");
    expect(problem.errors?.map((error) => error.path).sort()).toEqual(["options.highlightCount", "options.language"]);

    const crossed = await validate(user.accessToken, { options: { clipMinSeconds: 90, clipMaxSeconds: 60 } });
    expect(((await crossed.json()) as Problem).errors?.map((error) => error.path)).toEqual(["options.clipMinSeconds"]);
  });

  it("refuses a webhook URL the job would refuse, and an unknown field", async () => {
    const user = await registerUser();
    const privateUrl = await validate(user.accessToken, { webhookUrl: "https://10.0.0.7/hooks" });
    expect(privateUrl.status).toBe(400);
    expect(((await privateUrl.json()) as Problem).errors?.[0]?.path).toBe("webhookUrl");

    const typo = await validate(user.accessToken, { options: { maxHighlights: 3 } });
    expect(typo.status).toBe(422);
    expect(((await typo.json()) as Problem).code).toBe("unknown_field");
  });

  it("needs a credential allowed to start jobs", async () => {
    const user = await registerUser();
    const { key: readOnly } = await createApiKey(user.accessToken, ["jobs:read"]);
    expect((await validate(readOnly, {})).status).toBe(403);
    expect((await SELF.fetch(`${apiBase}/v1/jobs/validate`, { method: "POST", body: "{}" })).status).toBe(401);
  });
});

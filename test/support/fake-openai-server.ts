import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";

/** One canned answer; `delayMs` makes a call slow enough to time out. */
export type FakeReply = { status?: number; body: unknown; headers?: Record<string, string>; delayMs?: number };

export type RecordedRequest = { method: string; path: string; body: string; json: unknown };

/** Answers per path ("/v1/audio/transcriptions"): a queue used in order, then `fallback`. */
export type FakeRoutes = Record<string, { queue?: FakeReply[]; fallback?: (request: RecordedRequest) => FakeReply }>;

export type FakeOpenAI = {
  baseUrl: string;
  requests: RecordedRequest[];
  /** The most requests that were being answered at the same moment. */
  maxInFlight: () => number;
  close: () => Promise<void>;
};

/**
 * An OpenAI-compatible HTTP server on 127.0.0.1 and a random port that answers from recorded
 * fixtures: the only stand-in the design allows, for paid remote AI APIs.
 *
 * @example
 * const fake = await startFakeOpenAI({ "/v1/chat/completions": { queue: [{ status: 429, body: {} }, { body: completion }] } });
 * const client = createOpenAIClient({ apiKey: "test", baseUrl: fake.baseUrl, timeoutMs: 2_000 });
 * await fake.close();
 */
export async function startFakeOpenAI(routes: FakeRoutes): Promise<FakeOpenAI> {
  const requests: RecordedRequest[] = [];
  const inFlight = { now: 0, max: 0 };
  const server = createServer(async (req, res) => {
    inFlight.max = Math.max(inFlight.max, ++inFlight.now);
    res.on("close", () => inFlight.now--);
    const recorded = await record(req);
    requests.push(recorded);
    const route = routes[recorded.path];
    const reply = route?.queue?.shift() ?? route?.fallback?.(recorded);
    if (!reply) {
      res.writeHead(404, { "content-type": "application/json" });
      res.end(JSON.stringify({ error: { message: `no fixture for ${recorded.path}` } }));
      return;
    }
    if (reply.delayMs) {
      // A reply that never comes must not outlive its connection and hold the test process open.
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, reply.delayMs);
        res.on("close", () => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    if (res.destroyed) return;
    res.writeHead(reply.status ?? 200, { "content-type": "application/json", ...reply.headers });
    res.end(JSON.stringify(reply.body));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    requests,
    maxInFlight: () => inFlight.max,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function record(req: IncomingMessage): Promise<RecordedRequest> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const bytes = Buffer.concat(chunks);
  // latin1 keeps a multipart upload's bytes one character each; JSON is UTF-8 ("–", "‹" intact).
  const body = bytes.toString("latin1");
  let json: unknown = null;
  if ((req.headers["content-type"] ?? "").includes("json")) json = JSON.parse(bytes.toString("utf8"));
  return { method: req.method ?? "GET", path: (req.url ?? "/").split("?")[0] ?? "/", body, json };
}

/** The value of a text field in a multipart/form-data body, as the transcription upload sends. */
export function multipartField(body: string, name: string): string | undefined {
  const match = new RegExp(`name="${name.replace(/[[\]]/g, "\\$&")}"\\r\\n\\r\\n([^\\r]*)`).exec(body);
  return match?.[1];
}

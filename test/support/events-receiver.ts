import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import {
  authenticateInternalCall,
  INTERNAL_SIGNATURE_HEADER,
  memoryNonceStore,
} from "../../agents/contracts/internal-auth.ts";
import { WorkerEvent } from "../../agents/contracts/media-protocol.ts";

/**
 * Stands in for the Worker's `/internal/jobs/:id/events`: a real HTTP server on 127.0.0.1 that
 * authenticates each report as the Worker does (signature, the path's job, a fresh nonce),
 * validates it against the contract and records it.
 * `failNext` makes the next n requests answer 500, to exercise retries.
 *
 * @example
 * const receiver = await startEventsReceiver(secret);
 * await receiver.waitFor((e) => e.type === "completed");
 */
export async function startEventsReceiver(secret: string) {
  const events: WorkerEvent[] = [];
  const rejected: string[] = [];
  let failNext = 0;
  const nonces = memoryNonceStore();
  let waiters: { test: (e: WorkerEvent) => boolean; resolve: (e: WorkerEvent) => void }[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", async () => {
      const body = Buffer.concat(chunks).toString();
      if (failNext > 0) {
        failNext--;
        res.writeHead(500).end();
        return;
      }
      const pathJobId = /^\/internal\/jobs\/([^/]+)\/events$/.exec(new URL(req.url ?? "", "http://x").pathname)?.[1];
      const check = await authenticateInternalCall(
        secret,
        { method: req.method ?? "", target: req.url ?? "", body },
        (req.headers[INTERNAL_SIGNATURE_HEADER] as string) ?? null,
        { nonces, pathJobId: pathJobId ?? "" },
      );
      const parsed = WorkerEvent.safeParse(check.ok ? JSON.parse(body) : null);
      if (!check.ok || !parsed.success) {
        rejected.push(check.ok ? "schema" : check.reason);
        res.writeHead(check.ok ? 400 : 401).end();
        return;
      }
      const duplicate = events.some(
        (e) => e.jobId === parsed.data.jobId && e.attempt === parsed.data.attempt && e.seq === parsed.data.seq,
      );
      if (!duplicate) events.push(parsed.data);
      const satisfied = waiters.filter((w) => w.test(parsed.data));
      waiters = waiters.filter((w) => !satisfied.includes(w));
      for (const waiter of satisfied) waiter.resolve(parsed.data);
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: (jobId: string) => `http://127.0.0.1:${port}/internal/jobs/${jobId}/events`,
    events,
    rejected,
    failNextRequests: (n: number) => {
      failNext = n;
    },
    waitFor: (test: (e: WorkerEvent) => boolean) =>
      new Promise<WorkerEvent>((resolve) => {
        const seen = events.find(test);
        if (seen) resolve(seen);
        else waiters.push({ test, resolve });
      }),
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

import { createServer } from "node:net";
import { StartupFailure } from "./startup-failure.ts";

/** A port a part of the stack will listen on, and the variable that moves it. */
export type PortClaim = { part: string; port: number; variable: string };

/**
 * Fails with a one-line `StartupFailure` naming the part, the port and the variable to change
 * when any of the ports is already taken on 127.0.0.1. Checked before anything starts, so a
 * taken port leaves nothing half-started behind.
 *
 * @example
 * await assertPortsFree([{ part: "postgres", port: 54329, variable: "LH_POSTGRES_PORT" }]);
 */
export async function assertPortsFree(claims: PortClaim[]): Promise<void> {
  for (const claim of claims) {
    const problem = await bindProblem(claim.port);
    if (!problem) continue;
    const reason =
      problem === "EADDRINUSE"
        ? `port 127.0.0.1:${claim.port} is already in use`
        : `port 127.0.0.1:${claim.port} cannot be used (${problem})`;
    throw new StartupFailure(
      claim.part,
      reason,
      `stop what listens there (ss -ltnp 'sport = :${claim.port}' shows it) or set ${claim.variable} to a free port`,
    );
  }
}

/** The error code of listening on the port, or null when it is free. */
function bindProblem(port: number): Promise<string | null> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once("error", (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
    server.listen({ port, host: "127.0.0.1", exclusive: true }, () => server.close(() => resolve(null)));
  });
}

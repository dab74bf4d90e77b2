import type { Session } from "../../agents/contracts/session.ts";
import { type ApiConnection, ApiError, apiRequest } from "../../worker/client/api-request.ts";
import { sessionConnection } from "../../worker/client/session-connection.ts";

/**
 * Signs in with email and password, registering the account first when asked to and it does
 * not exist yet (the local demo account). The connection renews its access token on its own, so
 * it outlasts an hour-long job.
 *
 * @example
 * const connection = await signIn("http://127.0.0.1:8787", { email, password });
 */
export async function signIn(
  apiBase: string,
  credentials: { email: string; password: string },
  options: { registerIfMissing?: boolean } = {},
): Promise<ApiConnection> {
  const anonymous = { apiBase, token: "" };
  const call = (path: string) => apiRequest<Session>(anonymous, "POST", path, { body: credentials });
  try {
    return sessionConnection(apiBase, await call("/v1/auth/login"));
  } catch (error) {
    if (!(options.registerIfMissing && error instanceof ApiError && error.code === "invalid_credentials")) throw error;
    return sessionConnection(apiBase, await call("/v1/auth/register"));
  }
}

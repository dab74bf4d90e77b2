import type { Session } from "../../agents/contracts/session.ts";
import { ApiError, apiRequest } from "../../worker/client/api-request.ts";

/**
 * Signs in with email and password, registering the account first when asked to and it does
 * not exist yet (the local demo account). Returns an access token.
 *
 * @example
 * const token = await signIn("http://127.0.0.1:8787", { email, password });
 */
export async function signIn(
  apiBase: string,
  credentials: { email: string; password: string },
  options: { registerIfMissing?: boolean } = {},
): Promise<string> {
  const anonymous = { apiBase, token: "" };
  const call = (path: string) => apiRequest<Session>(anonymous, "POST", path, { body: credentials });
  try {
    return (await call("/v1/auth/login")).accessToken;
  } catch (error) {
    if (!(options.registerIfMissing && error instanceof ApiError && error.code === "invalid_credentials")) throw error;
    return (await call("/v1/auth/register")).accessToken;
  }
}

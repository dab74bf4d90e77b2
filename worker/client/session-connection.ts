import type { Session } from "../../agents/contracts/session.ts";
import { type ApiConnection, apiRequest } from "./api-request.ts";

/**
 * A connection that signs its calls with a session's access token and renews it with the
 * session's refresh token when it expires. Refresh tokens are single use and reuse revokes the
 * whole session, so calls that find the token expired at the same moment share one renewal.
 *
 * @example
 * const connection = sessionConnection(apiBase, await apiRequest<Session>(anonymous, "POST", "/v1/auth/login", { body }));
 * await new JobsApi(connection).get(jobId); // still works an hour later
 */
export function sessionConnection(apiBase: string, session: Session, fetcher?: typeof fetch): ApiConnection {
  let refreshToken = session.refreshToken;
  let renewal: Promise<string> | null = null;
  const connection: ApiConnection = { apiBase, token: session.accessToken, fetch: fetcher };
  connection.renewToken = () => {
    renewal ??= apiRequest<Session>({ apiBase, token: "", fetch: fetcher }, "POST", "/v1/auth/refresh", {
      body: { refreshToken },
    })
      .then((next) => {
        refreshToken = next.refreshToken;
        return next.accessToken;
      })
      .finally(() => {
        renewal = null;
      });
    return renewal;
  };
  return connection;
}

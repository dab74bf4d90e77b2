import type { Session } from "../../agents/contracts/session.ts";
import type { ApiConnection } from "../client/api-request.ts";

const storageKey = "lh.session";

/** The API is served from the same origin as the app. */
export const apiBase = location.origin;

export function currentSession(): Session | null {
  const stored = sessionStorage.getItem(storageKey);
  return stored ? (JSON.parse(stored) as Session) : null;
}

export function saveSession(session: Session): void {
  sessionStorage.setItem(storageKey, JSON.stringify(session));
}

export async function signOut(): Promise<void> {
  const session = currentSession();
  sessionStorage.removeItem(storageKey);
  if (session) await postJson("/v1/auth/logout", { refreshToken: session.refreshToken }).catch(() => undefined);
}

/** Signs up or in; throws ApiError-like errors with the problem's detail. */
export async function authenticate(mode: "register" | "login", email: string, password: string): Promise<Session> {
  const session = (await postJson(`/v1/auth/${mode}`, { email, password })) as Session;
  saveSession(session);
  return session;
}

async function postJson(path: string, body: unknown): Promise<unknown> {
  const response = await fetch(`${apiBase}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  const parsed = text ? JSON.parse(text) : undefined;
  if (!response.ok) throw new Error(problemDetail(parsed) ?? `The server answered ${response.status}.`);
  return parsed;
}

/** problem+json `detail`, with the first field error when validation failed. */
export function problemDetail(problem: unknown): string | undefined {
  const p = problem as { detail?: string; errors?: { path?: string; message?: string }[] } | undefined;
  if (!p?.detail) return undefined;
  const first = p.errors?.[0];
  return first?.message ? `${p.detail} ${first.path ? `${first.path}: ` : ""}${first.message}` : p.detail;
}

// Several requests may see the expired token at once; they share one refresh, since a refresh
// token is single use and presenting it twice revokes the whole family.
let refreshing: Promise<boolean> | null = null;

function refreshSession(): Promise<boolean> {
  refreshing ??= (async () => {
    const session = currentSession();
    if (!session) return false;
    try {
      saveSession((await postJson("/v1/auth/refresh", { refreshToken: session.refreshToken })) as Session);
      return true;
    } catch {
      sessionStorage.removeItem(storageKey);
      return false;
    }
  })().finally(() => {
    refreshing = null;
  });
  return refreshing;
}

/**
 * fetch for the shared clients: API calls carry the current access token and are retried once
 * after a refresh when it has expired; other URLs (presigned storage PUTs) pass through untouched.
 */
const sessionFetch: typeof fetch = async (input, init) => {
  const url = String(input instanceof Request ? input.url : input);
  if (!url.startsWith(`${apiBase}/v1/`)) return fetch(input, init);
  const send = () => {
    const headers = new Headers(init?.headers);
    headers.set("authorization", `Bearer ${currentSession()?.accessToken ?? ""}`);
    return fetch(input, { ...init, headers });
  };
  const response = await send();
  if (response.status !== 401) return response;
  const problem = (await response
    .clone()
    .json()
    .catch(() => null)) as { code?: string } | null;
  if (problem?.code === "token_expired" && (await refreshSession())) return send();
  // The session cannot go on (revoked, or the refresh token expired): sign in again.
  sessionStorage.removeItem(storageKey);
  location.hash = "#/sign-in";
  return response;
};

/** The connection every shared client gets; the token in it is replaced per request. */
export function connection(): ApiConnection {
  return { apiBase, token: currentSession()?.accessToken ?? "", fetch: sessionFetch };
}

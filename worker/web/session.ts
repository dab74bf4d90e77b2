import type { BrowserSession } from "../../agents/contracts/session.ts";
import type { ApiConnection } from "../client/api-request.ts";
import { problemDetail } from "./errors.ts";
import { withOrganization } from "./organization.ts";

/**
 * The signed-in state of this tab. The access token lives only in this module's memory; the
 * refresh token lives in an HttpOnly cookie on `/v1/auth`, which no script can read. A new tab or
 * a reload starts signed out in memory and refreshes from the cookie. Refresh tokens are single
 * use (a reused one revokes the whole session), so every tab of the browser refreshes under one
 * Web Lock: the next holder sends the cookie the previous refresh already replaced.
 */
let current: BrowserSession | null = null;

/** The API is served from the same origin as the app. */
export const apiBase = location.origin;

const refreshLock = "lh.session.refresh";
/** Tells the other tabs that this one signed out (they drop their access token) or in. */
const tabs = new BroadcastChannel("lh.session");

export type SessionChange = "signed-in" | "signed-out";
const listeners = new Set<(change: SessionChange) => void>();

/** Calls `listener` when another tab signs in or out, or when this tab's session ends on its own. */
export function onSessionChange(listener: (change: SessionChange) => void): void {
  listeners.add(listener);
}

function notify(change: SessionChange): void {
  for (const listener of listeners) listener(change);
}

tabs.addEventListener("message", (event: MessageEvent<SessionChange>) => {
  if (event.data === "signed-out") current = null;
  notify(event.data);
});

/** The signed-in account, or null. */
export function currentUser(): BrowserSession["user"] | null {
  return current?.user ?? null;
}

async function postAuth(path: string, body: unknown): Promise<unknown> {
  const response = await fetch(`${apiBase}/v1/auth/${path}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  const parsed = text ? JSON.parse(text) : undefined;
  if (!response.ok) throw new Error(problemDetail(parsed) ?? `The server answered ${response.status}.`);
  return parsed;
}

/** Signs up or in; the refresh token goes into the cookie. Throws with the problem's detail. */
export async function authenticate(mode: "register" | "login", email: string, password: string): Promise<void> {
  current = (await postAuth(mode, { email, password, tokenDelivery: "cookie" })) as BrowserSession;
  tabs.postMessage("signed-in");
}

/** Ends the session for every tab: the server revokes it and clears the cookie. */
export async function signOut(): Promise<void> {
  current = null;
  await postAuth("logout", {}).catch(() => undefined);
  tabs.postMessage("signed-out");
}

function underRefreshLock<T>(work: () => Promise<T>): Promise<T> {
  // Web Locks need a secure context (https, or the local stack on 127.0.0.1); without them this tab alone is in step.
  return navigator.locks ? navigator.locks.request(refreshLock, work) : work();
}

// Requests of this tab that see the token expire at once share one refresh.
let refreshing: Promise<boolean> | null = null;

/**
 * A new access token from the refresh cookie; false when there is no session to continue (never
 * signed in, signed out, or revoked).
 *
 * @example
 * if (!(await refreshSession())) location.hash = "#/sign-in";
 */
export function refreshSession(): Promise<boolean> {
  refreshing ??= underRefreshLock(async () => {
    try {
      current = (await postAuth("refresh", {})) as BrowserSession;
      return true;
    } catch {
      current = null;
      return false;
    }
  }).finally(() => {
    refreshing = null;
  });
  return refreshing;
}

/**
 * fetch for the shared clients: API calls carry the current access token (and the organization
 * chosen in the switcher) and are retried once
 * after a refresh when it has expired; other URLs (presigned storage PUTs) pass through untouched.
 */
const sessionFetch: typeof fetch = async (input, init) => {
  const url = String(input instanceof Request ? input.url : input);
  if (!url.startsWith(`${apiBase}/v1/`)) return fetch(input, init);
  const send = () => {
    const headers = withOrganization(new Headers(init?.headers), current?.user.id);
    headers.set("authorization", `Bearer ${current?.accessToken ?? ""}`);
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
  current = null;
  notify("signed-out");
  return response;
};

/** The connection every shared client gets; the token in it is replaced per request. */
export function connection(): ApiConnection {
  return { apiBase, token: current?.accessToken ?? "", fetch: sessionFetch };
}

import type { Scope } from "./scopes.ts";

/** Who is calling: a user with their own access token (every scope), or one of their API keys. */
export type Auth = { userId: string; kind: "user" | "api_key"; scopes: ReadonlySet<Scope> };

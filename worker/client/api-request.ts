/** Where and as whom a client talks to the API. */
export type ApiConnection = {
  /** Where the API is, e.g. `https://highlights.example.com`. */
  apiBase: string;
  /** An access token or an API key with the scopes the calls need. */
  token: string;
  /**
   * A fresh access token when the API says `token` expired (signed-in sessions; an API key never
   * expires). A job outlasts a 15-minute access token, so long-running clients pass this.
   */
  renewToken?: () => Promise<string>;
  /** Defaults to the global fetch; tests pass one that reaches the Worker in-process. */
  fetch?: typeof fetch;
  /**
   * The organization a session acts in, sent as `Lh-Organization`; unset, the user's personal
   * one. An API key always acts in its own organization.
   */
  organization?: string;
};

/** The API refused a request; `code` is the problem's stable code (`upload_parts_missing`, …). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    detail: string,
    readonly problem: unknown,
  ) {
    super(detail);
    this.name = "ApiError";
  }
}

type RequestOptions = { body?: unknown; headers?: Record<string, string>; signal?: AbortSignal };

function send(connection: ApiConnection, method: string, path: string, options: RequestOptions): Promise<Response> {
  const fetcher = connection.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const headers: Record<string, string> = { authorization: `Bearer ${connection.token}`, ...options.headers };
  if (connection.organization) headers["lh-organization"] = connection.organization;
  if (options.body !== undefined) headers["content-type"] = "application/json";
  return fetcher(`${connection.apiBase.replace(/\/+$/, "")}${path}`, {
    method,
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
    signal: options.signal,
  });
}

/**
 * One authenticated JSON call to the API; every non-2xx answer throws ApiError carrying the
 * problem+json body. An expired access token is renewed once through `renewToken` (stored on the
 * connection, so every client sharing it uses the new one) and the call is sent again.
 *
 * @example
 * const job = await apiRequest<Job>(connection, "GET", `/v1/jobs/${id}`);
 */
export async function apiRequest<T>(
  connection: ApiConnection,
  method: string,
  path: string,
  options: RequestOptions = {},
): Promise<T> {
  let response = await send(connection, method, path, options);
  if (response.status === 401 && connection.renewToken && (await problemCode(response.clone())) === "token_expired") {
    connection.token = await connection.renewToken();
    response = await send(connection, method, path, options);
  }
  const text = await response.text();
  const parsed = text ? JSON.parse(text) : undefined;
  if (!response.ok) {
    const problem = parsed as { code?: string; detail?: string } | undefined;
    throw new ApiError(
      response.status,
      problem?.code ?? "http_error",
      problem?.detail ?? `${method} ${path} answered ${response.status}`,
      parsed,
    );
  }
  return parsed as T;
}

async function problemCode(response: Response): Promise<string | undefined> {
  try {
    return ((await response.json()) as { code?: string }).code;
  } catch {
    return undefined;
  }
}

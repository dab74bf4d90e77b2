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
 * One authenticated call whose answer is not JSON (a download): the raw response of a 2xx, an
 * ApiError for anything else, the token renewed as `apiRequest` does.
 *
 * @example
 * const csv = await (await apiDownload(connection, `/v1/jobs/${id}/exports/highlights.csv`)).blob();
 */
export async function apiDownload(connection: ApiConnection, path: string, options: RequestOptions = {}) {
  const response = await renewedSend(connection, "GET", path, options);
  if (!response.ok) throw await apiError(response, "GET", path);
  return response;
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
  const response = await renewedSend(connection, method, path, options);
  if (!response.ok) throw await apiError(response, method, path);
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

async function renewedSend(connection: ApiConnection, method: string, path: string, options: RequestOptions) {
  const response = await send(connection, method, path, options);
  if (response.status === 401 && connection.renewToken && (await problemCode(response.clone())) === "token_expired") {
    connection.token = await connection.renewToken();
    return send(connection, method, path, options);
  }
  return response;
}

/** The ApiError of a non-2xx answer, from its problem+json body when it has one. */
export async function apiError(response: Response, method: string, path: string): Promise<ApiError> {
  const text = await response.text();
  let problem: { code?: string; detail?: string } | undefined;
  try {
    problem = text ? JSON.parse(text) : undefined;
  } catch {
    problem = undefined;
  }
  return new ApiError(
    response.status,
    problem?.code ?? "http_error",
    problem?.detail ?? `${method} ${path} answered ${response.status}`,
    problem,
  );
}

async function problemCode(response: Response): Promise<string | undefined> {
  try {
    return ((await response.json()) as { code?: string }).code;
  } catch {
    return undefined;
  }
}

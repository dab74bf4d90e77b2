/** Where and as whom a client talks to the API. */
export type ApiConnection = {
  /** Where the API is, e.g. `https://highlights.example.com`. */
  apiBase: string;
  /** An access token or an API key with the scopes the calls need. */
  token: string;
  /** Defaults to the global fetch; tests pass one that reaches the Worker in-process. */
  fetch?: typeof fetch;
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

/**
 * One authenticated JSON call to the API; every non-2xx answer throws ApiError carrying the
 * problem+json body.
 *
 * @example
 * const job = await apiRequest<Job>(connection, "GET", `/v1/jobs/${id}`);
 */
export async function apiRequest<T>(
  connection: ApiConnection,
  method: string,
  path: string,
  options: { body?: unknown; headers?: Record<string, string>; signal?: AbortSignal } = {},
): Promise<T> {
  const send = connection.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const headers: Record<string, string> = { authorization: `Bearer ${connection.token}`, ...options.headers };
  if (options.body !== undefined) headers["content-type"] = "application/json";
  const response = await send(`${connection.apiBase.replace(/\/+$/, "")}${path}`, {
    method,
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
    signal: options.signal,
  });
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

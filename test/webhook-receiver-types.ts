/** One request the test webhook receiver recorded; shared by the receiver and the Worker tests. */
export type ReceivedWebhook = {
  /** The request's path, e.g. `/hooks/<name>/jobs/<id>/cancel`. */
  path: string;
  id: string | null;
  timestamp: string | null;
  signature: string | null;
  body: string;
  /** Per configured secret, in order: whether standardwebhooks verified the request with it. */
  verifiedBy: boolean[];
  status: number;
  at: string;
};

/**
 * How the receiver answers on one path. `headers` go on every answer (a `Retry-After` with a
 * 503, when the path stands in for a busy media worker).
 */
export type ReceiverBehaviour = {
  secrets: string[];
  statuses: number[];
  redirectTo?: string;
  delayMs: number;
  headers?: Record<string, string>;
};

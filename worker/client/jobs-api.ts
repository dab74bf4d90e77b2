import type { JobOptionChoices } from "../../agents/contracts/job.ts";
import type {
  CreatedJobShare,
  JobResults as JobResultsView,
  JobShare,
  JobView,
} from "../../agents/contracts/job-api.ts";
import { type ApiConnection, apiDownload, apiRequest } from "./api-request.ts";

export type Job = JobView;
export type JobResults = JobResultsView;
export type { JobShare, ResultsContent, SharedJob } from "../../agents/contracts/job-api.ts";
export type NewJob = {
  uploadId: string;
  options?: JobOptionChoices;
  webhookUrl?: string;
  metadata?: Record<string, unknown>;
};

/**
 * The `/v1/jobs` routes as typed calls; every non-2xx answer throws ApiError.
 *
 * @example
 * const jobs = new JobsApi({ apiBase, token });
 * const job = await jobs.create({ uploadId }, { idempotencyKey: crypto.randomUUID() });
 */
export class JobsApi {
  constructor(readonly connection: ApiConnection) {}

  create(job: NewJob, options: { idempotencyKey?: string } = {}): Promise<Job> {
    const headers: Record<string, string> = options.idempotencyKey ? { "idempotency-key": options.idempotencyKey } : {};
    return apiRequest(this.connection, "POST", "/v1/jobs", { body: job, headers });
  }

  /** Throws the ApiError `create` would for these settings, without needing an upload yet. */
  async validate(settings: Omit<NewJob, "uploadId">): Promise<void> {
    await apiRequest(this.connection, "POST", "/v1/jobs/validate", { body: settings });
  }

  get(id: string): Promise<Job> {
    return apiRequest(this.connection, "GET", `/v1/jobs/${id}`);
  }

  rename(id: string, name: string): Promise<Job> {
    return apiRequest(this.connection, "PATCH", `/v1/jobs/${id}`, { body: { name } });
  }

  results(id: string): Promise<JobResults> {
    return apiRequest(this.connection, "GET", `/v1/jobs/${id}/results`);
  }

  /** One export of a completed job's results, with the filename the API gave it. */
  async exportFile(id: string, format: string): Promise<{ blob: Blob; filename: string }> {
    const response = await apiDownload(this.connection, `/v1/jobs/${id}/exports/${format}`);
    return { blob: await response.blob(), filename: dispositionFilename(response.headers) ?? `export-${format}` };
  }

  createShare(id: string, expiresInHours: number): Promise<CreatedJobShare> {
    return apiRequest(this.connection, "POST", `/v1/jobs/${id}/shares`, { body: { expiresInHours } });
  }

  async shares(id: string): Promise<JobShare[]> {
    return (await apiRequest<{ data: JobShare[] }>(this.connection, "GET", `/v1/jobs/${id}/shares`)).data;
  }

  async revokeShare(id: string, shareId: string): Promise<void> {
    await apiRequest(this.connection, "DELETE", `/v1/jobs/${id}/shares/${shareId}`);
  }

  cancel(id: string): Promise<Job> {
    return apiRequest(this.connection, "POST", `/v1/jobs/${id}/cancel`);
  }

  async eventsTicket(id: string): Promise<string> {
    return (await apiRequest<{ ticket: string }>(this.connection, "POST", `/v1/jobs/${id}/events/ticket`)).ticket;
  }
}

/**
 * The filename a Content-Disposition names: the exact one of `filename*`, else `filename`.
 *
 * @example
 * dispositionFilename(new Headers({ "content-disposition": "attachment; filename*=UTF-8''a%20b.csv" })); // "a b.csv"
 */
export function dispositionFilename(headers: Headers): string | null {
  const disposition = headers.get("content-disposition") ?? "";
  const exact = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  if (exact) return decodeURIComponent(exact[1]!);
  return /filename="([^"]*)"/i.exec(disposition)?.[1] ?? null;
}

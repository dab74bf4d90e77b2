import type { JobOptionChoices } from "../../agents/contracts/job.ts";
import type { JobResults as JobResultsView, JobView } from "../../agents/contracts/job-api.ts";
import { type ApiConnection, apiRequest } from "./api-request.ts";

export type Job = JobView;
export type JobResults = JobResultsView;
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

  cancel(id: string): Promise<Job> {
    return apiRequest(this.connection, "POST", `/v1/jobs/${id}/cancel`);
  }

  async eventsTicket(id: string): Promise<string> {
    return (await apiRequest<{ ticket: string }>(this.connection, "POST", `/v1/jobs/${id}/events/ticket`)).ticket;
  }
}

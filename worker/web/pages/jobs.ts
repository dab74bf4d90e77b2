import { apiRequest } from "../../client/api-request.ts";
import type { Job } from "../../client/jobs-api.ts";
import { errorBox, h, showPage } from "../dom.ts";
import { errorMessage } from "../errors.ts";
import { connection } from "../session.ts";

/** The signed-in user's jobs, newest first. */
export async function jobsPage(): Promise<void> {
  const error = errorBox();
  const list = h("ul", { class: "job-list" });
  showPage(
    h("h1", {}, "Your jobs"),
    h("p", {}, h("a", { href: "#/new", class: "button" }, "New highlights")),
    error,
    list,
  );
  try {
    const { jobs } = await apiRequest<{ jobs: Job[] }>(connection(), "GET", "/v1/jobs?limit=50");
    if (jobs.length === 0) list.replaceWith(h("p", {}, "No jobs yet."));
    for (const job of jobs) {
      const name = String(job.metadata.title ?? `Job ${job.id.slice(0, 8)}`);
      list.append(
        h(
          "li",
          {},
          h("a", { href: `#/jobs/${job.id}` }, name),
          h("span", { class: `status status-${job.status}` }, `${job.status} · ${Math.round(job.progress * 100)}%`),
          h("time", { datetime: job.createdAt }, new Date(job.createdAt).toLocaleString()),
        ),
      );
    }
  } catch (failure) {
    error.textContent = errorMessage(failure);
  }
}

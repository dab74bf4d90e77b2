import { apiRequest } from "../../client/api-request.ts";
import type { Job } from "../../client/jobs-api.ts";
import { errorBox, h, showPage } from "../dom.ts";
import { errorMessage } from "../errors.ts";
import { connection } from "../session.ts";

type JobPage = { jobs: Job[]; nextCursor: string | null };

/** The signed-in user's jobs, newest first, a page at a time. */
export async function jobsPage(): Promise<void> {
  const error = errorBox();
  const list = h("ul", { class: "job-list" });
  const more = h("button", { type: "button", class: "secondary", hidden: true }, "Show older jobs");
  let cursor: string | null = null;
  const loadPage = async () => {
    error.textContent = "";
    try {
      const query: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : "";
      const page = await apiRequest<JobPage>(connection(), "GET", `/v1/jobs?limit=20${query}`);
      list.append(...page.jobs.map(jobRow));
      if (list.childElementCount === 0) list.append(h("li", {}, "No jobs yet."));
      cursor = page.nextCursor;
      more.hidden = cursor === null;
    } catch (failure) {
      error.textContent = errorMessage(failure);
    }
  };
  more.addEventListener("click", () => void loadPage());
  showPage(
    h("h1", {}, "Your jobs"),
    h("p", {}, h("a", { href: "#/new", class: "button" }, "New highlights")),
    error,
    list,
    more,
  );
  await loadPage();
}

function jobRow(job: Job): HTMLLIElement {
  const name = typeof job.metadata.title === "string" ? job.metadata.title : `Job ${job.id.slice(0, 8)}`;
  return h(
    "li",
    {},
    h("a", { href: `#/jobs/${job.id}` }, name),
    h("span", { class: `status status-${job.status}` }, `${job.status} · ${Math.round(job.progress * 100)}%`),
    h("time", { datetime: job.createdAt }, new Date(job.createdAt).toLocaleString()),
  );
}

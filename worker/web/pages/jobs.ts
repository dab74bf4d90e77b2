import { apiRequest } from "../../client/api-request.ts";
import type { Job } from "../../client/jobs-api.ts";
import { confirmAction } from "../components/confirm-dialog.ts";
import { errorBox, formatTime, h, showPage } from "../dom.ts";
import { errorMessage } from "../errors.ts";
import { connection } from "../session.ts";

type JobPage = { jobs: Job[]; nextCursor: string | null };

/** The signed-in user's lectures, newest first, a page at a time, searchable by name. */
export async function jobsPage(): Promise<void> {
  const error = errorBox();
  const list = h("ul", { class: "job-list" });
  const more = h("button", { type: "button", class: "secondary", hidden: true }, "Show older jobs");
  const search = h("input", { type: "search", id: "job-search", name: "q", autocomplete: "off" });
  let cursor: string | null = null;
  const loadPage = async (fresh: boolean) => {
    error.textContent = "";
    if (fresh) cursor = null;
    try {
      const query = new URLSearchParams({ limit: "20" });
      if (cursor) query.set("cursor", cursor);
      if (search.value.trim()) query.set("q", search.value.trim());
      const page = await apiRequest<JobPage>(connection(), "GET", `/v1/jobs?${query}`);
      const rows = page.jobs.map((job) => jobRow(job, () => void remove(job)));
      if (fresh) list.replaceChildren(...rows);
      else list.append(...rows);
      if (list.childElementCount === 0)
        list.append(h("li", {}, search.value.trim() ? "No lecture has this in its name." : "No jobs yet."));
      cursor = page.nextCursor;
      more.hidden = cursor === null;
    } catch (failure) {
      error.textContent = errorMessage(failure);
    }
  };
  const remove = async (job: Job) => {
    const question = `Delete “${job.name}” with its clips, reel and captions? This cannot be undone.`;
    if (!(await confirmAction(question, "Delete"))) return;
    try {
      await apiRequest(connection(), "DELETE", `/v1/jobs/${job.id}`);
      await loadPage(true);
    } catch (failure) {
      error.textContent = errorMessage(failure);
    }
  };
  more.addEventListener("click", () => void loadPage(false));
  const form = h(
    "form",
    {
      class: "job-search",
      role: "search",
      onsubmit: (event: Event) => {
        event.preventDefault();
        void loadPage(true);
      },
    },
    h("label", { for: "job-search" }, "Search your lectures by name"),
    h("div", { class: "inline" }, search, h("button", { type: "submit" }, "Search")),
  );
  showPage(
    h("h1", {}, "Your jobs"),
    h("p", {}, h("a", { href: "#/new", class: "button" }, "New highlights")),
    form,
    error,
    list,
    more,
  );
  await loadPage(true);
}

const statusLabels: Record<Job["status"], string> = {
  queued: "Queued",
  processing: "Processing",
  completed: "Ready",
  failed: "Failed",
  cancelled: "Cancelled",
};

const emptyPoster = () => h("span", { class: "poster poster-empty", "aria-hidden": "true" });

function jobRow(job: Job, onDelete: () => void): HTMLLIElement {
  const progress = job.status === "processing" ? ` · ${Math.round(job.progress * 100)}%` : "";
  return h(
    "li",
    { class: "job-row" },
    job.poster
      ? h("img", {
          class: "poster",
          src: job.poster,
          alt: "",
          loading: "lazy",
          // A poster the retention deleted (outputs expire, the job row stays) gives way to the empty one.
          onerror: (event: Event) => (event.currentTarget as HTMLElement).replaceWith(emptyPoster()),
        })
      : emptyPoster(),
    h(
      "span",
      { class: "job-text" },
      h("a", { href: `#/jobs/${job.id}`, class: "job-name" }, job.name),
      h(
        "span",
        { class: "job-meta" },
        h("span", { class: `status status-${job.status}` }, `${statusLabels[job.status]}${progress}`),
        job.durationSeconds !== null && h("span", {}, formatTime(job.durationSeconds)),
        h("time", { datetime: job.createdAt }, new Date(job.createdAt).toLocaleString()),
      ),
    ),
    h(
      "button",
      { type: "button", class: "secondary", "aria-label": `Delete ${job.name}`, onclick: onDelete },
      "Delete",
    ),
  );
}

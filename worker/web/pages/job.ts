import type { StageStates } from "../../../agents/contracts/job.ts";
import { ApiError } from "../../client/api-request.ts";
import { type Job, JobsApi } from "../../client/jobs-api.ts";
import { watchJob } from "../../client/watch-job.ts";
import { confirmAction } from "../components/confirm-dialog.ts";
import { exportMenu } from "../components/export-menu.ts";
import { failureNotice } from "../components/failure-notice.ts";
import { progressBar } from "../components/progress-bar.ts";
import { resultsView } from "../components/results-view.ts";
import { shareButton } from "../components/share-dialog.ts";
import { stageList } from "../components/stage-list.ts";
import { errorBox, h, showPage } from "../dom.ts";
import { errorMessage } from "../errors.ts";
import { connection } from "../session.ts";

/** One job: live stage-by-stage progress while it runs, then its results. */
export async function jobPage(jobId: string, signal: AbortSignal): Promise<void> {
  const jobs = new JobsApi(connection());
  let job: Job;
  try {
    job = await jobs.get(jobId);
  } catch (failure) {
    const notFound = failure instanceof ApiError && (failure.status === 404 || failure.status === 400);
    showPage(
      h("h1", {}, notFound ? "Job not found" : "Could not load the job"),
      h(
        "p",
        { role: "alert" },
        notFound ? "There is no job with this address in your account." : errorMessage(failure),
      ),
      h("p", {}, h("a", { href: "#/jobs" }, "Back to your jobs")),
    );
    return;
  }

  const status = h("p", { class: "job-status", "aria-live": "polite" });
  const overall = progressBar("Overall progress");
  const stages = stageList();
  const error = errorBox();
  const cancel = h("button", { type: "button", class: "secondary" }, "Cancel job");
  const results = h("div");
  // Always in the page, so the change of its words is read out; empty (and not shown) while connected.
  const connectionNotice = h("p", { class: "notice connection-notice", role: "status" });
  const showStatus = (value: string) => {
    status.textContent = `Status: ${value}`;
    status.dataset.status = value;
    cancel.hidden = value !== "queued" && value !== "processing";
  };
  cancel.addEventListener("click", async () => {
    if (!(await confirmAction(`Cancel processing ${job.name}?`, "Cancel job", "Keep processing"))) return;
    try {
      showStatus((await jobs.cancel(jobId)).status);
    } catch (failure) {
      error.textContent = errorMessage(failure);
    }
  });
  const heading = h("h1", {}, job.name);
  showPage(
    heading,
    renameForm(jobs, job, heading, error),
    status,
    connectionNotice,
    overall.element,
    stages.element,
    error,
    cancel,
    results,
  );
  const stageStates: StageStates = { ...(job.stages as StageStates) };
  stages.update(stageStates);
  overall.set(job.progress);
  showStatus(job.status);

  const showResults = async () => {
    overall.set(1);
    try {
      // A job that just completed live has no expiry yet in the copy this page loaded.
      const { outputsExpireAt } = job.outputsExpireAt ? job : await jobs.get(jobId);
      results.replaceChildren(
        h("div", { class: "inline publish-actions" }, exportMenu(jobs, jobId, error), shareButton(jobs, jobId)),
        resultsView(await jobs.results(jobId)),
      );
      if (outputsExpireAt) {
        const until = new Date(outputsExpireAt).toLocaleDateString();
        results.append(
          h("p", { class: "retention-note" }, `Clips, reel, captions and thumbnails are kept until ${until}.`),
        );
      }
    } catch (failure) {
      error.textContent = errorMessage(failure);
    }
  };
  // A failed job's stages stop where it failed: the one running then failed with it.
  const showFailure = (code: string) => {
    for (const state of Object.values(stageStates)) if (state.status === "running") state.status = "failed";
    stages.update(stageStates);
    overall.element.hidden = true; // a percentage of a job that will not go on says nothing
    results.replaceChildren(failureNotice(code));
  };
  if (job.status === "completed") return showResults();
  if (job.status === "failed") return showFailure(job.error?.code ?? "internal");
  if (job.status === "cancelled") return;

  try {
    const outcome = await watchJob(
      jobs,
      jobId,
      (message) => {
        if (message.type === "snapshot") {
          Object.assign(stageStates, message.snapshot.stages);
          overall.set(message.snapshot.progress);
          showStatus(message.snapshot.status);
        } else if (message.type === "progress") {
          stageStates[message.stage] = { status: "running", progress: message.stageProgress };
          overall.set(message.progress);
          showStatus("processing");
        } else if (message.type === "stage") {
          const previous = stageStates[message.stage]?.progress ?? 0;
          stageStates[message.stage] = {
            status: message.status,
            progress: message.status === "running" ? previous : 1,
          };
        }
        stages.update(stageStates);
      },
      {
        signal,
        networkEvents: window,
        onConnection: (state) => {
          connectionNotice.dataset.connection = state;
          connectionNotice.textContent =
            state === "reconnecting"
              ? "Reconnecting… The live connection was lost; progress shows again once it is back."
              : "";
        },
      },
    );
    connectionNotice.textContent = "";
    if (outcome.type === "completed") {
      for (const state of Object.values(stageStates)) if (state.status === "running") state.status = "completed";
      stages.update(stageStates);
      showStatus("completed");
      await showResults();
    } else if (outcome.type === "failed") {
      showStatus("failed");
      showFailure(outcome.code);
    } else showStatus("cancelled");
  } catch (failure) {
    if (!signal.aborted) error.textContent = errorMessage(failure);
  }
}

/** The lecture's name, editable: it starts as the uploaded file's name. */
function renameForm(jobs: JobsApi, job: Job, heading: HTMLElement, error: HTMLElement): HTMLElement {
  const input = h("input", { id: "job-name", name: "name", value: job.name, maxlength: 200, required: true });
  return h(
    "details",
    { class: "rename" },
    h("summary", {}, "Rename"),
    h(
      "form",
      {
        onsubmit: async (event: Event) => {
          event.preventDefault();
          try {
            heading.textContent = (await jobs.rename(job.id, input.value)).name;
          } catch (failure) {
            error.textContent = errorMessage(failure);
          }
        },
      },
      h("label", { for: "job-name" }, "Lecture name"),
      h("div", { class: "inline" }, input, h("button", { type: "submit" }, "Save")),
    ),
  );
}

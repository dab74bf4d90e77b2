import type { JobOptions } from "../../../agents/contracts/job.ts";
import { contentTypeFor } from "../../../agents/contracts/upload-formats.ts";
import { JobsApi } from "../../client/jobs-api.ts";
import { UploadClient } from "../../client/upload-client.ts";
import { progressBar } from "../components/progress-bar.ts";
import { errorBox, formatBytes, h, showPage } from "../dom.ts";
import { errorMessage } from "../errors.ts";
import { forgetUpload, pendingUploadFor, rememberUpload } from "../resumable-uploads.ts";
import { connection } from "../session.ts";

const accepted = "video/*,audio/*,.mp4,.mov,.mkv,.webm,.mp3,.m4a,.wav,.ogg,.opus,.flac";

/** Upload a lecture (drag and drop or picker, resumable) and start a job with its options. */
export function newJobPage(): void {
  let file: File | null = null;
  const error = errorBox();
  const picker = h("input", { id: "lecture-file", type: "file", accept: accepted, class: "visually-hidden" });
  const chosen = h("p", { class: "chosen-file", "aria-live": "polite" }, "No file chosen yet.");
  const dropZone = h(
    "div",
    { class: "drop-zone" },
    h("p", {}, "Drag a lecture video or audio file here, or"),
    h("label", { for: "lecture-file", class: "button" }, "Choose a file"),
    picker,
    chosen,
  );
  const progress = progressBar("Upload progress");
  progress.element.hidden = true;

  const choose = (picked: File | undefined) => {
    if (!picked) return;
    file = picked;
    const pending = pendingUploadFor(picked);
    chosen.textContent = `${picked.name} (${formatBytes(picked.size)})${
      pending ? " — an earlier upload of this file was interrupted; it will resume where it stopped." : ""
    }`;
    submit.textContent = pending ? "Resume upload and start" : "Upload and start";
  };
  picker.addEventListener("change", () => choose(picker.files?.[0]));
  dropZone.addEventListener("dragover", (event) => {
    event.preventDefault();
    dropZone.classList.add("dragging");
  });
  dropZone.addEventListener("dragleave", () => dropZone.classList.remove("dragging"));
  dropZone.addEventListener("drop", (event) => {
    event.preventDefault();
    dropZone.classList.remove("dragging");
    choose(event.dataTransfer?.files[0]);
  });

  const field = (id: string, label: string, attributes: Record<string, string | number>) =>
    h("div", { class: "field" }, h("label", { for: id }, label), h("input", { id, name: id, ...attributes }));
  const options = h(
    "fieldset",
    {},
    h("legend", {}, "Options"),
    h("p", { class: "hint" }, "Leave a number empty and it scales with the lecture."),
    field("highlightCount", "Highlights", { type: "number", min: 1, max: 20, placeholder: "auto" }),
    field("clipMinSeconds", "Shortest clip (seconds)", { type: "number", min: 5, max: 300, placeholder: "auto" }),
    field("clipMaxSeconds", "Longest clip (seconds)", { type: "number", min: 5, max: 600, placeholder: "auto" }),
    field("reelMaxSeconds", "Reel length at most (seconds)", {
      type: "number",
      min: 10,
      max: 1800,
      placeholder: "auto",
    }),
    field("chapters", "Chapters", { type: "number", min: 1, max: 50, placeholder: "auto" }),
    field("language", "Language", { type: "text", value: "en", pattern: "[a-z]{2}(-[A-Z]{2})?", autocomplete: "off" }),
    field("webhookUrl", "Webhook URL (optional)", { type: "url", placeholder: "https://…" }),
  );
  const submit = h("button", { type: "submit" }, "Upload and start");
  const form = h("form", { class: "card" }, dropZone, options, progress.element, error, submit);

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    error.textContent = "";
    if (!file) {
      error.textContent = "Choose a lecture file first.";
      return;
    }
    submit.disabled = true;
    progress.element.hidden = false;
    try {
      const uploadId = await uploadLecture(file, progress.set);
      const values = new FormData(form);
      // Only the numbers filled in are sent: the rest scale with the lecture on the server.
      const numbers = (["highlightCount", "clipMinSeconds", "clipMaxSeconds", "reelMaxSeconds", "chapters"] as const)
        .map((name) => [name, String(values.get(name) ?? "").trim()] as const)
        .filter(([, value]) => value !== "")
        .map(([name, value]) => [name, Number(value)]);
      const webhookUrl = String(values.get("webhookUrl") ?? "").trim();
      const job = await new JobsApi(connection()).create(
        {
          uploadId,
          options: {
            ...(Object.fromEntries(numbers) as Partial<JobOptions>),
            language: String(values.get("language")),
          },
          ...(webhookUrl ? { webhookUrl } : {}),
          metadata: { title: file.name },
        },
        { idempotencyKey: crypto.randomUUID() },
      );
      location.hash = `#/jobs/${job.id}`;
    } catch (failure) {
      error.textContent = errorMessage(failure);
      submit.disabled = false;
    }
  });

  showPage(h("h1", {}, "New highlights"), form);
}

/** Uploads `file`, resuming an earlier attempt at it; answers the completed upload's id. */
async function uploadLecture(file: File, report: (fraction: number, text?: string) => void): Promise<string> {
  const client = new UploadClient(connection());
  const onProgress = ({ sentBytes, totalBytes }: { sentBytes: number; totalBytes: number }) =>
    report(sentBytes / totalBytes, `${formatBytes(sentBytes)} of ${formatBytes(totalBytes)} uploaded`);
  let uploadId = pendingUploadFor(file)?.uploadId;
  if (uploadId) {
    try {
      await client.resume(uploadId, file, { onProgress });
      forgetUpload(uploadId);
      return uploadId;
    } catch {
      // Expired or aborted on the server: start over rather than leave the user stuck.
      forgetUpload(uploadId);
    }
  }
  // Created first, so the id is remembered before any byte is sent and a reload can resume.
  const state = await client.api.create({
    filename: file.name,
    contentType: file.type || contentTypeFor(file.name) || "application/octet-stream",
    size: file.size,
  });
  uploadId = state.id;
  rememberUpload(uploadId, file);
  await client.resume(uploadId, file, { onProgress });
  forgetUpload(uploadId);
  return uploadId;
}

import { contentTypeFor } from "../../../agents/contracts/upload-formats.ts";
import { JobsApi, type NewJob } from "../../client/jobs-api.ts";
import { UploadClient } from "../../client/upload-client.ts";
import { jobOptionChoices, jobOptionInputs } from "../components/job-option-fields.ts";
import { progressBar } from "../components/progress-bar.ts";
import { errorBox, formatBytes, h, showPage } from "../dom.ts";
import { errorMessage, type FieldError, fieldErrors } from "../errors.ts";
import { forgetUpload, pendingUploadFor, rememberUpload } from "../resumable-uploads.ts";
import { connection } from "../session.ts";
import { TransferRate } from "../transfer-rate.ts";
import { xhrPut } from "../xhr-put.ts";

const accepted = "video/*,audio/*,.mp4,.mov,.mkv,.webm,.mp3,.m4a,.wav,.ogg,.opus,.flac";
const fileFieldId = "lecture-file";

/** The form field an API path is about: the upload's own fields are the file's. */
function fieldIdFor(path: string): string {
  if (path === "filename" || path === "size" || path === "contentType" || path.startsWith("metadata"))
    return fileFieldId;
  return path.replace(/^options\./, "");
}

/**
 * A field error as a sentence. A number out of range gets the range the field allows, since the
 * validator's own words ("Too big: expected number to be <=20") are for developers.
 */
function inWords(message: string, input: HTMLInputElement | null): string {
  if (input?.type === "number" && /^(Too (big|small)|Invalid input)/.test(message))
    return `Enter a whole number from ${input.min} to ${input.max}, or leave it empty.`;
  const sentence = message.charAt(0).toUpperCase() + message.slice(1);
  return /[.!?]$/.test(sentence) ? sentence : `${sentence}.`;
}

/** Upload a lecture (drag and drop or picker, resumable) and start a job with its options. */
export function newJobPage(): void {
  let file: File | null = null;
  const error = errorBox();
  const fieldMessages = new Map<string, HTMLElement>();
  /** A field's own error line, which its input names in aria-describedby. */
  const messageFor = (id: string) => {
    const message = h("p", { id: `${id}-error`, class: "field-error" });
    fieldMessages.set(id, message);
    return message;
  };
  const picker = h("input", {
    id: fileFieldId,
    type: "file",
    accept: accepted,
    class: "visually-hidden",
    "aria-describedby": `${fileFieldId}-error`,
  });
  const chosen = h("p", { class: "chosen-file", "aria-live": "polite" }, "No file chosen yet.");
  const dropZone = h(
    "div",
    { class: "drop-zone" },
    h("p", {}, "Drag a lecture video or audio file here, or"),
    h("label", { for: fileFieldId, class: "button" }, "Choose a file"),
    picker,
    chosen,
    messageFor(fileFieldId),
  );
  const progress = progressBar("Upload progress");
  const cancelUpload = h("button", { type: "button", class: "secondary" }, "Cancel upload");
  const uploadRow = h("div", { class: "upload-row" }, progress.element, cancelUpload);
  uploadRow.hidden = true;

  const choose = (picked: File | undefined) => {
    if (!picked) return;
    file = picked;
    showFieldErrors([]);
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

  const field = (id: string, label: string, attributes: Record<string, string | number>, hint?: string) =>
    h(
      "div",
      { class: "field" },
      h("label", { for: id }, label),
      hint && h("p", { id: `${id}-hint`, class: "hint" }, hint),
      h("input", { id, name: id, "aria-describedby": hint ? `${id}-hint ${id}-error` : `${id}-error`, ...attributes }),
      messageFor(id),
    );
  const options = h(
    "fieldset",
    {},
    h("legend", {}, "Options"),
    h(
      "p",
      { class: "hint" },
      "Leave a field empty for your default (Settings); a number without one scales with the lecture.",
    ),
    ...jobOptionInputs(field),
    field("webhookUrl", "Webhook URL (optional)", { type: "url", placeholder: "https://…" }),
  );
  const submit = h("button", { type: "submit" }, "Upload and start");
  // The API checks every field and says why beside it, in words rather than the browser's.
  const form = h("form", { class: "card", novalidate: true }, dropZone, options, uploadRow, error, submit);

  /** Shows each refused field's message beside it; answers the ones no field of the form is for. */
  const showFieldErrors = (errors: FieldError[]): FieldError[] => {
    for (const [id, message] of fieldMessages) {
      message.textContent = "";
      form.querySelector(`#${id}`)?.removeAttribute("aria-invalid");
    }
    const unplaced: FieldError[] = [];
    for (const fieldError of errors) {
      const id = fieldIdFor(fieldError.path);
      const message = fieldMessages.get(id);
      if (!message) {
        unplaced.push(fieldError);
        continue;
      }
      const input = form.querySelector<HTMLInputElement>(`#${id}`);
      const words = inWords(fieldError.message, input);
      message.textContent = message.textContent ? `${message.textContent} ${words}` : words;
      input?.setAttribute("aria-invalid", "true");
    }
    const first = errors.map((e) => form.querySelector<HTMLElement>(`#${fieldIdFor(e.path)}`)).find(Boolean);
    // The file input is hidden behind its label: focus goes to the label's button instead.
    (first === picker ? dropZone.querySelector<HTMLElement>("label") : first)?.focus();
    return unplaced;
  };
  const showFailure = (failure: unknown) => {
    const unplaced = showFieldErrors(fieldErrors(failure));
    const placed = fieldErrors(failure).length - unplaced.length;
    error.textContent =
      placed > 0 && unplaced.length === 0
        ? "Please correct the fields marked above."
        : placed > 0
          ? unplaced.map((e) => e.message).join(" ")
          : errorMessage(failure);
  };

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    error.textContent = "";
    const settings = jobSettings(new FormData(form));
    if (!file) {
      showFieldErrors([{ path: "filename", message: "Choose a lecture file first." }]);
      return;
    }
    showFieldErrors([]);
    submit.disabled = true;
    const jobs = new JobsApi(connection());
    const cancel = new AbortController();
    const onCancel = () => cancel.abort();
    cancelUpload.addEventListener("click", onCancel);
    try {
      // Checked before any byte leaves: a refused option is not found out after a long upload.
      await jobs.validate(settings);
      progress.set(0, "Starting the upload…");
      uploadRow.hidden = false;
      const uploadId = await uploadLecture(file, progress.set, cancel.signal);
      uploadRow.hidden = true;
      const job = await jobs.create(
        { uploadId, ...settings, metadata: { title: file.name } },
        { idempotencyKey: crypto.randomUUID() },
      );
      location.hash = `#/jobs/${job.id}`;
    } catch (failure) {
      uploadRow.hidden = true;
      if (cancel.signal.aborted)
        error.textContent = "Upload cancelled. Nothing was started; choose Upload and start to send it again.";
      else showFailure(failure);
      submit.disabled = false;
    } finally {
      cancelUpload.removeEventListener("click", onCancel);
    }
  });

  showPage(h("h1", {}, "New highlights"), form);
}

/** The job's settings from the form: only the fields filled in; the server fills in the rest. */
function jobSettings(values: FormData): Omit<NewJob, "uploadId"> {
  const webhookUrl = String(values.get("webhookUrl") ?? "").trim();
  return { options: jobOptionChoices(values), ...(webhookUrl ? { webhookUrl } : {}) };
}

/**
 * Uploads `file`, resuming an earlier attempt at it; answers the completed upload's id. Aborting
 * `signal` stops the transfer and discards the upload, so a later attempt starts clean.
 */
async function uploadLecture(
  file: File,
  report: (fraction: number, text?: string) => void,
  signal: AbortSignal,
): Promise<string> {
  const client = new UploadClient({ ...connection(), putBytes: xhrPut });
  const rate = new TransferRate();
  const onProgress = ({ sentBytes, totalBytes }: { sentBytes: number; totalBytes: number }) =>
    report(sentBytes / totalBytes, rate.describe(sentBytes, totalBytes));
  let uploadId = pendingUploadFor(file)?.uploadId;
  try {
    if (uploadId) {
      try {
        await client.resume(uploadId, file, { onProgress, signal });
        forgetUpload(uploadId);
        return uploadId;
      } catch (failure) {
        if (signal.aborted) throw failure;
        // Expired or aborted on the server: start over rather than leave the user stuck.
        forgetUpload(uploadId);
      }
    }
    // Created first, so the id is remembered before any byte is sent and a reload can resume.
    const state = await client.api.create(
      {
        filename: file.name,
        contentType: file.type || contentTypeFor(file.name) || "application/octet-stream",
        size: file.size,
      },
      signal,
    );
    uploadId = state.id;
    rememberUpload(uploadId, file);
    await client.resume(uploadId, file, { onProgress, signal });
    forgetUpload(uploadId);
    return uploadId;
  } catch (failure) {
    if (signal.aborted && uploadId) {
      forgetUpload(uploadId);
      await client.api.abort(uploadId).catch(() => undefined); // it expires on its own otherwise
    }
    throw failure;
  }
}

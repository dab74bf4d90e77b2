import type { JobsApi } from "../../client/jobs-api.ts";
import { h } from "../dom.ts";
import { errorMessage } from "../errors.ts";

const formats = [
  ["chapters.youtube", "YouTube chapters (text for the description)"],
  ["chapters.vtt", "Chapters (WebVTT)"],
  ["highlights.edl", "Highlights for video editors (EDL)"],
  ["highlights.csv", "Highlights (CSV)"],
  ["json", "Chapters and highlights (JSON)"],
] as const;

/**
 * The Export menu of a completed job: each choice downloads one export, named after the
 * lecture; a refusal (a lecture with too few chapters for YouTube) is said in `error`.
 *
 * @example
 * toolbar.append(exportMenu(jobs, job.id, error));
 */
export function exportMenu(jobs: JobsApi, jobId: string, error: HTMLElement): HTMLElement {
  const menu = h("details", { class: "export-menu" });
  const save = async (format: string) => {
    error.textContent = "";
    try {
      const { blob, filename } = await jobs.exportFile(jobId, format);
      const link = h("a", { href: URL.createObjectURL(blob), download: filename });
      link.click();
      setTimeout(() => URL.revokeObjectURL(link.href), 60_000);
      menu.open = false;
    } catch (failure) {
      error.textContent = errorMessage(failure);
    }
  };
  menu.append(
    h("summary", { class: "button secondary" }, "Export"),
    h(
      "ul",
      { class: "menu" },
      formats.map(([format, label]) =>
        h("li", {}, h("button", { type: "button", class: "link", onclick: () => save(format) }, label)),
      ),
    ),
  );
  return menu;
}

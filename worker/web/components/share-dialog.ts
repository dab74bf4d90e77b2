import type { JobShare, JobsApi } from "../../client/jobs-api.ts";
import { errorBox, h } from "../dom.ts";
import { actionRunner, errorMessage } from "../errors.ts";
import { confirmAction } from "./confirm-dialog.ts";
import { secretNotice } from "./secret-notice.ts";

const lifetimes = [
  [24, "1 day"],
  [7 * 24, "7 days"],
  [30 * 24, "30 days"],
] as const;

/**
 * The Share button of a completed job and its dialog: create a link that works for a while
 * (shown once, with Copy), list the links that still work, revoke one.
 *
 * @example
 * toolbar.append(shareButton(jobs, job.id));
 */
export function shareButton(jobs: JobsApi, jobId: string): HTMLElement {
  const error = errorBox();
  const created = h("div");
  const list = h("ul", { class: "item-list share-list" });
  const lifetime = h(
    "select",
    { id: "share-lifetime", name: "lifetime" },
    lifetimes.map(([hours, label]) => h("option", { value: hours, selected: hours === 7 * 24 }, label)),
  );
  const refresh = async () => {
    const shares = await jobs.shares(jobId);
    list.replaceChildren(...shares.map(shareItem));
    if (shares.length === 0) list.append(h("li", {}, "No working links."));
  };
  const act = actionRunner(error, refresh);
  const shareItem = (share: JobShare) =>
    h(
      "li",
      {},
      h(
        "span",
        {},
        `Link made ${new Date(share.createdAt).toLocaleString()}${share.createdBy ? ` by ${share.createdBy}` : ""}`,
      ),
      h("span", {}, `works until ${new Date(share.expiresAt).toLocaleString()}`),
      h(
        "button",
        {
          type: "button",
          class: "secondary",
          "aria-label": `Revoke the link made ${new Date(share.createdAt).toLocaleString()}`,
          onclick: async () => {
            if (!(await confirmAction("Revoke this link? Anyone using it sees that it no longer works.", "Revoke")))
              return;
            await act(async () => {
              await jobs.revokeShare(jobId, share.id);
              created.replaceChildren();
            });
          },
        },
        "Revoke",
      ),
    );
  const form = h(
    "form",
    {
      onsubmit: (event: Event) => {
        event.preventDefault();
        void act(async () => {
          const share = await jobs.createShare(jobId, Number(lifetime.value));
          created.replaceChildren(secretNotice("share link", share.url));
        });
      },
    },
    h("label", { for: "share-lifetime" }, "The link works for"),
    h("div", { class: "inline" }, lifetime, h("button", { type: "submit" }, "Create link")),
  );
  const dialog = h(
    "dialog",
    { class: "share-dialog", "aria-labelledby": "share-heading" },
    h("h2", { id: "share-heading" }, "Share these results"),
    h(
      "p",
      {},
      "Anyone with a link sees the results, read-only and without an account, until it expires or you revoke it.",
    ),
    form,
    created,
    error,
    h("h3", {}, "Working links"),
    list,
    h("button", { type: "button", class: "secondary", onclick: () => dialog.close() }, "Close"),
  );
  // Out of the page while closed, so a page left with it closed leaves nothing behind.
  dialog.addEventListener("close", () => dialog.remove());
  return h(
    "button",
    {
      type: "button",
      class: "secondary",
      onclick: () => {
        document.body.append(dialog);
        dialog.showModal();
        refresh().catch((failure) => {
          error.textContent = errorMessage(failure);
        });
      },
    },
    "Share",
  );
}

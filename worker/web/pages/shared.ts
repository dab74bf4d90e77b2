import type { SharedJob } from "../../client/jobs-api.ts";
import { resultsView } from "../components/results-view.ts";
import { h, showPage } from "../dom.ts";
import { errorMessage } from "../errors.ts";

/**
 * What a share link (`/s/{token}`) opens, signed in or not: the lecture's results, read-only.
 * A link that expired, was revoked or never existed says so plainly, the same way for each:
 * the API does not tell them apart either.
 */
export async function sharedPage(token: string): Promise<void> {
  let response: Response;
  try {
    response = await fetch(`/v1/shared/${encodeURIComponent(token)}`);
  } catch (failure) {
    showPage(h("h1", {}, "Could not open the link"), h("p", { role: "alert" }, errorMessage(failure)));
    return;
  }
  if (!response.ok) {
    showPage(
      h("h1", {}, "This link no longer works"),
      h(
        "p",
        { class: "link-gone" },
        "It may have expired, or whoever shared it revoked it or deleted the lecture. Ask them for a new link.",
      ),
    );
    return;
  }
  const shared = (await response.json()) as SharedJob;
  showPage(
    h("h1", {}, shared.name),
    h(
      "p",
      { class: "notice shared-notice" },
      `Shared with you, read-only. This link works until ${new Date(shared.expiresAt).toLocaleString()}.`,
    ),
    resultsView(shared.results),
  );
}

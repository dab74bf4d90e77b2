import { h } from "../dom.ts";
import { failureExplanation } from "../errors.ts";

/**
 * Why a job failed, in plain words for its code; the code itself for support; and the way on:
 * another file (or the same one again, when the fault was ours).
 *
 * @example
 * results.replaceChildren(failureNotice("input_corrupt"));
 */
export function failureNotice(code: string): HTMLElement {
  const { sentence, anotherFile } = failureExplanation(code);
  return h(
    "section",
    { class: "failure card", "aria-labelledby": "failure-heading" },
    h("h2", { id: "failure-heading" }, anotherFile ? "There is a problem with this file" : "This job could not finish"),
    h("p", { class: "failure-reason" }, sentence),
    h(
      "p",
      { class: "hint" },
      "If you contact support, give them this code: ",
      h("code", { class: "failure-code" }, code),
    ),
    h("a", { href: "#/new", class: "button" }, anotherFile ? "Try another file" : "Try again"),
  );
}

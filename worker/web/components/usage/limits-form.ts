import { apiRequest } from "../../../client/api-request.ts";
import type { UsageLimits } from "../../../usage/report.ts";
import { h } from "../../dom.ts";
import { actionRunner } from "../../errors.ts";
import { connection } from "../../session.ts";

const amount = (input: HTMLInputElement) => (input.value.trim() === "" ? null : Number(input.value));

const field = (id: string, label: string, hint: string, input: HTMLInputElement) =>
  h(
    "div",
    { class: "field" },
    h("label", { for: id }, label),
    input,
    h("span", { class: "hint", id: `${id}-hint` }, hint),
  );

/** The monthly limits as text, for members who may not change them. */
export function limitsNotice(limits: UsageLimits): HTMLElement {
  const minutes = limits.monthlyMinutes === null ? "no minutes limit" : `${limits.monthlyMinutes} minutes`;
  const cost = limits.monthlyCostUsd === null ? "no AI cost limit" : `$${limits.monthlyCostUsd.toFixed(2)} of AI cost`;
  return h(
    "section",
    { class: "card", "aria-labelledby": "limits-heading" },
    h("h2", { id: "limits-heading" }, "Monthly limits"),
    h("p", {}, `Each month: ${minutes}, ${cost}. The organization's owners and admins can change them.`),
  );
}

/**
 * The monthly limits, editable by owners and admins: an empty field is unlimited. `saved`
 * redraws the page with the new limits; a refusal shows in `error`.
 */
export function limitsForm(limits: UsageLimits, error: HTMLElement, saved: () => Promise<void>): HTMLFormElement {
  const input = (id: string, value: number | null, step: string, min: string) =>
    h("input", {
      id,
      name: id,
      type: "number",
      inputmode: "decimal",
      min,
      step,
      value: value ?? "",
      "aria-describedby": `${id}-hint`,
    });
  const minutes = input("limit-minutes", limits.monthlyMinutes, "1", "1");
  const cost = input("limit-cost", limits.monthlyCostUsd, "0.01", "0.01");
  const form = h(
    "form",
    { class: "card" },
    h("h2", {}, "Monthly limits"),
    h("p", { class: "hint" }, "When a month reaches a limit, new jobs are refused until the month ends (UTC)."),
    field("limit-minutes", "Lecture minutes per month", "Leave empty for no limit.", minutes),
    field("limit-cost", "AI cost per month (USD)", "Leave empty for no limit.", cost),
    h("button", { type: "submit" }, "Save limits"),
  );
  const act = actionRunner(error, saved);
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    void act(() =>
      apiRequest(connection(), "PUT", "/v1/usage/limits", {
        body: { monthlyMinutes: amount(minutes), monthlyCostUsd: amount(cost) },
      }),
    );
  });
  return form;
}

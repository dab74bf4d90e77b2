import type { MonthUsage } from "../../../usage/report.ts";
import { h } from "../../dom.ts";
import { formatMinutes, formatUsd, monthInWords, outcomes } from "./month-label.ts";

/**
 * The charts' numbers as a table, for screen readers and for anyone who wants them exact; it
 * scrolls sideways on its own on a narrow screen, and can be focused to scroll by keyboard.
 */
export function usageTable(months: MonthUsage[]): HTMLElement {
  const header = ["Month", "Minutes processed", ...outcomes.map((o) => o.name), "AI cost (USD)"];
  const rows = months
    .toReversed()
    .map((month) =>
      h(
        "tr",
        {},
        h("th", { scope: "row" }, monthInWords(month.month)),
        h("td", {}, formatMinutes(month.minutesProcessed)),
        ...outcomes.map((outcome) => h("td", {}, String(outcome.count(month)))),
        h("td", {}, formatUsd(month.aiCostUsd)),
      ),
    );
  return h(
    "div",
    { class: "table-scroll", role: "region", "aria-labelledby": "usage-table-caption", tabindex: 0 },
    h(
      "table",
      { class: "usage-table" },
      h("caption", { id: "usage-table-caption" }, "Usage per month, newest first"),
      h("thead", {}, h("tr", {}, ...header.map((name) => h("th", { scope: "col" }, name)))),
      h("tbody", {}, ...rows),
    ),
  );
}

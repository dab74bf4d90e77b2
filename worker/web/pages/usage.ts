import { can } from "../../auth/policy.ts";
import type { OrganizationRole } from "../../auth/roles.ts";
import { apiRequest } from "../../client/api-request.ts";
import type { MonthUsage, UsageReport } from "../../usage/report.ts";
import { barChart } from "../components/usage/bar-chart.ts";
import { limitsForm, limitsNotice } from "../components/usage/limits-form.ts";
import { formatMinutes, formatUsd, monthInWords, monthLabel, outcomes } from "../components/usage/month-label.ts";
import { usageTable } from "../components/usage/usage-table.ts";
import { errorBox, h, showPage } from "../dom.ts";
import { actionRunner } from "../errors.ts";
import { connection } from "../session.ts";

/** This month against its limits, in words. */
function thisMonth(report: UsageReport): HTMLElement {
  const month = report.months.at(-1)!;
  const { monthlyMinutes, monthlyCostUsd, resetsAt } = report.limits;
  const of = (used: string, limit: string | null) => (limit ? `${used} of ${limit}` : used);
  const resets = new Date(resetsAt).toLocaleDateString("en", { dateStyle: "long", timeZone: "UTC" });
  return h(
    "dl",
    { class: "usage-summary" },
    h(
      "div",
      {},
      h("dt", {}, "Minutes this month"),
      h("dd", {}, of(formatMinutes(month.minutesProcessed), monthlyMinutes === null ? null : String(monthlyMinutes))),
    ),
    h(
      "div",
      {},
      h("dt", {}, "AI cost this month"),
      h("dd", {}, of(formatUsd(month.aiCostUsd), monthlyCostUsd === null ? null : formatUsd(monthlyCostUsd))),
    ),
    h("div", {}, h("dt", {}, "Jobs this month"), h("dd", {}, String(month.jobs.total))),
    h("div", {}, h("dt", {}, "Usage resets"), h("dd", {}, resets)),
  );
}

function charts(months: MonthUsage[]): HTMLElement[] {
  const labels = months.map((m, i) => monthLabel(m.month, i));
  const range = `${monthInWords(months[0]!.month)} to ${monthInWords(months.at(-1)!.month)}`;
  const minutes = months.map((m) => m.minutesProcessed);
  const busiest = months[minutes.indexOf(Math.max(...minutes))]!;
  const minutesChart = barChart({
    id: "minutes-chart",
    title: "Lecture minutes processed per month",
    summary: `${range}: ${formatMinutes(minutes.reduce((a, b) => a + b, 0))} minutes in all, most in ${monthInWords(busiest.month)}.`,
    labels,
    series: [{ name: "Minutes", className: "bar-minutes", values: minutes }],
    format: formatMinutes,
  });
  const jobsChart = barChart({
    id: "jobs-chart",
    title: "Jobs per month by outcome",
    summary: `${range}: ${outcomes.map((o) => `${months.reduce((sum, m) => sum + o.count(m), 0)} ${o.name.toLowerCase()}`).join(", ")}.`,
    labels,
    series: outcomes.map((o) => ({ name: o.name, className: o.className, values: months.map(o.count) })),
    format: (n) => String(Math.round(n)),
    wholeNumbers: true,
  });
  const legend = h(
    "ul",
    { class: "chart-legend", "aria-hidden": "true" },
    ...outcomes.map((o) => h("li", {}, h("span", { class: `swatch ${o.className}` }), o.name)),
  );
  return [
    h("figure", { class: "chart" }, h("figcaption", {}, "Minutes processed"), minutesChart),
    h("figure", { class: "chart" }, h("figcaption", {}, "Jobs by outcome"), legend, jobsChart),
  ];
}

/** What the organization processed and spent per month, as charts and a table, and its monthly limits. */
export async function usagePage(): Promise<void> {
  const error = errorBox();
  const content = h("div", { class: "usage" });
  const act = actionRunner(error, async () => undefined);
  const load = async () => {
    const [report, me] = await Promise.all([
      apiRequest<UsageReport>(connection(), "GET", "/v1/usage"),
      apiRequest<{ organization: { role: OrganizationRole } }>(connection(), "GET", "/v1/me"),
    ]);
    content.replaceChildren(
      thisMonth(report),
      h("div", { class: "charts" }, ...charts(report.months)),
      usageTable(report.months),
      can(me.organization.role, "usage:manage") ? limitsForm(report.limits, error, load) : limitsNotice(report.limits),
    );
  };
  showPage(h("h1", {}, "Usage"), error, content);
  await act(load);
}

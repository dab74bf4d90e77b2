import type { StageName, StageState, StageStates } from "../../../agents/contracts/job.ts";
import { stageNames } from "../../../agents/contracts/stage-names.ts";
import { h } from "../dom.ts";

const stageLabels: Record<StageName, string> = {
  probe: "Reading the file",
  audio: "Extracting audio",
  transcription: "Transcribing",
  layout: "Finding slides and speaker",
  analysis: "Analysing content",
  selection: "Choosing highlights",
  compilation: "Cutting clips and reel",
};

/** One row per pipeline stage showing its status and progress; `update` merges new states. */
export function stageList(): { element: HTMLElement; update: (stages: StageStates) => void } {
  const rows = new Map<StageName, HTMLLIElement>();
  const element = h("ol", { class: "stages", "aria-label": "Pipeline stages" });
  for (const stage of stageNames) {
    const row = h("li", { "data-stage": stage, "data-status": "pending" });
    rows.set(stage, row);
    element.append(row);
    render(row, stage, { status: "pending", progress: 0 });
  }
  return {
    element,
    update(stages) {
      for (const [stage, state] of Object.entries(stages) as [StageName, StageState][]) {
        const row = rows.get(stage);
        if (row) render(row, stage, state);
      }
    },
  };
}

function render(row: HTMLLIElement, stage: StageName, state: Pick<StageState, "status" | "progress">): void {
  row.dataset.status = state.status;
  const detail = state.status === "running" ? `running, ${Math.round(state.progress * 100)}%` : state.status;
  row.replaceChildren(
    h("span", { class: "stage-name" }, stageLabels[stage]),
    h("span", { class: "stage-status" }, detail),
  );
}

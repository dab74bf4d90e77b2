import type { JobErrorCode, JobStatus, StageName, StageStates } from "./job.ts";
import type { CapacityWait } from "./job-api.ts";

/**
 * Messages on a job's progress WebSocket. Every message carries the job id and a `seq` that
 * rises by one per message of that job, so a client can tell a gap or a repeat.
 */
export type JobSnapshot = {
  status: JobStatus;
  stage: StageName | null;
  progress: number;
  stages: StageStates;
  attempt: number;
  error: { code: JobErrorCode; message: string } | null;
  /** Set while the fleet is full and the job waits its turn; null otherwise. */
  waitingForCapacity: CapacityWait | null;
};

type Envelope = { jobId: string; seq: number; at: string };

export type ProgressMessage = Envelope &
  (
    | { type: "snapshot"; snapshot: JobSnapshot }
    | ({ type: "waiting" } & CapacityWait)
    | { type: "progress"; stage: StageName; stageProgress: number; progress: number }
    | { type: "stage"; stage: StageName; status: "completed" | "skipped" | "running" }
    | { type: "completed"; resultsUrl: string }
    | { type: "failed"; code: JobErrorCode; message: string }
  );

/** A message as a publisher hands it to the job's room, which adds the envelope. */
export type ProgressPayload = ProgressMessage extends infer M
  ? M extends Envelope
    ? Omit<M, keyof Envelope>
    : never
  : never;

/**
 * Object key layout shared by the Worker and the media worker. Keys never contain a client's
 * file name: only ids we generated and an extension from an allow-list.
 *
 * A job's objects live under two prefixes, so that a bucket lifecycle rule (which matches key
 * prefixes only) can keep each as long as it is worth: `checkpoints/{jobId}/` holds what only a
 * resumed attempt reads (stage checkpoints, transcript pieces, the speech track), `jobs/{jobId}/`
 * what users receive (outputs, the manifest). Jobs started before checkpoints moved (December
 * 2026) have theirs under `jobs/{jobId}/checkpoints/`: nothing reads them any more (an attempt
 * that finds no checkpoint runs the stage again), and they go with the job's other objects.
 */
export const retentionPrefixes = { checkpoints: "checkpoints/", outputs: "jobs/" } as const;

export const storageKeys = {
  upload: (userId: string, uploadId: string, ext: string) => `uploads/${userId}/${uploadId}/source.${ext}`,
  /** Every prefix under which a job leaves objects: deleting a job deletes under each. */
  jobPrefixes: (jobId: string) => [
    `${retentionPrefixes.outputs}${jobId}/`,
    `${retentionPrefixes.checkpoints}${jobId}/`,
  ],
  checkpoint: (jobId: string, stage: string) => `${retentionPrefixes.checkpoints}${jobId}/${stage}.json`,
  /** One recognized piece of the speech track, keyed by its place in the piece plan. */
  transcriptPiece: (jobId: string, index: number) =>
    `${retentionPrefixes.checkpoints}${jobId}/transcription/piece-${index}.json`,
  /** The 16 kHz speech track, kept so that a resumed job can transcribe without the source. */
  speechTrack: (jobId: string) => `${retentionPrefixes.checkpoints}${jobId}/work/speech-16k.wav`,
  output: (jobId: string, name: string) => `${retentionPrefixes.outputs}${jobId}/outputs/${name}`,
  manifest: (jobId: string) => `${retentionPrefixes.outputs}${jobId}/outputs/manifest.json`,
};

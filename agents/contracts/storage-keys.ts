/**
 * Object key layout shared by the Worker and the media worker. Keys never contain a client's
 * file name: only ids we generated and an extension from an allow-list.
 */
export const storageKeys = {
  upload: (userId: string, uploadId: string, ext: string) => `uploads/${userId}/${uploadId}/source.${ext}`,
  jobPrefix: (jobId: string) => `jobs/${jobId}/`,
  checkpoint: (jobId: string, stage: string) => `jobs/${jobId}/checkpoints/${stage}.json`,
  /** One recognized piece of the speech track, keyed by its place in the piece plan. */
  transcriptPiece: (jobId: string, index: number) => `jobs/${jobId}/checkpoints/transcription/piece-${index}.json`,
  output: (jobId: string, name: string) => `jobs/${jobId}/outputs/${name}`,
  manifest: (jobId: string) => `jobs/${jobId}/outputs/manifest.json`,
};

/**
 * Work started now and awaited later, such as uploading a finished clip while the next one
 * encodes. A failure is held, not left unhandled (which would end the process), and reported
 * by `settle`, which always waits for every piece so nothing outlives the stage.
 *
 * @example
 * const uploads = new BackgroundWork();
 * uploads.start(store.upload(key, path, type));
 * await uploads.settle(); // throws the first failure, after all have finished
 */
export class BackgroundWork {
  private readonly pending: Promise<unknown>[] = [];
  private failure: { error: unknown } | null = null;

  /** Runs `work` in the background and gives back its result for whoever needs it. */
  start<T>(work: Promise<T>): Promise<T> {
    this.pending.push(
      work.catch((error: unknown) => {
        this.failure ??= { error };
      }),
    );
    return work;
  }

  async settle(): Promise<void> {
    await Promise.all(this.pending);
    if (this.failure) throw this.failure.error;
  }
}

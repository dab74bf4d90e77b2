/**
 * Where progress goes: on a terminal one line rewritten in place, elsewhere (a pipe, a log
 * file) a plain line each time the text changes.
 *
 * @example
 * const progress = progressLine(process.stderr);
 * progress.update("upload  40%"); progress.done();
 */
export function progressLine(stream: NodeJS.WriteStream) {
  let written = false;
  const update = changesOnly((text) => {
    written = true;
    if (stream.isTTY) stream.write(`\r\x1b[2K${text}`);
    else stream.write(`${text}\n`);
  });
  return {
    update,
    /** Ends the rewritten line so what follows starts on a fresh one. */
    done() {
      if (stream.isTTY && written) stream.write("\n");
      written = false;
      update.reset();
    },
  };
}

/**
 * Passes a line on only when it differs from the one before: progress arrives several times a
 * second while its rounded text stays the same, and a log should not repeat it.
 *
 * @example
 * const log = changesOnly(console.error);
 * log("job  60%"); log("job  60%"); // written once
 */
export function changesOnly(write: (line: string) => void) {
  let last: string | undefined;
  return Object.assign(
    (line: string) => {
      if (line === last) return;
      last = line;
      write(line);
    },
    { reset: () => (last = undefined) },
  );
}

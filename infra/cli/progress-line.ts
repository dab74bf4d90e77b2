/**
 * Where progress goes: on a terminal one line rewritten in place, elsewhere (a pipe, a log
 * file) a plain line each time the text changes.
 *
 * @example
 * const progress = progressLine(process.stderr);
 * progress.update("upload  40%"); progress.done();
 */
export function progressLine(stream: NodeJS.WriteStream) {
  let last = "";
  return {
    update(text: string) {
      if (text === last) return;
      last = text;
      if (stream.isTTY) stream.write(`\r\x1b[2K${text}`);
      else stream.write(`${text}\n`);
    },
    /** Ends the rewritten line so what follows starts on a fresh one. */
    done() {
      if (stream.isTTY && last) stream.write("\n");
      last = "";
    },
  };
}

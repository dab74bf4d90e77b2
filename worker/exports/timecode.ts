/**
 * Times written the ways exports need them: YouTube's description clock, WebVTT's cue times and
 * SMPTE timecodes counted in frames of the source.
 */

const two = (n: number) => String(n).padStart(2, "0");

/**
 * Whole seconds as YouTube writes them: `M:SS`, or `H:MM:SS` from an hour on.
 *
 * @example
 * clockTime(62.9); // "1:02"
 * clockTime(3723); // "1:02:03"
 */
export function clockTime(seconds: number): string {
  const total = Math.floor(seconds);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  return h > 0 ? `${h}:${two(m)}:${two(s)}` : `${m}:${two(s)}`;
}

/**
 * A WebVTT cue time, `HH:MM:SS.mmm`.
 *
 * @example
 * vttTime(3723.4567); // "01:02:03.457"
 */
export function vttTime(seconds: number): string {
  const ms = Math.round(seconds * 1000);
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor((ms % 3_600_000) / 60_000);
  const s = Math.floor((ms % 60_000) / 1000);
  return `${two(h)}:${two(m)}:${two(s)}.${String(ms % 1000).padStart(3, "0")}`;
}

/** How a frame rate is counted in timecode: the whole frames of a second, and whether some are skipped. */
export type Timebase = { fps: number; nominal: number; dropFrame: boolean };

/**
 * The timecode base of a frame rate. NTSC's 29.97 and 59.94 count drop-frame (the numbers
 * 00 and 01, or 00–03, are skipped each minute but every tenth, so the clock keeps up with
 * real time); 23.976 counts non-drop at 24, as editors do.
 *
 * @example
 * timebase(30000 / 1001); // { fps: 29.97…, nominal: 30, dropFrame: true }
 * timebase(25);           // { fps: 25, nominal: 25, dropFrame: false }
 */
export function timebase(fps: number): Timebase {
  const nominal = Math.round(fps);
  const ntsc = Math.abs(fps - (nominal * 1000) / 1001) < 0.01;
  return { fps, nominal, dropFrame: ntsc && nominal % 30 === 0 };
}

/** The frame a time in seconds falls on. */
export function frameAt(seconds: number, base: Timebase): number {
  return Math.round(seconds * base.fps);
}

/** The number of frames from 00:00:00:00 to `hours`:00:00:00 in this timebase. */
export function framesInHours(hours: number, base: Timebase): number {
  const dropped = base.dropFrame ? (base.nominal / 15) * 54 * hours : 0;
  return base.nominal * 3600 * hours - dropped;
}

/**
 * A frame count as SMPTE timecode `HH:MM:SS:FF` (`HH:MM:SS;FF` when drop-frame).
 *
 * @example
 * smpteTimecode(1800, timebase(30000 / 1001)); // "00:01:00;02" (frames 00 and 01 of minute 1 do not exist)
 * smpteTimecode(90, timebase(25));             // "00:00:03:15"
 */
export function smpteTimecode(frame: number, base: Timebase): string {
  const { nominal } = base;
  let counted = frame;
  if (base.dropFrame) {
    const drop = nominal / 15; // 2 at 29.97, 4 at 59.94
    const perTenMinutes = nominal * 600 - drop * 9;
    const perMinute = nominal * 60 - drop;
    const tens = Math.floor(frame / perTenMinutes);
    const rest = frame % perTenMinutes;
    counted += drop * 9 * tens + (rest > drop ? drop * Math.floor((rest - drop) / perMinute) : 0);
  }
  const ff = counted % nominal;
  const totalSeconds = Math.floor(counted / nominal);
  const hh = Math.floor(totalSeconds / 3600) % 24;
  const mm = Math.floor((totalSeconds % 3600) / 60);
  const ss = totalSeconds % 60;
  return `${two(hh)}:${two(mm)}:${two(ss)}${base.dropFrame ? ";" : ":"}${two(ff)}`;
}

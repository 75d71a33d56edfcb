/**
 * Time formats of the two SCORM versions, and a clock that only runs while the learner can see
 * the page (so time on task is not inflated by a tab left open in the background).
 */

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/**
 * SCORM 1.2 CMITimespan `HHHH:MM:SS.SS` (1.2 RTE 3.4.2.1.8, data type CMITimespan): hours take
 * 2 to 4 digits, seconds at most 2 decimals. Longer spans are clamped to 9999:59:59.99.
 */
export function formatDuration12(ms: number): string {
  const centis = Math.min(Math.max(0, Math.round(ms / 10)), (9999 * 3600 + 59 * 60 + 59) * 100 + 99);
  const hours = Math.floor(centis / 360000);
  const minutes = Math.floor((centis % 360000) / 6000);
  const seconds = Math.floor((centis % 6000) / 100);
  const fraction = centis % 100;
  return `${pad(hours, 4)}:${pad(minutes)}:${pad(seconds)}.${pad(fraction)}`;
}

/**
 * SCORM 2004 timeinterval (second, 10,2) (2004 RTE 4.2.22, C.1.5): ISO 8601 duration with hours,
 * minutes and seconds; seconds at most 2 decimals.
 */
export function formatDuration2004(ms: number): string {
  const centis = Math.max(0, Math.round(ms / 10));
  const hours = Math.floor(centis / 360000);
  const minutes = Math.floor((centis % 360000) / 6000);
  const seconds = (centis % 6000) / 100;
  return `PT${hours}H${minutes}M${Number(seconds.toFixed(2))}S`;
}

/** SCORM 1.2 CMITime `HH:MM:SS` time of day (1.2 RTE 3.4.2.7.3, cmi.interactions.n.time). */
export function formatTimeOfDay12(at: Date): string {
  return `${pad(at.getHours())}:${pad(at.getMinutes())}:${pad(at.getSeconds())}`;
}

/**
 * SCORM 2004 time (second, 10,0) (2004 RTE 4.2.9.4, C.1.4): `YYYY-MM-DDThh:mm:ss.s[TZD]`. The
 * spec only allows a time zone after the fraction, so UTC is written as `...:ss.ssZ`.
 */
export function formatTimestamp2004(at: Date): string {
  return at.toISOString().replace(/\.(\d{2})\dZ$/, '.$1Z');
}

/**
 * Parses `HHHH:MM:SS.SS` (1.2 CMITimespan) or an ISO 8601 duration `P[nY][nM][nD][T[nH][nM][n[.n]S]]`
 * (2004 timeinterval, RTE 4.2 and its data types) into milliseconds (NaN if neither). The spec gives
 * a year or a month no length; an LMS that writes them is counted as scorm-again does (a year 365
 * days, a month 30), so a total the LMS holds is never read as no time at all.
 */
export function parseDuration(text: string): number {
  const hms = /^(\d{1,4}):(\d{2}):(\d{2})(?:\.(\d{1,2}))?$/.exec(text);
  if (hms) {
    const [, h, m, s, f = '0'] = hms;
    return ((Number(h) * 60 + Number(m)) * 60 + Number(s)) * 1000 + Number(f.padEnd(2, '0')) * 10;
  }
  const iso = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/.exec(text);
  if (iso && text !== 'P' && !text.endsWith('T')) {
    const [, y = '0', mo = '0', d = '0', h = '0', m = '0', s = '0'] = iso;
    const days = Number(y) * 365 + Number(mo) * 30 + Number(d);
    return Math.round((((days * 24 + Number(h)) * 60 + Number(m)) * 60 + Number(s)) * 1000);
  }
  return Number.NaN;
}

/**
 * Counts milliseconds only while `isVisible()` says the page is shown. Call `setVisible` on every
 * `visibilitychange`; `elapsed()` is what session_time reports.
 */
export class VisibleClock {
  private total = 0;
  private since: number | null;

  constructor(
    visible: boolean,
    private readonly now: () => number = () => Date.now()
  ) {
    this.since = visible ? this.now() : null;
  }

  setVisible(visible: boolean): void {
    if (visible && this.since === null) this.since = this.now();
    if (!visible && this.since !== null) {
      this.total += this.now() - this.since;
      this.since = null;
    }
  }

  elapsed(): number {
    return this.total + (this.since === null ? 0 : this.now() - this.since);
  }
}

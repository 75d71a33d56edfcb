import { describe, expect, it } from 'vitest';
import { formatDuration12, formatDuration2004, formatTimeOfDay12, formatTimestamp2004, parseDuration, VisibleClock } from './time';

describe('SCORM time formats', () => {
  it('writes 1.2 CMITimespan as HHHH:MM:SS.SS (1.2 RTE 3.4.2.1.8)', () => {
    expect(formatDuration12(0)).toBe('0000:00:00.00');
    expect(formatDuration12(3_723_450)).toBe('0001:02:03.45');
    expect(formatDuration12(1e12)).toBe('9999:59:59.99');
    expect(formatDuration12(3_723_450)).toMatch(/^([0-9]{2,4}):([0-9]{2}):([0-9]{2})(\.[0-9]{1,2})?$/);
  });

  it('writes 2004 durations as ISO 8601 with at most 2 decimals (2004 RTE 4.2.22)', () => {
    expect(formatDuration2004(0)).toBe('PT0H0M0S');
    expect(formatDuration2004(3_723_456)).toBe('PT1H2M3.46S');
    expect(formatDuration2004(90 * 3_600_000)).toBe('PT90H0M0S');
  });

  it('writes interaction times per version', () => {
    const at = new Date(2026, 10, 24, 9, 5, 7);
    expect(formatTimeOfDay12(at)).toBe('09:05:07');
    expect(formatTimestamp2004(new Date(Date.UTC(2026, 10, 24, 9, 5, 7, 123)))).toBe('2026-11-24T09:05:07.12Z');
  });

  it('reads both duration formats back', () => {
    expect(parseDuration('0001:02:03.45')).toBe(3_723_450);
    expect(parseDuration('PT1H2M3.46S')).toBe(3_723_460);
    expect(parseDuration('nonsense')).toBeNaN();
    // 2004 allows years, months and days (RTE 4.2 timeinterval): an LMS's total written that way
    // still counts (review rev11-final V2); a year is 365 days and a month 30, as scorm-again counts.
    expect(parseDuration('P0Y0M0DT0H5M0S')).toBe(300_000);
    expect(parseDuration('P1DT1H')).toBe(25 * 3_600_000);
    expect(parseDuration('P1Y2M')).toBe((365 + 60) * 86_400_000);
  });
});

describe('VisibleClock', () => {
  it('counts only while the page is visible', () => {
    let now = 0;
    const clock = new VisibleClock(true, () => now);
    now = 10_000;
    clock.setVisible(false);
    now = 70_000; // a minute in a background tab does not count
    clock.setVisible(true);
    now = 75_000;
    expect(clock.elapsed()).toBe(15_000);
  });

  it('starts paused when the page opens hidden', () => {
    let now = 0;
    const clock = new VisibleClock(false, () => now);
    now = 5_000;
    expect(clock.elapsed()).toBe(0);
  });
});

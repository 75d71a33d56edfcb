import { describe, expect, it } from 'vitest';
import { durationText } from './words';

describe('durationText', () => {
  it('reads whole minutes, rounded down, with hours once there are any', () => {
    expect(durationText(0)).toBe('under a minute');
    expect(durationText(59_999)).toBe('under a minute');
    expect(durationText(60_000)).toBe('1 min');
    expect(durationText(59 * 60_000 + 59_000)).toBe('59 min');
    expect(durationText(91 * 60_000)).toBe('1 h 31 min');
    expect(durationText(10 * 3_600_000 + 5 * 60_000)).toBe('10 h 05 min');
  });
});

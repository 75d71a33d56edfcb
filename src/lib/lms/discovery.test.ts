import { describe, expect, it } from 'vitest';
import { PROBE_12, PROBE_2004 } from './api-search';
import { discoverApi, preferredVersion, type WindowLike } from './discovery';
import { SCORM_12, SCORM_2004 } from './versions';

const api12 = { LMSInitialize: () => 'true' };
const api2004 = { Initialize: () => 'true' };

/** A chain of `depth` frames under `top`; returns the innermost. */
function nest(top: WindowLike, depth: number): WindowLike {
  top.parent ??= top;
  let win = top;
  for (let i = 0; i < depth; i++) win = { parent: win };
  return win;
}

describe('API discovery (1.2 RTE 3.3.6.1, 2004 RTE 3.1.6.1)', () => {
  it('finds API in a parent frame', () => {
    const found = discoverApi(nest({ API: api12 }, 3));
    expect(found?.table.version).toBe('1.2');
    expect(found?.api).toBe(api12);
  });

  it('finds API_1484_11 and prefers it when both are offered', () => {
    expect(discoverApi(nest({ API: api12, API_1484_11: api2004 }, 2))?.table.version).toBe('2004');
  });

  it('follows the launch URL when it names the package version', () => {
    expect(discoverApi(nest({ API: api12, API_1484_11: api2004 }, 2), preferredVersion('?scorm=12'))?.table.version).toBe('1.2');
  });

  it('stops after the bounded number of parents (7 for 1.2)', () => {
    expect(discoverApi(nest({ API: api12 }, 7))).not.toBeNull();
    expect(discoverApi(nest({ API: api12 }, 9))).toBeNull();
  });

  it('looks at the opener (a pop-up launch) when no frame has it', () => {
    const lms: WindowLike = { API_1484_11: api2004 };
    const popup = nest({ opener: nest(lms, 1) }, 1);
    expect(discoverApi(popup)?.api).toBe(api2004);
  });

  it('skips cross-origin frames that throw on access', () => {
    const top: WindowLike = { API: api12 };
    top.parent = top;
    const crossOrigin = new Proxy({ parent: top } as WindowLike, {
      get: (target, key) => {
        if (key === 'parent') return target.parent;
        throw new DOMException('Blocked a frame', 'SecurityError');
      }
    });
    expect(discoverApi({ parent: crossOrigin })?.api).toBe(api12);
  });

  it('returns null with no LMS (standalone)', () => {
    expect(discoverApi(nest({}, 2))).toBeNull();
    expect(discoverApi(nest({ API: { notAnApi: true } }, 1))).toBeNull();
  });
});

describe('the launch search (api-search.ts) against the version tables', () => {
  it('uses the same API name, initialize method and parent-hop limit as versions.ts', () => {
    for (const [probe, table] of [[PROBE_12, SCORM_12], [PROBE_2004, SCORM_2004]] as const) {
      expect(probe).toEqual({ version: table.version, apiName: table.apiName, initialize: table.methods.initialize, maxParentHops: table.maxParentHops });
    }
  });
});

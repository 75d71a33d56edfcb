import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createActor } from 'xstate';
import { RETRY_DELAYS_MS, sessionMachine, type PortOutcome, type SessionPort } from './session-machine';

function scriptedPort(init: PortOutcome[], commits: PortOutcome[]) {
  const calls: string[] = [];
  const port: SessionPort = {
    initialize: () => (calls.push('initialize'), init.shift() ?? 'ok'),
    commit: () => (calls.push('commit'), commits.shift() ?? 'ok'),
    finish: () => void calls.push('finish')
  };
  return { port, calls };
}

describe('LMS session lifecycle', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('initialises at once and commits on save', () => {
    const { port, calls } = scriptedPort([], []);
    const actor = createActor(sessionMachine, { input: { port } }).start();
    expect(actor.getSnapshot().value).toEqual({ running: 'idle' });
    actor.send({ type: 'lms.save' });
    expect(calls).toEqual(['initialize', 'commit']);
  });

  it('retries a refused commit with backoff and recovers', () => {
    const { port, calls } = scriptedPort([], ['failed', 'failed']);
    const actor = createActor(sessionMachine, { input: { port } }).start();
    actor.send({ type: 'lms.save' });
    expect(actor.getSnapshot().value).toEqual({ running: 'waitingToRetry' });
    actor.send({ type: 'lms.save' }); // saves while waiting do not hammer the LMS
    vi.advanceTimersByTime(RETRY_DELAYS_MS[0] - 1);
    expect(calls.filter((c) => c === 'commit')).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(calls.filter((c) => c === 'commit')).toHaveLength(2);
    vi.advanceTimersByTime(RETRY_DELAYS_MS[1]);
    expect(calls.filter((c) => c === 'commit')).toHaveLength(3);
    expect(actor.getSnapshot().value).toEqual({ running: 'idle' });
  });

  it('degrades after the last retry, then tries again on the next save', () => {
    const { port, calls } = scriptedPort([], ['failed', 'failed', 'failed', 'failed', 'failed']);
    const actor = createActor(sessionMachine, { input: { port } }).start();
    actor.send({ type: 'lms.save' });
    vi.advanceTimersByTime(RETRY_DELAYS_MS.reduce((a, b) => a + b, 0));
    expect(actor.getSnapshot().value).toBe('degraded');
    expect(calls.filter((c) => c === 'commit')).toHaveLength(4);
    actor.send({ type: 'lms.save' });
    expect(actor.getSnapshot().value).toBe('degraded');
    actor.send({ type: 'lms.save' });
    expect(actor.getSnapshot().value).toEqual({ running: 'idle' });
  });

  it('retries a refused initialise, and gives up gracefully', () => {
    const { port } = scriptedPort(['failed', 'failed', 'failed', 'failed'], []);
    const actor = createActor(sessionMachine, { input: { port } }).start();
    expect(actor.getSnapshot().value).toBe('waitingToInitialise');
    vi.advanceTimersByTime(10_000);
    expect(actor.getSnapshot().value).toBe('unavailable');
  });

  it('finishes exactly once, from any state, and ignores everything after', () => {
    for (const commits of [[], ['failed'] as PortOutcome[]]) {
      const { port, calls } = scriptedPort([], commits);
      const actor = createActor(sessionMachine, { input: { port } }).start();
      actor.send({ type: 'lms.save' });
      actor.send({ type: 'lms.finish' });
      actor.send({ type: 'lms.finish' });
      actor.send({ type: 'lms.save' });
      vi.advanceTimersByTime(10_000);
      expect(calls.filter((c) => c === 'finish')).toHaveLength(1);
      expect(calls.at(-1)).toBe('finish');
      expect(actor.getSnapshot().status).toBe('done');
    }
  });
});

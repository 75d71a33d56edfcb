import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RETRY_DELAYS_MS, SessionLifecycle, type PortOutcome, type SessionPort } from './session-machine';

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
    const session = new SessionLifecycle(port).start();
    expect(session.state).toBe('running.idle');
    session.send({ type: 'lms.save' });
    expect(calls).toEqual(['initialize', 'commit']);
  });

  it('retries a refused commit with backoff and recovers', () => {
    const { port, calls } = scriptedPort([], ['failed', 'failed']);
    const session = new SessionLifecycle(port).start();
    session.send({ type: 'lms.save' });
    expect(session.state).toBe('running.waitingToRetry');
    session.send({ type: 'lms.save' }); // saves while waiting do not hammer the LMS
    vi.advanceTimersByTime(RETRY_DELAYS_MS[0] - 1);
    expect(calls.filter((c) => c === 'commit')).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(calls.filter((c) => c === 'commit')).toHaveLength(2);
    vi.advanceTimersByTime(RETRY_DELAYS_MS[1]);
    expect(calls.filter((c) => c === 'commit')).toHaveLength(3);
    expect(session.state).toBe('running.idle');
  });

  it('degrades after the last retry, then tries again on the next save', () => {
    const { port, calls } = scriptedPort([], ['failed', 'failed', 'failed', 'failed', 'failed']);
    const session = new SessionLifecycle(port).start();
    session.send({ type: 'lms.save' });
    vi.advanceTimersByTime(RETRY_DELAYS_MS.reduce((a, b) => a + b, 0));
    expect(session.state).toBe('degraded');
    expect(calls.filter((c) => c === 'commit')).toHaveLength(4);
    session.send({ type: 'lms.save' });
    expect(session.state).toBe('degraded');
    session.send({ type: 'lms.save' });
    expect(session.state).toBe('running.idle');
  });

  it('retries a refused initialise, and gives up gracefully', () => {
    const { port } = scriptedPort(['failed', 'failed', 'failed', 'failed'], []);
    const session = new SessionLifecycle(port).start();
    expect(session.state).toBe('waitingToInitialise');
    vi.advanceTimersByTime(10_000);
    expect(session.state).toBe('unavailable');
  });

  it('finishes exactly once, from any state, and ignores everything after', () => {
    for (const commits of [[], ['failed'] as PortOutcome[]]) {
      const { port, calls } = scriptedPort([], commits);
      const session = new SessionLifecycle(port).start();
      session.send({ type: 'lms.save' });
      session.send({ type: 'lms.finish' });
      session.send({ type: 'lms.finish' });
      session.send({ type: 'lms.save' });
      vi.advanceTimersByTime(10_000);
      expect(calls.filter((c) => c === 'finish')).toHaveLength(1);
      expect(calls.at(-1)).toBe('finish');
      expect(session.done).toBe(true);
      expect(session.state).toBe('terminated');
    }
  });

  it('tells listeners each state it settles in, never a passing one; a save sent meanwhile waits its turn', () => {
    const { port, calls } = scriptedPort([], ['failed']);
    const session = new SessionLifecycle(port);
    const heard: string[] = [];
    session.subscribe(() => {
      heard.push(session.state);
      if (heard.length === 1) session.send({ type: 'lms.save' }); // as lms-session does on connecting
    });
    session.start();
    expect(heard).toEqual(['running.idle', 'running.waitingToRetry']);
    expect(calls).toEqual(['initialize', 'commit']);
    vi.advanceTimersByTime(RETRY_DELAYS_MS[0]);
    expect(heard).toEqual(['running.idle', 'running.waitingToRetry', 'running.idle']);
    session.send({ type: 'lms.finish' });
    session.send({ type: 'lms.save' });
    expect(heard.at(-1)).toBe('terminated');
    expect(heard).toHaveLength(4);
  });
});

/**
 * The adapter against scorm-again (a real LMS-side data model) in both versions, wrapped in the
 * strict test LMS so anything scorm-again lets through but the spec forbids also fails here.
 */
import { describe, expect, it } from 'vitest';
import { ScormAdapter } from '../../src/lib/lms/adapter';
import { createStrictLms, type HarnessVersion } from './testing/env';
import type { GradedAnswer, ResponseValue } from '../../src/lib/lms/types';
import { SCORM_12, SCORM_2004, type VersionTable } from '../../src/lib/lms/versions';

const versions: [HarnessVersion, VersionTable][] = [
  ['12', SCORM_12],
  ['2004', SCORM_2004]
];

function answer(type: GradedAnswer['type'], learner: ResponseValue, correct: ResponseValue[], extra: Partial<GradedAnswer> = {}): GradedAnswer {
  return {
    itemId: `job-q-${type}`,
    quizId: 'the-job',
    attempt: 2,
    type,
    learnerResponse: learner,
    correctResponses: correct,
    result: 'incorrect',
    weighting: 1,
    latencyMs: 12_340,
    answeredAt: new Date(Date.UTC(2026, 10, 24, 10, 0, 0)),
    description: 'Which task is part of a technician’s review of a record?',
    objectiveId: 'job-1',
    ...extra
  };
}

const everyType: GradedAnswer[] = [
  answer('true-false', { type: 'true-false', value: true }, [{ type: 'true-false', value: false }]),
  answer('choice', { type: 'choice', ids: ['a', 'c'] }, [{ type: 'choice', ids: ['a', 'b'] }], { result: 'correct' }),
  answer('fill-in', { type: 'fill-in', texts: ['RHIT, maybe'] }, [{ type: 'fill-in', texts: ['RHIT'] }, { type: 'fill-in', texts: ['Registered Health Information Technician'] }]),
  answer('matching', { type: 'matching', pairs: [['1', 'a'], ['2', 'c']] }, [{ type: 'matching', pairs: [['1', 'a'], ['2', 'b']] }]),
  answer('sequencing', { type: 'sequencing', ids: ['d', 'b', 'a', 'c'] }, [{ type: 'sequencing', ids: ['a', 'b', 'c', 'd'] }]),
  answer('numeric', { type: 'numeric', value: 8688.5 }, [{ type: 'numeric-range', min: 8600, max: 8700 }])
];

describe.each(versions)('ScormAdapter against scorm-again (SCORM %s)', (version, table) => {
  const open = (cmi?: unknown) => {
    const lms = createStrictLms(version, cmi);
    const adapter = new ScormAdapter(table, lms.api);
    expect(adapter.initialize()).toBe('ok');
    return { lms, adapter };
  };

  it('records an interaction of every type that the LMS accepts, with the spec formats', () => {
    const { lms, adapter } = open();
    adapter.start();
    everyType.forEach((a) => adapter.recordInteraction(a));
    expect(adapter.commit()).toBe('ok');
    expect(lms.calls.filter((c) => c.result === 'false')).toEqual([]);
    expect(lms.violations).toEqual([]);
    const cmi = lms.committed()!;
    const interactions = cmi.interactions;
    expect(Object.keys(interactions)).toHaveLength(6);
    const byType = Object.fromEntries(Object.values(interactions).map((i: any) => [i.type, i]));
    if (version === '12') {
      expect(byType['true-false']).toMatchObject({ id: 'the-job_a2_job-q-true-false', student_response: 't', result: 'wrong' });
      // scorm-again stores the span normalised; what the course sent was HHHH:MM:SS.SS
      expect(lms.calls.find((c) => c.args[0]?.endsWith('.latency'))?.args[1]).toBe('0000:00:12.34');
      expect(byType.choice.correct_responses['0'].pattern).toBe('a,b');
      expect(byType.matching.student_response).toBe('1.a,2.c');
      expect(byType.numeric.correct_responses['0'].pattern).toBe('8650');
      expect(byType['fill-in'].correct_responses['1'].pattern).toBe('Registered Health Information Technician');
      for (const i of Object.values(interactions) as any[]) expect(i.id).toMatch(/^[A-Za-z0-9_-]{1,255}$/);
    } else {
      expect(byType['true-false']).toMatchObject({ learner_response: 'true', result: 'incorrect', latency: 'PT0H0M12.34S' });
      expect(byType['true-false'].description ?? '').toBe('');
      expect(byType.choice.correct_responses['0'].pattern).toBe('a[,]b');
      expect(byType.matching.learner_response).toBe('1[.]a[,]2[.]c');
      expect(byType.sequencing.learner_response).toBe('d[,]b[,]a[,]c');
      expect(byType.numeric.correct_responses['0'].pattern).toBe('8600[:]8700');
      expect(byType['fill-in'].learner_response).toBe('RHIT, maybe');
      expect(byType.choice.objectives['0'].id).toBe('job-1');
    }
  });

  it('keeps interactions of earlier sessions and appends after them', () => {
    const first = open();
    first.adapter.start();
    first.adapter.recordInteraction(everyType[0]!);
    first.adapter.finish(1000);
    const second = open(first.lms.committed());
    expect(second.adapter.start().interactionCount).toBe(1);
    second.adapter.recordInteraction(everyType[1]!);
    second.adapter.commit();
    expect(Object.keys(second.lms.committed()!.interactions)).toEqual(['0', '1']);
  });

  it('reports score, status and objectives in the version’s elements', () => {
    const { lms, adapter } = open();
    adapter.start();
    adapter.declareObjectives([{ id: 'job-1', description: 'Describe duties' }, { id: 'job-2', description: 'Specialisations' }]);
    adapter.setScore(87.5);
    adapter.setStatus(true, 'passed');
    adapter.recordObjective({ id: 'job-2', score: 75, standing: 'failed' });
    expect(adapter.commit()).toBe('ok');
    expect(lms.violations).toEqual([]);
    const cmi = lms.committed()!;
    if (version === '12') {
      expect(cmi.core.lesson_status).toBe('passed');
      expect(cmi.core.score).toMatchObject({ raw: '87.5', min: '0', max: '100' });
      expect(cmi.objectives['0']).toMatchObject({ id: 'job-1' });
      expect(cmi.objectives['1']).toMatchObject({ id: 'job-2', status: 'failed', score: { raw: '75', min: '0', max: '100' } });
    } else {
      expect(cmi).toMatchObject({ completion_status: 'completed', success_status: 'passed' });
      expect(cmi.score).toMatchObject({ raw: '87.5', scaled: '0.875' });
      expect(cmi.objectives['1']).toMatchObject({ id: 'job-2', success_status: 'failed', completion_status: 'completed', description: 'Specialisations' });
      expect(cmi.objectives['1'].score).toMatchObject({ scaled: '0.75' });
    }
  });

  it('finishes exactly once, with no Commit of its own, and makes no call after it', () => {
    const { lms, adapter } = open();
    adapter.start();
    adapter.bookmark('/the-job/duties');
    adapter.setExit(true);
    expect(adapter.finish(65_000)).toBe('ok');
    expect(adapter.finish(70_000)).toBe('closed');
    adapter.bookmark('/elsewhere');
    expect(adapter.commit()).toBe('closed');
    expect(lms.violations).toEqual([]);
    expect(lms.calls.filter((c) => c.method === table.methods.terminate)).toHaveLength(1);
    expect(lms.calls.filter((c) => c.method === table.methods.commit)).toHaveLength(0);
    const cmi = lms.committed()!;
    if (version === '12') expect(cmi.core).toMatchObject({ lesson_location: '/the-job/duties', exit: 'suspend', session_time: expect.stringMatching(/^0*:01:05/) });
    else expect(cmi).toMatchObject({ location: '/the-job/duties', exit: 'suspend', session_time: 'PT0H1M5S' });
  });

  it('reads back every stored objective (id, status, score) and writes it at its index', () => {
    const first = open();
    first.adapter.start();
    first.adapter.declareObjectives(['a-1', 'a-2', 'b-1'].map((id) => ({ id, description: id })));
    first.adapter.recordObjective({ id: 'a-2', score: 90, standing: 'passed' });
    first.adapter.finish(0);
    const second = open(first.lms.committed());
    const launch = second.adapter.start();
    expect(launch.objectives.get('a-2')).toEqual({ standing: 'passed', score: 90 });
    expect(launch.objectives.get('a-1')).toEqual({ standing: null, score: null });
    second.adapter.recordObjective({ id: 'b-1', score: 10, standing: 'pending' });
    second.adapter.commit();
    expect(second.lms.committed()!.objectives['2']).toMatchObject({ id: 'b-1', score: { raw: '10' } });
    expect(version === '12' ? second.lms.committed()!.objectives['2'].status : second.lms.committed()!.objectives['2'].success_status).toBe(version === '12' ? 'incomplete' : 'unknown');
  });

  it('writes a known objective’s missing description on a later launch, and leaves a written one alone', () => {
    const first = open();
    first.adapter.start();
    // The first launch could not load the objective texts: ids only.
    first.adapter.declareObjectives([{ id: 'a-1' }, { id: 'a-2', description: 'Kept' }]);
    first.adapter.finish(0);
    const second = open(first.lms.committed());
    second.adapter.start();
    second.adapter.declareObjectives([{ id: 'a-1', description: 'Describe duties' }, { id: 'a-2', description: 'Changed' }]);
    second.adapter.commit();
    expect(second.lms.violations).toEqual([]);
    const stored = second.lms.committed()!.objectives;
    if (version === '12') expect(stored['0']).toMatchObject({ id: 'a-1' });
    else {
      expect(stored['0']).toMatchObject({ id: 'a-1', description: 'Describe duties' });
      expect(stored['1']).toMatchObject({ id: 'a-2', description: 'Kept' });
    }
  });

  it('reads the status and score the LMS holds, the mode and the credit', () => {
    const cmi =
      version === '12'
        ? { core: { lesson_status: 'passed', score: { raw: '91' }, lesson_mode: 'review', credit: 'no-credit', student_name: 'Doe, Jo' } }
        : { completion_status: 'completed', success_status: 'failed', score: { raw: '55' }, mode: 'review', credit: 'no-credit', learner_name: 'Jo Doe' };
    const { adapter } = open(cmi);
    expect(adapter.start()).toMatchObject({
      record: version === '12' ? { completed: true, success: 'passed', score: 91 } : { completed: true, success: 'failed', score: 55 },
      review: true,
      noCredit: true,
      learnerName: version === '12' ? 'Doe, Jo' : 'Jo Doe'
    });
  });

  it('reads the learner’s name as the LMS holds it', () => {
    const { adapter } = open(version === '12' ? { core: { student_name: 'Okafor, Amara' } } : { learner_name: 'Okafor, Amara' });
    expect(adapter.start().learnerName).toBe('Okafor, Amara');
  });

  it('reads the LMS’s mastery score and resume entry', () => {
    const cmi = version === '12' ? { core: { entry: 'resume' }, student_data: { mastery_score: '70' }, suspend_data: 'h1|x' } : { entry: 'resume', scaled_passing_score: '0.7', suspend_data: 'h1|x' };
    // (2004's 0.7 is read as 70 exactly, not 70.00000000000001)
    const { adapter } = open(cmi);
    expect(adapter.start()).toMatchObject({ resumed: true, masteryScore: 70, suspendData: 'h1|x' });
  });

  it('keeps values queued when the API throws, and writes them once it answers again', () => {
    const { lms, adapter } = open();
    adapter.start();
    lms.fault('throw');
    adapter.bookmark('/the-job/duties');
    expect(adapter.commit()).toBe('threw');
    expect(adapter.hasPending).toBe(true);
    lms.fault(null);
    expect(adapter.commit()).toBe('ok');
    expect(JSON.stringify(lms.committed())).toContain('/the-job/duties');
  });

  it('tells a refused commit from a refused value', () => {
    const { lms, adapter } = open();
    adapter.start();
    lms.fault('commit-false');
    adapter.bookmark('/a');
    expect(adapter.commit()).toBe('refused');
    lms.fault(null);
    adapter.saveProgress('x'.repeat(version === '12' ? 4097 : 10));
    expect(adapter.commit()).toBe(version === '12' ? 'value-refused' : 'ok');
  });
});

describe('strict test LMS', () => {
  it.each(versions)('(%s) refuses and records what scorm-again lets through', (version, table) => {
    const lms = createStrictLms(version);
    const m = table.methods;
    expect(lms.api[m.setValue]!(table.elements.location, 'x')).toBe('false');
    expect(lms.api[m.initialize]!('')).toBe('true');
    expect(lms.api[m.initialize]!('')).toBe('false');
    if (version === '12') expect(lms.api[m.setValue]!('cmi.suspend_data', 'x'.repeat(4097))).toBe('false');
    expect(lms.api[m.terminate]!('')).toBe('true');
    expect(lms.api[m.setValue]!(table.elements.location, 'y')).toBe('false');
    expect(lms.violations).toHaveLength(version === '12' ? 4 : 3);
  });
});

/**
 * Every difference between SCORM 1.2 and SCORM 2004 (4th Ed) that the runtime relies on, as tables.
 * Nothing outside this file (and the formatters it names) branches on the version.
 *
 * Sources: SCORM 1.2 RTE (2001) section 3.3 (API) and 3.4 (data model); SCORM 2004 4th Ed RTE
 * section 3.1 (API) and 4.2 (data model), where each limit below is stated.
 */
import { formatDuration12, formatDuration2004, formatTimeOfDay12, formatTimestamp2004 } from './time';

export type ScormVersion = '1.2' | '2004';

/** The raw API object an LMS exposes: strings in, strings out (RTE 3.3.3 / 2004 RTE 3.1.2). */
export interface RawScormApi {
  [method: string]: unknown;
}

export interface VersionTable {
  version: ScormVersion;
  /** Name of the API object on an LMS window (1.2 RTE 3.3.6.1; 2004 RTE 3.1.6.1). */
  apiName: 'API' | 'API_1484_11';
  /** ADL's reference discovery scripts give up after this many parent hops (1.2: 7, 2004: 500). */
  maxParentHops: number;
  methods: {
    initialize: string;
    terminate: string;
    getValue: string;
    setValue: string;
    commit: string;
    getLastError: string;
    getErrorString: string;
    getDiagnostic: string;
  };
  /** Element names, per intent. */
  elements: {
    entry: string;
    location: string;
    suspendData: string;
    sessionTime: string;
    /** Read only: the LMS's sum of this attempt's earlier session times (1.2 cmi.core.total_time; 2004 cmi.total_time). */
    totalTime: string;
    exit: string;
    studentId: string;
    studentName: string;
    /** 1.2 cmi.core.credit (RTE 3.4.2.1.4); 2004 cmi.credit (RTE 4.2.6). */
    credit: string;
    /** 1.2 cmi.core.lesson_mode (RTE 3.4.2.1.9); 2004 cmi.mode (RTE 4.2.16). */
    mode: string;
    masteryScore: string;
    scoreRaw: string;
    scoreMin: string;
    scoreMax: string;
    /** 2004 only (RTE 4.2.20.4): score.scaled in -1..1. */
    scoreScaled: string | null;
    interactionsCount: string;
    objectivesCount: string;
    /** Status of the attempt: 1.2 has one element, 2004 two (completion and success). */
    lessonStatus: string | null;
    completionStatus: string | null;
    successStatus: string | null;
  };
  /** Hard character limits on what the SCO writes. */
  limits: {
    /** 1.2 RTE 3.4.2.4 CMIString4096; 2004 RTE 4.2.23 SPM 64000. */
    suspendData: number;
    /** 1.2 cmi.core.lesson_location CMIString255; 2004 cmi.location SPM 1000. */
    location: number;
    /** 1.2 CMIIdentifier 255; 2004 long_identifier_type SPM 4000 (we stay at 255 in both). */
    identifier: number;
    /** 1.2 CMIFeedback 255; 2004 fill-in strings SPM 250 each. */
    responseText: number;
    /** 2004 cmi.interactions.n.description SPM 250 (1.2 has no description). */
    description: number;
    /** Correct response patterns per interaction worth sending (2004 RTE 4.2.9.1 SPMs: fill-in 5). */
    correctPatterns: number;
    /** Interaction records an LMS must keep (2004: 250; 1.2 sets no SPM, we use the same). */
    interactions: number;
    /**
     * Integer digits of a numeric learner_response / correct pattern the LMS is known to take:
     * 2004 numeric responses are real(10,7) (RTE 4.2.9.2), and Moodle's 2004 player accepts at
     * most 5 integer digits (its CMIDecimal); null in 1.2, where responses are CMIFeedback text.
     */
    numericIntegerDigits: number | null;
  };
  /** Value for cmi.*.exit that keeps the attempt open so the next launch resumes. */
  exitSuspend: string;
  /** Value for cmi.*.exit that ends the attempt normally (1.2 RTE 3.4.2.1.5 ""; 2004 RTE 4.2.8 "normal"). */
  exitNormal: string;
  /** Mode and credit values that change what the course reports. */
  modes: { review: string; browse: string; noCredit: string };
  /** `entry` value meaning "this launch resumes a suspended attempt". */
  entryResume: string;
  /** Result vocabulary (1.2 RTE 3.4.2.7.6 uses `wrong`; 2004 RTE 4.2.9.7 uses `incorrect`). */
  result: { correct: string; incorrect: string };
  /** Status values the SCO writes. */
  status: {
    passed: string;
    failed: string;
    completed: string;
    incomplete: string;
    notAttempted: string;
  };
  /** Session time and latency: 1.2 CMITimespan HHHH:MM:SS.SS, 2004 ISO 8601 duration. */
  formatDuration(ms: number): string;
  /** 1.2 cmi.interactions.n.time is a time of day (CMITime); 2004 .timestamp a date-time. */
  formatInteractionTime(at: Date): string;
  /** Interaction element names (1.2 RTE 3.4.2.7; 2004 RTE 4.2.9). */
  interaction(n: number): {
    id: string;
    type: string;
    objectiveId: string;
    time: string;
    weighting: string;
    learnerResponse: string;
    correctPattern(k: number): string;
    result: string;
    latency: string;
    description: string | null;
  };
  /** Objective element names (1.2 RTE 3.4.2.6; 2004 RTE 4.2.17). */
  objective(n: number): {
    id: string;
    scoreRaw: string;
    scoreMin: string;
    scoreMax: string;
    scoreScaled: string | null;
    /** 1.2 `status`; 2004 `success_status`. */
    successStatus: string;
    /** 2004 only. */
    completionStatus: string | null;
    description: string | null;
  };
  /** Response pattern delimiters: bare in 1.2 (RTE 3.4.2.7.5), bracketed in 2004 (RTE 4.2.9.1). */
  delimiters: { list: string; pair: string; range: string };
  /** 1.2 writes true-false as `t`/`f`; 2004 as `true`/`false`. */
  trueFalse: { true: string; false: string };
}

export const SCORM_12: VersionTable = {
  version: '1.2',
  apiName: 'API',
  maxParentHops: 7,
  methods: {
    initialize: 'LMSInitialize',
    terminate: 'LMSFinish',
    getValue: 'LMSGetValue',
    setValue: 'LMSSetValue',
    commit: 'LMSCommit',
    getLastError: 'LMSGetLastError',
    getErrorString: 'LMSGetErrorString',
    getDiagnostic: 'LMSGetDiagnostic'
  },
  elements: {
    entry: 'cmi.core.entry',
    location: 'cmi.core.lesson_location',
    suspendData: 'cmi.suspend_data',
    sessionTime: 'cmi.core.session_time',
    totalTime: 'cmi.core.total_time',
    exit: 'cmi.core.exit',
    studentId: 'cmi.core.student_id',
    studentName: 'cmi.core.student_name',
    credit: 'cmi.core.credit',
    mode: 'cmi.core.lesson_mode',
    masteryScore: 'cmi.student_data.mastery_score',
    scoreRaw: 'cmi.core.score.raw',
    scoreMin: 'cmi.core.score.min',
    scoreMax: 'cmi.core.score.max',
    scoreScaled: null,
    interactionsCount: 'cmi.interactions._count',
    objectivesCount: 'cmi.objectives._count',
    lessonStatus: 'cmi.core.lesson_status',
    completionStatus: null,
    successStatus: null
  },
  limits: {
    suspendData: 4096,
    location: 255,
    identifier: 255,
    responseText: 255,
    description: 0,
    correctPatterns: 5,
    interactions: 250,
    numericIntegerDigits: null
  },
  exitSuspend: 'suspend',
  exitNormal: '',
  modes: { review: 'review', browse: 'browse', noCredit: 'no-credit' },
  entryResume: 'resume',
  result: { correct: 'correct', incorrect: 'wrong' },
  status: {
    passed: 'passed',
    failed: 'failed',
    completed: 'completed',
    incomplete: 'incomplete',
    notAttempted: 'not attempted'
  },
  formatDuration: formatDuration12,
  formatInteractionTime: formatTimeOfDay12,
  interaction: (n) => ({
    id: `cmi.interactions.${n}.id`,
    type: `cmi.interactions.${n}.type`,
    objectiveId: `cmi.interactions.${n}.objectives.0.id`,
    time: `cmi.interactions.${n}.time`,
    weighting: `cmi.interactions.${n}.weighting`,
    learnerResponse: `cmi.interactions.${n}.student_response`,
    correctPattern: (k) => `cmi.interactions.${n}.correct_responses.${k}.pattern`,
    result: `cmi.interactions.${n}.result`,
    latency: `cmi.interactions.${n}.latency`,
    description: null
  }),
  objective: (n) => ({
    id: `cmi.objectives.${n}.id`,
    scoreRaw: `cmi.objectives.${n}.score.raw`,
    scoreMin: `cmi.objectives.${n}.score.min`,
    scoreMax: `cmi.objectives.${n}.score.max`,
    scoreScaled: null,
    successStatus: `cmi.objectives.${n}.status`,
    completionStatus: null,
    description: null
  }),
  delimiters: { list: ',', pair: '.', range: ':' },
  trueFalse: { true: 't', false: 'f' }
};

export const SCORM_2004: VersionTable = {
  version: '2004',
  apiName: 'API_1484_11',
  maxParentHops: 500,
  methods: {
    initialize: 'Initialize',
    terminate: 'Terminate',
    getValue: 'GetValue',
    setValue: 'SetValue',
    commit: 'Commit',
    getLastError: 'GetLastError',
    getErrorString: 'GetErrorString',
    getDiagnostic: 'GetDiagnostic'
  },
  elements: {
    entry: 'cmi.entry',
    location: 'cmi.location',
    suspendData: 'cmi.suspend_data',
    sessionTime: 'cmi.session_time',
    totalTime: 'cmi.total_time',
    exit: 'cmi.exit',
    studentId: 'cmi.learner_id',
    studentName: 'cmi.learner_name',
    credit: 'cmi.credit',
    mode: 'cmi.mode',
    masteryScore: 'cmi.scaled_passing_score',
    scoreRaw: 'cmi.score.raw',
    scoreMin: 'cmi.score.min',
    scoreMax: 'cmi.score.max',
    scoreScaled: 'cmi.score.scaled',
    interactionsCount: 'cmi.interactions._count',
    objectivesCount: 'cmi.objectives._count',
    lessonStatus: null,
    completionStatus: 'cmi.completion_status',
    successStatus: 'cmi.success_status'
  },
  limits: {
    suspendData: 64000,
    location: 1000,
    identifier: 255,
    responseText: 250,
    description: 250,
    correctPatterns: 5,
    interactions: 250,
    numericIntegerDigits: 5
  },
  exitSuspend: 'suspend',
  exitNormal: 'normal',
  modes: { review: 'review', browse: 'browse', noCredit: 'no-credit' },
  entryResume: 'resume',
  result: { correct: 'correct', incorrect: 'incorrect' },
  status: {
    passed: 'passed',
    failed: 'failed',
    completed: 'completed',
    incomplete: 'incomplete',
    notAttempted: 'not attempted'
  },
  formatDuration: formatDuration2004,
  formatInteractionTime: formatTimestamp2004,
  interaction: (n) => ({
    id: `cmi.interactions.${n}.id`,
    type: `cmi.interactions.${n}.type`,
    objectiveId: `cmi.interactions.${n}.objectives.0.id`,
    time: `cmi.interactions.${n}.timestamp`,
    weighting: `cmi.interactions.${n}.weighting`,
    learnerResponse: `cmi.interactions.${n}.learner_response`,
    correctPattern: (k) => `cmi.interactions.${n}.correct_responses.${k}.pattern`,
    result: `cmi.interactions.${n}.result`,
    latency: `cmi.interactions.${n}.latency`,
    description: `cmi.interactions.${n}.description`
  }),
  objective: (n) => ({
    id: `cmi.objectives.${n}.id`,
    scoreRaw: `cmi.objectives.${n}.score.raw`,
    scoreMin: `cmi.objectives.${n}.score.min`,
    scoreMax: `cmi.objectives.${n}.score.max`,
    scoreScaled: `cmi.objectives.${n}.score.scaled`,
    successStatus: `cmi.objectives.${n}.success_status`,
    completionStatus: `cmi.objectives.${n}.completion_status`,
    description: `cmi.objectives.${n}.description`
  }),
  delimiters: { list: '[,]', pair: '[.]', range: '[:]' },
  trueFalse: { true: 'true', false: 'false' }
};

export const VERSIONS: Record<ScormVersion, VersionTable> = { '1.2': SCORM_12, '2004': SCORM_2004 };

/**
 * A strict test LMS: scorm-again's API (the data model, types and vocabularies) wrapped so that it
 * also enforces what scorm-again lets through on purpose, and records every call.
 *
 * Enforced beyond scorm-again (each is also recorded in `violations`, which a test expects empty):
 * - SCORM 1.2 cmi.suspend_data over 4,096 characters (1.2 RTE 3.4.2.4, CMIString4096; scorm-again
 *   accepts 64,000) and cmi.core.lesson_location over 255 (CMIString255): "false", error 405.
 * - any call after LMSFinish / Terminate (1.2 RTE 3.3.4.2; 2004 RTE 3.1.4.2, errors 133/143):
 *   "false", error 101 (1.2) or 133/143 (2004).
 * - any call before initialise (1.2 error 301; 2004 122/132/142).
 * - a second initialise (1.2 error 101; 2004 103).
 * Fault injection (`fault(kind)`): 'commit-false' = Commit returns "false" (1.2 error 101,
 * 2004 error 391); 'throw' = every call throws; 'disappear' = every call throws as if the LMS
 * window were gone (the harness also removes window.API); 'initialize-false' = Initialize returns
 * "false" (1.2 error 101, 2004 error 102).
 *
 * `moodle2004: true` plays Moodle 4.5's SCORM 2004 player where tests need its quirks:
 * - CMIDecimal is `-?[0-9]{1,5}(\.[0-9]{1,18})?`: a numeric learner_response or correct pattern
 *   with 6 integer digits is refused ("false", 406);
 * - cmi.scaled_passing_score is the last `<imsss:objective>`'s measure (Moodle sets it from each
 *   objective in turn and gives one without `minNormalizedMeasure` 1.0): the package's manifest gives
 *   every objective the package's mark, so it is `moodlePassingScore`, by default "0.8" (the mark of
 *   the fixtures and the real course); "1" plays a package with bare secondary objectives;
 * - success_status is what the SCO set (Moodle does not judge score.scaled against the passing
 *   score, unlike scorm-again and RTE 4.2.22);
 * - every commit sends the whole data model: `lastCommitBytes()` is its size as form data, and with
 *   `unloading(true)` (the harness sets it while the course page unloads, when Moodle sends it with
 *   navigator.sendBeacon) a Commit or Terminate over `beaconLimitBytes` (64 KiB, Chromium's limit)
 *   returns "false" (error 101) and stores nothing.
 * `reinitialise: true` lets Initialize be called again after Terminate (as Moodle's 1.2 player
 * does), for a page restored from the back-forward cache.
 *
 * Plain JavaScript so the same file runs in Node (unit tests) and in the harness page.
 */

/** Method names per version (1.2 RTE 3.3.3; 2004 RTE 3.1.2). */
export const METHODS = {
  '12': {
    initialize: 'LMSInitialize',
    terminate: 'LMSFinish',
    getValue: 'LMSGetValue',
    setValue: 'LMSSetValue',
    commit: 'LMSCommit',
    getLastError: 'LMSGetLastError',
    getErrorString: 'LMSGetErrorString',
    getDiagnostic: 'LMSGetDiagnostic'
  },
  '2004': {
    initialize: 'Initialize',
    terminate: 'Terminate',
    getValue: 'GetValue',
    setValue: 'SetValue',
    commit: 'Commit',
    getLastError: 'GetLastError',
    getErrorString: 'GetErrorString',
    getDiagnostic: 'GetDiagnostic'
  }
};

/** Error codes this wrapper answers with, per version. */
const ERRORS = {
  '12': { secondInit: '101', beforeInit: '301', afterFinish: '101', commitFailed: '101', typeMismatch: '405' },
  '2004': {
    secondInit: '103',
    beforeInit: { getValue: '122', setValue: '132', commit: '142', terminate: '112' },
    afterFinish: { getValue: '123', setValue: '133', commit: '143', terminate: '113', initialize: '104' },
    commitFailed: '391',
    typeMismatch: '406'
  }
};

/** 1.2 limits scorm-again relaxes (SCORM 1.2 RTE section 3.4: CMIString4096, CMIString255; Moodle enforces them in standards mode). */
const LIMITS_12 = { 'cmi.suspend_data': 4096, 'cmi.core.lesson_location': 255 };

/** Moodle's 2004 CMIDecimal (mod/scorm/datamodels/scorm_13.js). */
const MOODLE_DECIMAL = /^-?([0-9]{1,5})(\.[0-9]{1,18})?$/;

/** Size in bytes of a data model sent as `&cmi__a__b=value` pairs, as Moodle's players post it. */
function formSize(/** @type {any} */ node, /** @type {string} */ prefix) {
  let bytes = 0;
  for (const [key, value] of Object.entries(node ?? {})) {
    const name = `${prefix}__${key}`;
    if (value !== null && typeof value === 'object') bytes += formSize(value, name);
    else if (value !== '' && value !== undefined) bytes += 2 + name.length + encodeURIComponent(String(value)).length;
  }
  return bytes;
}

/**
 * @param {any} ApiClass scorm-again's Scorm12API or Scorm2004API
 * @param {{ version: '12' | '2004', cmi?: any, onCommit?: (cmi: any) => void, moodle2004?: boolean, moodlePassingScore?: string, reinitialise?: boolean, beaconLimitBytes?: number }} options
 *   cmi: a committed CMI (as from `committed()`) to pre-fill, e.g. for a resume.
 */
export function createStrictLms(ApiClass, options) {
  const version = options.version;
  const names = METHODS[version];
  const errors = ERRORS[version];
  const moodle = options.moodle2004 === true && version === '2004';
  const beaconLimit = options.beaconLimitBytes ?? 64 * 1024;
  /** @param {any} cmi */
  const makeInner = (cmi) => {
    const api = new ApiClass({ logLevel: 5, autocommit: false, lmsCommitUrl: false });
    const initial = cmi ? JSON.parse(JSON.stringify(cmi)) : moodle ? {} : null;
    if (moodle && initial && (initial.scaled_passing_score ?? '') === '') initial.scaled_passing_score = options.moodlePassingScore ?? '0.8';
    if (initial) api.loadFromJSON(initial, 'cmi');
    return api;
  };
  let inner = makeInner(options.cmi);
  let isUnloading = false;
  let lastBytes = 0;

  /** @type {'new' | 'running' | 'terminated'} */
  let phase = 'new';
  /** @type {string | null} error code set by this wrapper for the last call, or null */
  let ownError = null;
  /** @type {null | 'commit-false' | 'throw' | 'disappear' | 'initialize-false'} */
  let faultKind = null;
  /** @type {{ method: string, args: string[], result: string | null, error: string | null, threw: boolean, at: number }[]} */
  const calls = [];
  /** @type {string[]} */
  const violations = [];
  /** @type {any} */
  let committedCmi = options.cmi ? JSON.parse(JSON.stringify(options.cmi)) : null;

  const snapshot = () => JSON.parse(JSON.stringify(inner.renderCommitCMI(true))).cmi;
  /** Moodle's 2004 commit: the whole data model; refused while unloading when over the beacon limit. */
  const moodleSendFails = () => {
    if (!moodle) return false;
    lastBytes = formSize(snapshot(), 'cmi');
    return isUnloading && lastBytes > beaconLimit;
  };
  /** Moodle keeps the SCO's success_status; scorm-again would judge score.scaled against the passing score. */
  const storedSuccess = () => /** @type {any} */ (inner).cmi.success_status;

  /**
   * @param {string} method
   * @param {string[]} args
   * @param {() => string} body
   */
  const wrap = (method, args, body) => {
    if (faultKind === 'throw' || faultKind === 'disappear') {
      calls.push({ method, args, result: null, error: null, threw: true, at: Date.now() });
      throw faultKind === 'throw'
        ? new Error(`LMS error in ${method} (fault injection)`)
        : new TypeError('The LMS API is no longer available (fault injection)');
    }
    ownError = null;
    const result = String(body());
    const isError = result === 'false' || ownError !== null;
    const error = isError || method === names.getValue ? (ownError ?? String(inner[names.getLastError]())) : null;
    calls.push({ method, args, result, error, threw: false, at: Date.now() });
    return result;
  };

  /**
   * @param {string} what
   * @param {string} code
   * @param {string} failValue
   */
  const refuse = (what, code, failValue) => {
    violations.push(what);
    ownError = code;
    return failValue;
  };

  /**
   * @param {'getValue' | 'setValue' | 'commit' | 'terminate'} kind
   * @param {string} failValue
   */
  const guardPhase = (kind, failValue) => {
    if (phase === 'new') {
      const code = typeof errors.beforeInit === 'string' ? errors.beforeInit : errors.beforeInit[kind];
      return refuse(`${names[kind]} before ${names.initialize}`, code, failValue);
    }
    if (phase === 'terminated') {
      const code = typeof errors.afterFinish === 'string' ? errors.afterFinish : errors.afterFinish[kind];
      return refuse(`${names[kind]} after ${names.terminate}`, code, failValue);
    }
    return null;
  };

  /** @type {Record<string, (...args: string[]) => string>} */
  const api = {
    [names.initialize]: (/** @type {string} */ arg = '') =>
      wrap(names.initialize, [arg], () => {
        if (faultKind === 'initialize-false') {
          ownError = version === '12' ? '101' : '102';
          return 'false';
        }
        if (phase === 'terminated' && options.reinitialise) {
          // A new session on the same API object, with what was stored (Moodle's 1.2 player).
          inner = makeInner(committedCmi ? cmiForRelaunch(version, committedCmi) : null);
          const again = inner[names.initialize](arg);
          if (again === 'true') phase = 'running';
          return again;
        }
        if (phase !== 'new') return refuse(`second ${names.initialize}`, phase === 'terminated' && version === '2004' ? '104' : errors.secondInit, 'false');
        const result = inner[names.initialize](arg);
        if (result === 'true') phase = 'running';
        return result;
      }),
    [names.getValue]: (/** @type {string} */ element) =>
      wrap(names.getValue, [element], () => guardPhase('getValue', '') ?? (moodle && element === 'cmi.success_status' ? storedSuccess() : inner[names.getValue](element))),
    [names.setValue]: (/** @type {string} */ element, /** @type {string} */ value) =>
      wrap(names.setValue, [element, value], () => {
        const refused = guardPhase('setValue', 'false');
        if (refused !== null) return refused;
        const limit = version === '12' ? LIMITS_12[/** @type {keyof typeof LIMITS_12} */ (element)] : undefined;
        if (limit !== undefined && String(value).length > limit)
          return refuse(`${element} over ${limit} characters (${String(value).length})`, errors.typeMismatch, 'false');
        if (moodle) {
          const numeric = /^cmi\.interactions\.(\d+)\.(learner_response|correct_responses\.\d+\.pattern)$/.exec(element);
          if (numeric && inner[names.getValue](`cmi.interactions.${numeric[1]}.type`) === 'numeric') {
            const nodes = String(value).split('[:]');
            if (nodes.some((n) => n !== '' && !MOODLE_DECIMAL.test(n))) {
              // Moodle refuses it without counting it as a breach of the spec: record nothing.
              ownError = '406';
              return 'false';
            }
          }
        }
        return inner[names.setValue](element, value);
      }),
    [names.commit]: (/** @type {string} */ arg = '') =>
      wrap(names.commit, [arg], () => {
        const refused = guardPhase('commit', 'false');
        if (refused !== null) return refused;
        if (faultKind === 'commit-false') {
          ownError = errors.commitFailed;
          return 'false';
        }
        if (moodleSendFails()) {
          ownError = '101';
          return 'false';
        }
        const result = inner[names.commit](arg);
        if (result === 'true') {
          committedCmi = snapshot();
          options.onCommit?.(committedCmi);
        }
        return result;
      }),
    [names.terminate]: (/** @type {string} */ arg = '') =>
      wrap(names.terminate, [arg], () => {
        const refused = guardPhase('terminate', 'false');
        if (refused !== null) return refused;
        if (faultKind === 'commit-false' || moodleSendFails()) {
          // The LMS cannot store: the session ends but nothing new is kept.
          phase = 'terminated';
          ownError = faultKind === 'commit-false' ? errors.commitFailed : '101';
          return 'false';
        }
        const success = moodle ? storedSuccess() : null;
        const result = inner[names.terminate](arg);
        if (moodle) /** @type {any} */ (inner).cmi.success_status = success;
        phase = 'terminated';
        committedCmi = snapshot();
        options.onCommit?.(committedCmi);
        return result;
      }),
    [names.getLastError]: () => (ownError ?? String(inner[names.getLastError]())),
    [names.getErrorString]: (/** @type {string} */ code) => String(inner[names.getErrorString](code)),
    [names.getDiagnostic]: (/** @type {string} */ code) => String(inner[names.getDiagnostic](code))
  };

  return {
    api,
    get inner() {
      return inner;
    },
    calls,
    violations,
    get phase() {
      return phase;
    },
    /** The CMI as last committed (or finished): what the LMS would have stored. */
    committed: () => committedCmi,
    /** Bytes of the last whole-model commit (moodle2004), 0 otherwise. */
    lastCommitBytes: () => lastBytes,
    /** @param {boolean} value the course page is unloading (Moodle then sends with sendBeacon) */
    unloading(value) {
      isUnloading = value;
    },
    /** @param {null | 'commit-false' | 'throw' | 'disappear' | 'initialize-false'} kind */
    fault(kind) {
      faultKind = kind;
    }
  };
}

/**
 * The stored CMI prepared for the next launch: entry = resume when the SCO exited with suspend
 * (1.2 RTE 3.4.2.1.3; 2004 RTE 4.2.7), ab-initio otherwise; session values cleared; a normal,
 * credit launch.
 * @param {'12' | '2004'} version
 * @param {any} cmi
 */
export function cmiForRelaunch(version, cmi) {
  const next = JSON.parse(JSON.stringify(cmi));
  // A launch's mode and credit are the LMS's choice for that launch: a normal one, with credit.
  if (version === '12') {
    next.core.entry = next.core.exit === 'suspend' ? 'resume' : '';
    next.core.exit = '';
    next.core.session_time = '';
    next.core.lesson_mode = 'normal';
    next.core.credit = 'credit';
  } else {
    next.entry = next.exit === 'suspend' ? 'resume' : '';
    next.exit = '';
    next.session_time = '';
    next.mode = 'normal';
    next.credit = 'credit';
  }
  return next;
}

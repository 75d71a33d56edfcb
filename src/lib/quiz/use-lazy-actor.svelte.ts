/**
 * useActor (use-actor.svelte.ts) for a machine whose module is loaded on demand, so a view can
 * paint without XState (issue 15: a lesson's knowledge check on its first screen). Until the
 * machine arrives the view reads `initial`, which must be the machine's first snapshot (value and
 * context; knowledge-check.initial.ts builds it with the machine's own function). Events sent
 * before then are kept and replayed in order once the actor starts, after the `on` listeners are
 * attached, so an answer given or a check pressed while the chunk is on its way is not lost.
 * Only `import type` from xstate here: its code comes with the machine's module, which gives the
 * actor's factory (`createActor` with its machine; importing xstate's namespace here would keep
 * all of it in the build, 7 KB more).
 */
import type { Actor, AnyStateMachine, EmittedFrom, EventFromLogic, InputFrom, SnapshotFrom } from 'xstate';

/** What the view reads of a snapshot: the same before and after the machine loads. */
export type ViewSnapshot<TMachine extends AnyStateMachine> = Pick<SnapshotFrom<TMachine>, 'value' | 'context'>;

export interface LazyActor<TMachine extends AnyStateMachine> {
  readonly snapshot: ViewSnapshot<TMachine>;
  /** Sent to the actor, or kept for it until it starts. */
  send(event: EventFromLogic<TMachine>): void;
  /** Events sent before the actor started, in order (empty once it runs). */
  readonly pending: readonly EventFromLogic<TMachine>[];
  /** Listens to an emitted event (attached before the replay); removed when the component is destroyed. */
  on<TType extends EmittedFrom<TMachine>['type']>(type: TType, listener: (event: Extract<EmittedFrom<TMachine>, { type: TType }>) => void): void;
  /** Starts loading the machine (once; again after a failure). */
  load(): void;
  /** The actor runs. */
  readonly ready: boolean;
  /** The last load failed (offline, or a package updated in place); `load()` tries again. */
  readonly failed: boolean;
  /** Resolves once the actor runs and the events sent before have been replayed. */
  readonly started: Promise<void>;
}

/** Call during component initialisation (it registers a teardown with `$effect`). */
export function useLazyActor<TMachine extends AnyStateMachine>(
  loadActor: () => Promise<(input: InputFrom<TMachine>) => Actor<TMachine>>,
  input: InputFrom<TMachine>,
  initial: ViewSnapshot<TMachine>
): LazyActor<TMachine> {
  let snapshot = $state.raw<ViewSnapshot<TMachine>>(initial);
  let pending = $state.raw<EventFromLogic<TMachine>[]>([]);
  let failed = $state(false);
  let actor: Actor<TMachine> | null = $state.raw(null);
  let loading: Promise<void> | null = null;
  let destroyed = false;
  const listeners: { type: string; listener: (event: never) => void }[] = [];
  const teardown: (() => void)[] = [];
  let resolveStarted!: () => void;
  const started = new Promise<void>((resolve) => (resolveStarted = resolve));

  function start(createActor: (input: InputFrom<TMachine>) => Actor<TMachine>) {
    if (destroyed || actor) return;
    const live = createActor(input);
    const subscription = live.subscribe((next) => {
      snapshot = next as SnapshotFrom<TMachine>;
    });
    teardown.push(() => subscription.unsubscribe());
    for (const { type, listener } of listeners) {
      const handle = live.on(type, listener as never);
      teardown.push(() => handle.unsubscribe());
    }
    live.start();
    const queued = pending;
    for (const event of queued) live.send(event);
    snapshot = live.getSnapshot() as SnapshotFrom<TMachine>;
    pending = [];
    actor = live;
    resolveStarted();
  }

  function load() {
    if (actor || destroyed || loading) return;
    // A new try is under way: no longer "failed" (the view says it is checking again).
    failed = false;
    loading = loadActor().then(
      (createActor) => {
        failed = false;
        start(createActor);
      },
      () => {
        loading = null;
        failed = true;
      }
    );
  }

  $effect(() => () => {
    destroyed = true;
    for (const stop of teardown) stop();
    actor?.stop();
  });

  return {
    get snapshot() {
      return snapshot;
    },
    send(event) {
      if (actor) return actor.send(event);
      pending = [...pending, event];
      load();
    },
    get pending() {
      return pending;
    },
    on(type, listener) {
      listeners.push({ type, listener: listener as never });
      if (!actor) return;
      const handle = actor.on(type, listener as never);
      teardown.push(() => handle.unsubscribe());
    },
    load,
    get ready() {
      return actor !== null;
    },
    get failed() {
      return failed;
    },
    started
  };
}

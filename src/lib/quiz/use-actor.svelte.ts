/**
 * The small adapter between an XState machine and a Svelte 5 view: starts an actor, mirrors its
 * snapshot into a rune so the view re-renders on every transition, and stops it with the
 * component. (Used instead of @xstate/svelte, which returns Svelte 4 stores, to keep xstate the
 * quiz engine's only runtime dependency.)
 */
import { createActor, type Actor, type AnyStateMachine, type EmittedFrom, type EventFromLogic, type InputFrom, type SnapshotFrom } from 'xstate';

/**
 * XState's createActor, for a machine module that makes its own actor (knowledge-check.machine.ts,
 * loaded on demand): taken from here, it keeps XState and this adapter one chunk for every view
 * (otherwise each lesson with a sort or a scenario names two in the launch preload map).
 */
export { createActor };

export interface BoundActor<TMachine extends AnyStateMachine> {
  readonly snapshot: SnapshotFrom<TMachine>;
  send(event: EventFromLogic<TMachine>): void;
  /** Listens to an emitted event; the listener is removed when the component is destroyed. */
  on<TType extends EmittedFrom<TMachine>['type']>(type: TType, listener: (event: Extract<EmittedFrom<TMachine>, { type: TType }>) => void): void;
  readonly actor: Actor<TMachine>;
}

/** Call during component initialisation (it registers a teardown with `$effect`). */
export function useActor<TMachine extends AnyStateMachine>(machine: TMachine, input: InputFrom<TMachine>): BoundActor<TMachine> {
  const actor = createActor(machine, { input }) as Actor<TMachine>;
  let snapshot = $state.raw(actor.getSnapshot() as SnapshotFrom<TMachine>);
  const subscription = actor.subscribe((next) => {
    snapshot = next as SnapshotFrom<TMachine>;
  });
  const listeners: { unsubscribe(): void }[] = [];
  actor.start();
  snapshot = actor.getSnapshot() as SnapshotFrom<TMachine>;
  $effect(() => () => {
    subscription.unsubscribe();
    for (const l of listeners) l.unsubscribe();
    actor.stop();
  });
  return {
    get snapshot() {
      return snapshot;
    },
    send: (event) => actor.send(event),
    on: (type, listener) => {
      listeners.push(actor.on(type, listener as never));
    },
    actor
  };
}

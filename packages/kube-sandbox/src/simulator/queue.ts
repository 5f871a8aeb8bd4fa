import { Clock } from '../clock';

/** The simulator's work queue: keys to reconcile now, or at a time of the sandbox clock. */
export interface WorkQueue {
  /** Queues a key now (`delayMs` 0) or later; an earlier time already queued wins. */
  enqueue(key: string, delayMs?: number): void;
  /** Runs every key due now, and what they queue, until nothing is due. */
  drain(): void;
  stop(): void;
}

/** More keys than this in one drain means a controller keeps rewriting: stop and report. */
const RUNAWAY = 200_000;

/** Creates a queue that runs `run` for each key, draining after every clock step. */
export function createWorkQueue(
  clock: Clock,
  run: (key: string) => void,
  onRunaway: (key: string) => void,
): WorkQueue {
  const ready = new Set<string>();
  const timers = new Map<string, { at: number; cancel: () => void }>();
  let immediate: NodeJS.Immediate | undefined;
  let draining = false;
  let stopped = false;

  const drain = () => {
    if (draining || stopped) return;
    draining = true;
    try {
      let runs = 0;
      for (const key of ready) {
        ready.delete(key);
        if (++runs > RUNAWAY) {
          onRunaway(key);
          ready.clear();
          break;
        }
        run(key);
      }
    } finally {
      draining = false;
    }
  };
  const detach = clock.attach(drain);
  const soon = () => {
    if (immediate || stopped) return;
    immediate = setImmediate(() => {
      immediate = undefined;
      drain();
    });
  };

  return {
    enqueue(key, delayMs = 0) {
      if (stopped) return;
      if (delayMs <= 0) {
        ready.add(key);
        soon();
        return;
      }
      const at = clock.now() + delayMs;
      const existing = timers.get(key);
      if (existing && existing.at <= at) return;
      existing?.cancel();
      const cancel = clock.schedule(at, () => {
        timers.delete(key);
        ready.add(key);
      });
      timers.set(key, { at, cancel });
    },
    drain,
    stop() {
      stopped = true;
      detach();
      timers.forEach(t => t.cancel());
      timers.clear();
      ready.clear();
      if (immediate) clearImmediate(immediate);
    },
  };
}

import { Schedule } from '../service/kubernetes/resourceWatch';

/** A wait on a {@link manualClock}, until the test fires it. */
export interface PendingWait {
  ms: number;
  fire(): void;
}

/**
 * A clock that moves only by hand: backoffs and rediscoveries wait until the test fires them,
 * so it sees what happens without any of them elapsing. Zero waits (a watch resumed, a relist)
 * are no backoff and run at once, as on real timers. Sockets and everything else keep real time.
 */
export function manualClock() {
  const waits = new Set<PendingWait>();
  const schedule: Schedule = (fn, ms) => {
    if (ms === 0) {
      const immediate = setImmediate(fn);
      return () => clearImmediate(immediate);
    }
    const wait: PendingWait = {
      ms,
      fire() {
        waits.delete(wait);
        fn();
      },
    };
    waits.add(wait);
    return () => {
      waits.delete(wait);
    };
  };
  return { schedule, pending: () => [...waits] };
}

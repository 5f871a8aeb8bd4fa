/**
 * The time of a sandbox: what its API servers stamp on objects (creationTimestamp, managedFields,
 * deletionTimestamp) and what its simulator's kubelets and operators wait on. It runs at a speed
 * (1 is real time, 60 makes a minute pass each second) or stands still (speed 0) and moves only
 * when told, so tests drive minutes of cluster life without sleeping.
 * @public
 */
export interface Clock {
  /** The current time in epoch milliseconds. */
  now(): number;
  /** Simulated milliseconds per real millisecond; 0 when time moves only by {@link Clock.advance}. */
  speed(): number;
  setSpeed(speed: number): void;
  /**
   * Moves time forward by `ms`, running every timer that falls due on the way, each at its own
   * time and in order, with the attached work drained before and after each one.
   */
  advance(ms: number): void;
  /** Moves time forward to `time` (no-op when it is already past). */
  advanceTo(time: number): void;
  /** Runs `fn` when the time reaches `at`; returns a function that cancels it. */
  schedule(at: number, fn: () => void): () => void;
  /**
   * Registers work to drain synchronously around each timer (a simulator's queue), so that a
   * stepped clock sees every consequence of one moment before the next. Returns a detach function.
   */
  attach(drain: () => void): () => void;
  /** Cancels every timer (the sandbox stopped). */
  stop(): void;
}

/** Options of {@link createClock}. @public */
export interface ClockOptions {
  /** The time to start at (epoch ms or Date). Default: now. */
  start?: number | Date;
  /** Default 1 (real time). 0 makes a clock that moves only when advanced. */
  speed?: number;
}

interface Timer {
  at: number;
  seq: number;
  fn: () => void;
}

/** Creates a clock. @public */
export function createClock(options: ClockOptions = {}): Clock {
  const start =
    options.start instanceof Date
      ? options.start.getTime()
      : options.start ?? Date.now();
  // now() = base + (real time since anchor) × speed
  let base = start;
  let anchor = Date.now();
  let speed = options.speed ?? 1;
  let seq = 0;
  let timers: Timer[] = [];
  const drains = new Set<() => void>();
  let handle: NodeJS.Timeout | undefined;
  let stepping = false;

  const now = () => base + (speed > 0 ? (Date.now() - anchor) * speed : 0);
  const drainAll = () => drains.forEach(d => d());
  const nextDue = (limit: number) => {
    let best: Timer | undefined;
    for (const t of timers) {
      if (
        t.at <= limit &&
        (!best || t.at < best.at || (t.at === best.at && t.seq < best.seq))
      )
        best = t;
    }
    return best;
  };

  // Runs every timer due by `limit`, stepping time to each one's moment when stepping is allowed.
  const runDue = (limit: number, step: boolean) => {
    if (stepping) return;
    stepping = true;
    try {
      drainAll();
      for (let timer = nextDue(limit); timer; timer = nextDue(limit)) {
        timers = timers.filter(t => t !== timer);
        if (step && timer.at > now()) {
          base = timer.at;
          anchor = Date.now();
        }
        try {
          timer.fn();
        } catch (error) {
          // One failing timer must not stop time for the others.
          // eslint-disable-next-line no-console
          console.error('kube-sandbox: a clock timer failed', error);
        }
        drainAll();
      }
    } finally {
      stepping = false;
    }
  };

  const arm = () => {
    if (handle) clearTimeout(handle);
    handle = undefined;
    if (speed <= 0 || !timers.length) return;
    const earliest = Math.min(...timers.map(t => t.at));
    const wait = Math.max(0, (earliest - now()) / speed);
    handle = setTimeout(() => {
      handle = undefined;
      runDue(now(), false);
      arm();
    }, Math.min(wait, 2 ** 31 - 1));
    handle.unref?.();
  };

  return {
    now,
    speed: () => speed,
    setSpeed(next) {
      base = now();
      anchor = Date.now();
      speed = Math.max(0, next);
      arm();
    },
    advance(ms) {
      const target = now() + Math.max(0, ms);
      runDue(target, true);
      if (target > now()) {
        base = target;
        anchor = Date.now();
      }
      drainAll();
      arm();
    },
    advanceTo(time) {
      this.advance(time - now());
    },
    schedule(at, fn) {
      const timer = { at, seq: seq++, fn };
      timers.push(timer);
      arm();
      return () => {
        timers = timers.filter(t => t !== timer);
      };
    },
    attach(drain) {
      drains.add(drain);
      return () => {
        drains.delete(drain);
      };
    },
    stop() {
      timers = [];
      if (handle) clearTimeout(handle);
      handle = undefined;
    },
  };
}

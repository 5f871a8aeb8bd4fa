import { useApiHolder } from '@backstage/frontend-plugin-api';
import { signalApiRef } from '@backstage/plugin-signals-react';
import {
  DependencyList,
  useCallback,
  useEffect,
  useRef,
  useState,
} from 'react';
import { shareUnchanged } from './shareUnchanged';

/**
 * A value loaded once and then again every `intervalMs`, as the screens show it.
 */
export interface PolledValue<T> {
  /** The last value loaded; kept while a refresh runs and when one fails. */
  value?: T;
  /** Why the last load failed; cleared by the next success. */
  error?: Error;
  /** True until the first load has finished, successfully or not. */
  loading: boolean;
  /** Epoch milliseconds of the last successful load. */
  loadedAt?: number;
  /** Loads again now. */
  retry: () => void;
}

/**
 * With signals, polling is only the safety net for a lost connection: this many times slower.
 */
export const SIGNAL_SAFETY_NET_FACTOR = 10;
/** A signal's reload waits a random delay up to this, so a fleet of tabs does not refetch at once. */
export const SIGNAL_JITTER_MS = 1_000;
// Revisions remembered, so that replicas publishing the same change one after the other
// (A, B, then A, B again from a replica a moment behind) cost no extra reload.
const SEEN_REVISIONS = 16;

/**
 * Loads a value, then reloads it every `intervalMs` (never when it is 0) without ever
 * dropping what is on screen: the previous value stays while a reload runs or after it
 * fails, so tables keep their sorting, filters and expanded rows. What a reload did not
 * change keeps its identity, so memoized views of it do not re-render. Reloads never
 * overlap. A change in `deps` starts over.
 *
 * With a `signalChannel` and the signals plugin installed, a message with a revision not
 * seen before reloads once, after a random delay of up to {@link SIGNAL_JITTER_MS}; messages
 * arriving meanwhile join that reload. Polling then only runs
 * {@link SIGNAL_SAFETY_NET_FACTOR} times slower, as a safety net.
 */
export function usePolledValue<T>(
  load: () => Promise<T>,
  intervalMs: number,
  deps: DependencyList,
  options: { signalChannel?: string } = {},
): PolledValue<T> {
  const [state, setState] = useState<Omit<PolledValue<T>, 'retry'>>({
    loading: true,
  });
  const [attempt, setAttempt] = useState(0);
  const loadRef = useRef(load);
  loadRef.current = load;
  const reloadRef = useRef<() => void>(() => {});
  const { signalChannel } = options;
  const signals = useApiHolder().get(signalApiRef);
  const live = Boolean(signalChannel && signals);
  const pollMs = live ? intervalMs * SIGNAL_SAFETY_NET_FACTOR : intervalMs;

  useEffect(() => {
    setState({ loading: true });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps);

  useEffect(() => {
    let cancelled = false;
    let running = false;
    let again = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const run = async () => {
      running = true;
      try {
        const value = await loadRef.current();
        if (cancelled) return;
        setState(previous => ({
          value: shareUnchanged(previous.value, value),
          loading: false,
          loadedAt: Date.now(),
        }));
      } catch (error) {
        if (cancelled) return;
        setState(previous => ({
          ...previous,
          loading: false,
          error: error instanceof Error ? error : new Error(String(error)),
        }));
      } finally {
        running = false;
      }
      if (cancelled) return;
      if (again) {
        again = false;
        run();
      } else if (pollMs > 0) {
        timer = setTimeout(run, pollMs);
      }
    };
    reloadRef.current = () => {
      if (running) {
        again = true;
        return;
      }
      if (timer) clearTimeout(timer);
      run();
    };
    run();
    return () => {
      cancelled = true;
      if (timer) clearTimeout(timer);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, pollMs, attempt]);

  useEffect(() => {
    if (!signalChannel || !signals) return undefined;
    const seen: string[] = [];
    let pending: ReturnType<typeof setTimeout> | undefined;
    const subscription = signals.subscribe(signalChannel, message => {
      const revision = String(message.revision);
      if (seen.includes(revision)) return;
      seen.push(revision);
      if (seen.length > SEEN_REVISIONS) seen.shift();
      if (pending) return;
      pending = setTimeout(() => {
        pending = undefined;
        reloadRef.current();
      }, Math.random() * SIGNAL_JITTER_MS);
    });
    return () => {
      subscription.unsubscribe();
      if (pending) clearTimeout(pending);
    };
  }, [signals, signalChannel]);

  const retry = useCallback(() => setAttempt(n => n + 1), []);
  return { ...state, retry };
}

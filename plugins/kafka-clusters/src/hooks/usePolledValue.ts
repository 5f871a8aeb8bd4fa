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
 * Loads a value, then reloads it every `intervalMs` (never when it is 0) without ever
 * dropping what is on screen: the previous value stays while a reload runs or after it
 * fails, so tables keep their sorting, filters and expanded rows. What a reload did not
 * change keeps its identity, so memoized views of it do not re-render. Reloads never
 * overlap. A change in `deps` starts over.
 */
export function usePolledValue<T>(
  load: () => Promise<T>,
  intervalMs: number,
  deps: DependencyList,
): PolledValue<T> {
  const [state, setState] = useState<Omit<PolledValue<T>, 'retry'>>({
    loading: true,
  });
  const [attempt, setAttempt] = useState(0);
  const loadRef = useRef(load);
  loadRef.current = load;

  useEffect(() => {
    setState({ loading: true });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps);

  useEffect(() => {
    let cancelled = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const run = async () => {
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
      }
      if (!cancelled && intervalMs > 0) {
        timer = setTimeout(run, intervalMs);
      }
    };
    run();
    return () => {
      cancelled = true;
      if (timer) clearTimeout(timer);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, intervalMs, attempt]);

  const retry = useCallback(() => setAttempt(n => n + 1), []);
  return { ...state, retry };
}

/**
 * Runs `fn` every `ms`, never two at once: a run that takes longer than the period skips the
 * ticks it overlaps. Returns a function that stops it.
 */
export function runEvery(
  ms: number,
  fn: () => Promise<void>,
  onError: (error: Error) => void,
): () => void {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    fn()
      .catch(error => onError(error as Error))
      .finally(() => {
        running = false;
      });
  }, ms);
  timer.unref();
  return () => clearInterval(timer);
}

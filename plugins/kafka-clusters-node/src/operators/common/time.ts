/** Epoch milliseconds of a Kubernetes timestamp, `undefined` when absent or unreadable. */
export function parseTime(value: string | undefined): number | undefined {
  if (!value) {
    return undefined;
  }
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : ms;
}

/**
 * Normalises a Kubernetes timestamp to ISO 8601 with milliseconds. The sources disagree on the
 * format (`+0000` offsets, nanoseconds); the model promises one.
 */
export function isoTime(value: string | undefined): string | undefined {
  const ms = parseTime(value);
  return ms === undefined ? undefined : new Date(ms).toISOString();
}

/** Seconds from `since` to `now`, `undefined` when `since` is unknown. */
export function ageSeconds(
  since: string | undefined,
  now: Date,
): number | undefined {
  const ms = parseTime(since);
  return ms === undefined ? undefined : (now.getTime() - ms) / 1000;
}

/** The latest of the given timestamps, as ISO 8601. */
export function latestTime(
  ...values: (string | undefined)[]
): string | undefined {
  let latest: number | undefined;
  for (const value of values) {
    const ms = parseTime(value);
    if (ms !== undefined && (latest === undefined || ms > latest)) {
      latest = ms;
    }
  }
  return latest === undefined ? undefined : new Date(latest).toISOString();
}

import { formatDuration, secondsSince } from './time';

/**
 * How long ago an ISO 8601 time was (`12 min ago`, or `for 12 min` as a duration), with
 * the exact local time on hover and in the `datetime` attribute for assistive technology.
 */
export function RelativeTime(props: {
  iso: string;
  prefix?: string;
  format?: 'ago' | 'duration';
}) {
  const { iso, prefix, format = 'ago' } = props;
  const exact = new Date(iso);
  return (
    <time
      dateTime={iso}
      title={Number.isNaN(exact.getTime()) ? iso : exact.toLocaleString()}
    >
      {prefix}
      {formatDuration(secondsSince(iso))}
      {format === 'ago' ? ' ago' : ''}
    </time>
  );
}

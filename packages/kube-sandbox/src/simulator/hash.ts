import { createHash } from 'node:crypto';

const SAFE = 'bcdfghjklmnpqrstvwxz2456789';

function digest(input: string): Buffer {
  return createHash('sha256').update(input).digest();
}

/**
 * A short hash in the alphabet Kubernetes uses for generated names and revision hashes
 * (`controller-revision-hash: kafka-7d9f8c6b5`), stable for the same input.
 */
export function safeHash(input: string, length = 9): string {
  return [...digest(input).subarray(0, length)]
    .map(b => SAFE[b % SAFE.length])
    .join('');
}

/** Lower-case hex of the given length (Strimzi revisions, container IDs, image digests). */
export function hexHash(input: string, length = 8): string {
  let out = '';
  for (let i = 0; out.length < length; i++) {
    out += digest(`${i}:${input}`).toString('hex');
  }
  return out.slice(0, length);
}

/** A Kafka cluster ID: 16 bytes as 22 characters of URL-safe base64, as Kafka prints them. */
export function kafkaClusterId(seed: string): string {
  return digest(seed).subarray(0, 16).toString('base64url');
}

/** A stable number in [0, n) for spreading pods over nodes and addresses. */
export function bucket(input: string, n: number): number {
  return digest(input).readUInt32BE(0) % n;
}

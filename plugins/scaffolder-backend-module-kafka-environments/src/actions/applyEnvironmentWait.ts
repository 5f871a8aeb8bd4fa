import {
  AuthService,
  DiscoveryService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import type {
  KafkaClusterResponse,
  KafkaClusterStatus,
} from '@k8s-kafka/plugin-kafka-clusters-common';

/** A Kafka cluster the apply wrote, to wait for. */
export interface KafkaToWait {
  cluster: string;
  namespace: string;
  name: string;
}

/** How the wait reaches the kafka-clusters backend. */
export interface HealthWaitOptions {
  discovery: DiscoveryService;
  auth: AuthService;
  logger: LoggerService;
  signal?: AbortSignal;
  timeoutMs: number;
  pollIntervalMs: number;
}

/** Resolves after `ms`, or rejects at once when the signal aborts. */
function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(cancelled());
      return;
    }
    let timer: ReturnType<typeof setTimeout> | undefined = undefined;
    const onAbort = () => {
      clearTimeout(timer);
      reject(cancelled());
    };
    timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

function cancelled() {
  return new Error(
    'Cancelled while waiting for the environment to become healthy',
  );
}

const refOf = (k: KafkaToWait) => `${k.cluster}/${k.namespace}/${k.name}`;

function group(label: string, g?: { desired?: number; ready?: number }) {
  if (!g || g.desired === undefined) return undefined;
  return `${g.ready ?? 0}/${g.desired} ${label} ready`;
}

/** "progressing: 2/3 brokers ready, 3/3 controllers ready". */
export function describeProgress(status: KafkaClusterStatus): string {
  const parts = [
    group('brokers', status.brokers),
    group('controllers', status.controllers),
  ].filter(Boolean);
  return `${status.health}${parts.length ? `: ${parts.join(', ')}` : ''}`;
}

function reasonsOf(status: KafkaClusterStatus): string {
  const reasons = status.reasons
    .slice(0, 5)
    .map(r => `${r.code}: ${r.message}`);
  return reasons.length ? reasons.join('; ') : 'no reason given';
}

/**
 * Polls the kafka-clusters backend (`/clusters/:cluster/namespaces/:ns/kafkas/:name`, the
 * verdict of the Kafka tab) with this plugin's own service credentials until every Kafka is
 * `healthy`, logging each change of progress. Rejects on timeout with what holds each back,
 * and at once when the signal aborts.
 */
export async function waitUntilHealthy(
  kafkas: KafkaToWait[],
  options: HealthWaitOptions,
): Promise<Record<string, KafkaClusterStatus | undefined>> {
  const { discovery, auth, logger, signal } = options;
  const deadline = Date.now() + options.timeoutMs;
  const baseUrl = await discovery.getBaseUrl('kafka-clusters');
  const last: Record<string, KafkaClusterStatus | undefined> = {};
  const said: Record<string, string> = {};
  const say = (kafka: KafkaToWait, line: string) => {
    const ref = refOf(kafka);
    if (said[ref] === line) return;
    said[ref] = line;
    logger.info(`Kafka ${ref}: ${line}`);
  };

  for (;;) {
    if (signal?.aborted) throw cancelled();
    const { token } = await auth.getPluginRequestToken({
      onBehalfOf: await auth.getOwnServiceCredentials(),
      targetPluginId: 'kafka-clusters',
    });
    for (const kafka of kafkas) {
      const url = `${baseUrl}/clusters/${encodeURIComponent(
        kafka.cluster,
      )}/namespaces/${encodeURIComponent(
        kafka.namespace,
      )}/kafkas/${encodeURIComponent(kafka.name)}`;
      let response: Response;
      try {
        response = await fetch(url, {
          headers: { Authorization: `Bearer ${token}` },
          signal,
        });
      } catch (error) {
        if (signal?.aborted) throw cancelled();
        say(kafka, `the kafka-clusters backend cannot be reached (${error})`);
        continue;
      }
      if (response.status === 404) {
        await response.body?.cancel();
        say(kafka, 'not seen by the kafka-clusters backend yet');
        continue;
      }
      if (!response.ok) {
        await response.body?.cancel();
        say(kafka, `the kafka-clusters backend answered ${response.status}`);
        continue;
      }
      const { status } = (await response.json()) as KafkaClusterResponse;
      last[refOf(kafka)] = status;
      say(kafka, describeProgress(status));
    }
    if (kafkas.every(k => last[refOf(k)]?.health === 'healthy')) return last;
    if (Date.now() >= deadline) {
      const held = kafkas
        .filter(k => last[refOf(k)]?.health !== 'healthy')
        .map(k => {
          const status = last[refOf(k)];
          return status
            ? `${refOf(k)} is ${describeProgress(status)} (${reasonsOf(
                status,
              )})`
            : `${refOf(k)} ${said[refOf(k)] ?? 'was not seen'}`;
        });
      throw new Error(
        `Timed out after ${Math.round(
          options.timeoutMs / 1000,
        )} s waiting for the environment to become healthy: ${held.join('; ')}`,
      );
    }
    await sleep(
      Math.min(options.pollIntervalMs, Math.max(0, deadline - Date.now())),
      signal,
    );
  }
}

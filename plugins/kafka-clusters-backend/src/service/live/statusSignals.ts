import { LoggerService } from '@backstage/backend-plugin-api';
import { SignalsService } from '@backstage/plugin-signals-node';
import {
  KAFKA_STATUS_SIGNAL_CHANNEL,
  KafkaStatusSignal,
} from '@k8s-kafka/plugin-kafka-clusters-common';
import { ServedStatuses } from '../aging';
import { FleetCache } from '../cache/fleetCache';
import { statusRevision } from './statusRevision';

/** How often the served state is compared with what was last published. */
export const SIGNAL_CHECK_EVERY_MS = 250;

/**
 * Publishes a broadcast on {@link KAFKA_STATUS_SIGNAL_CHANNEL} whenever what the fleet's screens
 * show changes: a verdict, a reason, a count, a Kubernetes cluster's readability. The message
 * is the state's revision only; clients refetch through the permission-checked routes.
 *
 * The digest is taken again when a cache has rebuilt its statuses, and once a second because
 * aging alone can turn a verdict stale or unknown: the plugin runs `check` every
 * {@link SIGNAL_CHECK_EVERY_MS}.
 */
export function createStatusSignalPublisher(options: {
  fleet: FleetCache;
  served: ServedStatuses;
  signals: SignalsService;
  logger: LoggerService;
  /** Told of each revision published (the plugin's metrics and tests). */
  onPublish?: (revision: string) => void;
}): { check(): Promise<void> } {
  const { fleet, served, signals, logger } = options;
  let lastInputs: unknown[] = [];
  let published: string | undefined;
  let failing = false;

  // Cheap enough for every 250 ms: identities only. A cache's state and errors, which take
  // more to read, are digested with the rest once the second turns.
  function inputs(): unknown[] {
    return [
      Math.floor(Date.now() / 1000),
      ...[...fleet.clusters().values()].map(c => c.statuses()),
    ];
  }

  async function check() {
    const now = inputs();
    if (
      now.length === lastInputs.length &&
      now.every((value, i) => value === lastInputs[i])
    ) {
      return;
    }
    lastInputs = now;
    const revision = statusRevision(served.all(), fleet.cacheStatuses());
    if (revision === published) return;
    try {
      await signals.publish<KafkaStatusSignal>({
        recipients: { type: 'broadcast' },
        channel: KAFKA_STATUS_SIGNAL_CHANNEL,
        message: { revision },
      });
      published = revision;
      failing = false;
      options.onPublish?.(revision);
    } catch (error) {
      // Clients still poll as a safety net; say it once per outage, and try again next check.
      if (!failing) {
        logger.warn(
          `Cannot publish the Kafka status signal: ${(error as Error).message}`,
        );
      }
      failing = true;
      lastInputs = [];
    }
  }

  return { check };
}

import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import {
  Entity,
  RELATION_OWNED_BY,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { NotificationService } from '@backstage/plugin-notifications-node';
import {
  ANNOTATION_KAFKA_REF,
  KafkaClusterStatus,
  RESOURCE_TYPES,
  stringifyKafkaClusterRef,
} from '@k8s-kafka/plugin-kafka-clusters-common';
import { ServedStatuses } from '../aging';
import { EpisodeStore } from './episodes';

/** `kafkaClusters.notifications`, read by config.ts. */
export interface OwnerNotificationSettings {
  enabled: boolean;
  /** A cluster degraded or unhealthy this long notifies its owners. */
  gracePeriodMs: number;
  /** Also notify the owners of the entities that depend on the cluster's Resource. */
  notifyDependents: boolean;
}

/** How often the served verdicts are compared with the open episodes. */
export const OWNER_CHECK_EVERY_MS = 1_000;
// After a failed send, the next attempt for the same cluster waits this long.
const RETRY_AFTER_MS = 60_000;

const isBad = (status: KafkaClusterStatus) =>
  status.health === 'degraded' || status.health === 'unhealthy';

/**
 * Tells the owners of a Kafka cluster that turned degraded or unhealthy and stayed so past the
 * grace period, once per episode whatever the number of backend replicas (the episode store
 * decides which replica sends), and tells them again, in the same notification, when it is
 * healthy again. `unknown` neither opens nor closes an episode: what could not be read is no
 * evidence of trouble, nor of recovery. The plugin runs `check` every
 * {@link OWNER_CHECK_EVERY_MS}.
 */
export function createOwnerNotifier(options: {
  served: ServedStatuses;
  episodes: EpisodeStore;
  notifications: NotificationService;
  catalog: CatalogService;
  auth: AuthService;
  logger: LoggerService;
  settings: OwnerNotificationSettings;
  now?: () => number;
}): { check(): Promise<void> } {
  const { served, episodes, notifications, catalog, auth, logger, settings } =
    options;
  const now = options.now ?? Date.now;
  const badSince = new Map<string, number>();
  const retryAt = new Map<string, number>();
  let open: Set<string> | undefined;

  async function recipientsOf(
    status: KafkaClusterStatus,
  ): Promise<{ owners: string[]; resource?: Entity }> {
    const credentials = await auth.getOwnServiceCredentials();
    const { items } = await catalog.getEntities(
      {
        filter: {
          kind: 'Resource',
          'spec.type': RESOURCE_TYPES.kafkaCluster,
          [`metadata.annotations.${ANNOTATION_KAFKA_REF}`]:
            stringifyKafkaClusterRef(status.ref),
        },
      },
      { credentials },
    );
    const resource = items[0];
    if (!resource) return { owners: [] };
    const owned = [resource];
    if (settings.notifyDependents) {
      const dependents = await catalog.getEntities(
        { filter: { 'relations.dependsOn': stringifyEntityRef(resource) } },
        { credentials },
      );
      owned.push(...dependents.items);
    }
    const owners = owned.flatMap(entity =>
      (entity.relations ?? [])
        .filter(r => r.type === RELATION_OWNED_BY)
        .map(r => r.targetRef),
    );
    return { owners: [...new Set(owners)].sort(), resource };
  }

  async function send(status: KafkaClusterStatus, recovered: boolean) {
    const { owners, resource } = await recipientsOf(status);
    const name = stringifyKafkaClusterRef(status.ref);
    if (owners.length === 0) {
      logger.info(
        `Kafka cluster ${name} is ${status.health}: no catalog owner to notify`,
      );
      return;
    }
    await notifications.send({
      recipients: { type: 'entity', entityRef: owners },
      payload: {
        topic: 'Kafka cluster health',
        // The same scope for the episode's two notices: the notifications backend updates the
        // first with the second.
        scope: `kafka-cluster:${name}`,
        link: linkOf(resource),
        ...(recovered
          ? {
              title: `Kafka cluster ${name} has recovered`,
              description: 'It is healthy again.',
              severity: 'normal',
            }
          : {
              title: `Kafka cluster ${name} is ${status.health}`,
              description: describe(status),
              severity: status.health === 'unhealthy' ? 'critical' : 'high',
            }),
      },
    });
    logger.info(
      `Told ${owners.join(', ')} that Kafka cluster ${name} ${
        recovered ? 'has recovered' : `is ${status.health}`
      }`,
    );
  }

  async function check() {
    if (!settings.enabled) return;
    open ??= await episodes.open();
    const at = now();
    for (const status of served.all()) {
      const ref = stringifyKafkaClusterRef(status.ref);
      if ((retryAt.get(ref) ?? 0) > at) continue;
      if (isBad(status)) {
        const since = badSince.get(ref) ?? at;
        badSince.set(ref, since);
        if (open.has(ref) || at - since < settings.gracePeriodMs) continue;
        open.add(ref);
        await transition(ref, status, false);
      } else {
        badSince.delete(ref);
        if (status.health !== 'healthy' || !open.has(ref)) continue;
        open.delete(ref);
        await transition(ref, status, true);
      }
    }
  }

  async function transition(
    ref: string,
    status: KafkaClusterStatus,
    recovered: boolean,
  ) {
    const won = recovered
      ? await episodes.close(ref)
      : await episodes.claim(ref);
    if (!won) {
      logger.debug(
        `Kafka cluster ${ref}: another replica has ${
          recovered ? 'closed' : 'opened'
        } its notification episode`,
      );
      return;
    }
    try {
      await send(status, recovered);
      retryAt.delete(ref);
    } catch (error) {
      // Undo the claim, so that this replica or another tries again later.
      logger.warn(
        `Cannot notify the owners of Kafka cluster ${ref}: ${
          (error as Error).message
        }`,
      );
      retryAt.set(ref, now() + RETRY_AFTER_MS);
      if (recovered) {
        await episodes.claim(ref);
        open!.add(ref);
      } else {
        await episodes.close(ref);
        open!.delete(ref);
      }
    }
  }

  return { check };
}

function linkOf(resource?: Entity): string {
  // The fleet page, when the cluster has no Resource in the catalog yet.
  if (!resource) return '/kafka';
  const { namespace = 'default', name } = resource.metadata;
  return `/catalog/${namespace}/resource/${name}/kafka`;
}

/**
 * The main reasons, worst first, and the first fix they propose: the cluster's own reason
 * ("2/3 brokers ready") often comes first, and the cause with its fix (a pod crash-looping)
 * right after it.
 */
function describe(status: KafkaClusterStatus): string {
  const main = status.reasons.slice(0, 3);
  const fix = main.find(r => r.fix)?.fix;
  return [
    ...main.map(r => r.message.replace(/\.$/, '')),
    ...(fix ? [`Proposed fix: ${fix}`] : []),
  ].join('. ');
}

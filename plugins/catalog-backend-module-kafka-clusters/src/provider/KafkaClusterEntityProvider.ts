import { randomUUID } from 'node:crypto';
import {
  AuthService,
  LoggerService,
  SchedulerService,
  SchedulerServiceTaskRunner,
} from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { Config } from '@backstage/config';
import {
  CatalogService,
  EntityProvider,
  EntityProviderConnection,
} from '@backstage/plugin-catalog-node';
import {
  ClusterDetails,
  createKubernetesClusterAccess,
  defaultOperatorAdapters,
  KubernetesClusterAccess,
  toKubeRequestError,
} from '@k8s-kafka/plugin-kafka-clusters-node';
import { locationOf } from '../annotations';
import {
  KafkaClusterProviderSettings,
  readKafkaClusterProviderSettings,
} from './config';
import {
  createLastKnownEntities,
  LastKnownEntities,
} from './lastKnownEntities';
import { ClusterEntities, readClusterEntities } from './readClusterEntities';

type Outcome =
  | { cluster: ClusterDetails; read: ClusterEntities }
  | { cluster: ClusterDetails; error: ReturnType<typeof toKubeRequestError> };

const errorMessage = (error: unknown) =>
  error instanceof Error ? error.message : String(error);

/**
 * Keeps every CFK and Strimzi Kafka cluster of the configured Kubernetes clusters in the catalog
 * as a Resource of type `kafka-cluster` (and, when configured, every KafkaTopic as a
 * `kafka-topic`), on a schedule, with full mutations: a Kafka resource that is gone from its
 * Kubernetes cluster leaves the catalog with the next run. A Kubernetes cluster that cannot be
 * read keeps the entities of its last good read.
 *
 * @public
 */
export class KafkaClusterEntityProvider implements EntityProvider {
  readonly #settings: KafkaClusterProviderSettings;
  readonly #logger: LoggerService;
  readonly #taskRunner: SchedulerServiceTaskRunner;
  readonly #clusters: KubernetesClusterAccess;
  readonly #lastKnown: LastKnownEntities;
  #connection?: EntityProviderConnection;

  /**
   * Reads `catalog.providers.kafkaClusters` and the Kubernetes plugin's
   * `kubernetes.clusterLocatorMethods`, and schedules the refresh on `scheduler`.
   *
   * @throws InputError when either configuration is invalid.
   */
  static fromConfig(
    config: Config,
    options: {
      logger: LoggerService;
      scheduler: SchedulerService;
      auth: AuthService;
      /** Reads the `catalog` locator's clusters and, after a restart, the last good entities. */
      catalog: CatalogService;
      /** The Kubernetes clusters to read; built from `config` and the services above when not given. */
      clusters?: KubernetesClusterAccess;
    },
  ): KafkaClusterEntityProvider {
    const settings = readKafkaClusterProviderSettings(config);
    return new KafkaClusterEntityProvider({
      settings,
      logger: options.logger,
      taskRunner: options.scheduler.createScheduledTaskRunner(
        settings.schedule,
      ),
      auth: options.auth,
      catalog: options.catalog,
      clusters:
        options.clusters ??
        createKubernetesClusterAccess({
          config,
          logger: options.logger,
          auth: options.auth,
          catalog: options.catalog,
        }),
    });
  }

  private constructor(options: {
    settings: KafkaClusterProviderSettings;
    logger: LoggerService;
    taskRunner: SchedulerServiceTaskRunner;
    auth: AuthService;
    catalog: CatalogService;
    clusters: KubernetesClusterAccess;
  }) {
    this.#settings = options.settings;
    this.#logger = options.logger;
    this.#taskRunner = options.taskRunner;
    this.#clusters = options.clusters;
    this.#lastKnown = createLastKnownEntities({
      catalog: options.catalog,
      auth: options.auth,
    });
  }

  /** {@inheritDoc @backstage/plugin-catalog-node#EntityProvider.getProviderName} */
  getProviderName(): string {
    return 'KafkaClusterEntityProvider';
  }

  /** {@inheritDoc @backstage/plugin-catalog-node#EntityProvider.connect} */
  async connect(connection: EntityProviderConnection): Promise<void> {
    this.#connection = connection;
    const taskId = `${this.getProviderName()}:refresh`;
    await this.#taskRunner.run({
      id: taskId,
      fn: async () => {
        const logger = this.#logger.child({
          class: KafkaClusterEntityProvider.name,
          taskId,
          taskInstanceId: randomUUID(),
        });
        try {
          await this.refresh(logger);
        } catch (error) {
          logger.error(
            `${this.getProviderName()} refresh failed: ${errorMessage(error)}`,
          );
        }
      },
    });
  }

  /**
   * Reads every Kubernetes cluster once and replaces this provider's entities in the catalog.
   * Runs on the schedule; public so that it can be triggered on demand.
   */
  async refresh(logger: LoggerService): Promise<void> {
    const connection = this.#connection;
    if (!connection) {
      throw new Error(`${this.getProviderName()} is not connected yet`);
    }
    const { clusters, catalogError } = await this.#clusters.listClusters({
      logger,
    });
    if (catalogError && !this.#lastKnown.hasRun()) {
      logger.warn(
        `Cannot read Kubernetes clusters from the catalog and no earlier run is known, so the catalog is left as it is until the next run: ${catalogError.message}`,
      );
      return;
    }

    const outcomes = await Promise.all(
      clusters.map(cluster => this.#read(cluster)),
    );
    const next = new Map<string, Entity[]>();
    for (const outcome of outcomes) {
      const name = outcome.cluster.name;
      if ('read' in outcome) {
        next.set(name, outcome.read.entities);
        for (const problem of outcome.read.problems) {
          logger.warn(
            `Ignoring a value on ${name}/${problem.object}: ${problem.message}`,
            { cluster: name, object: problem.object },
          );
        }
        continue;
      }
      let previous: Entity[];
      try {
        previous = await this.#lastKnown.recall(name);
      } catch (error) {
        logger.warn(
          `Cannot read Kubernetes cluster '${name}' (${
            outcome.error.message
          }), nor its earlier entities from the catalog (${errorMessage(
            error,
          )}), so the catalog is left as it is until the next run`,
          { cluster: name, errorKind: outcome.error.kind },
        );
        return;
      }
      logger.warn(
        `Cannot read Kubernetes cluster '${name}', keeping its ${previous.length} entities from the last good read: ${outcome.error.message}`,
        { cluster: name, errorKind: outcome.error.kind },
      );
      next.set(name, previous);
    }
    if (catalogError) {
      logger.warn(
        `Cannot read Kubernetes clusters from the catalog, keeping the entities of those read before: ${catalogError.message}`,
      );
      for (const name of this.#lastKnown.clusters()) {
        if (!next.has(name)) {
          next.set(name, this.#lastKnown.remembered(name) ?? []);
        }
      }
    }

    await connection.applyMutation({
      type: 'full',
      entities: [...next].flatMap(([cluster, entities]) =>
        entities.map(entity => ({ entity, locationKey: locationOf(cluster) })),
      ),
    });
    this.#lastKnown.remember(next);
    const read = outcomes.flatMap(o => ('read' in o ? [o.read] : []));
    logger.info(
      `Read ${read.length} of ${
        clusters.length
      } Kubernetes clusters: ${read.reduce(
        (n, r) => n + r.kafkas,
        0,
      )} Kafka clusters, ${read.reduce((n, r) => n + r.topics, 0)} topics`,
    );
  }

  async #read(cluster: ClusterDetails): Promise<Outcome> {
    try {
      const read = await readClusterEntities(cluster, {
        clusters: this.#clusters,
        adapters: defaultOperatorAdapters,
        topics: this.#settings.topics,
        timeoutMs: this.#settings.requestTimeoutMs,
        namespaces: this.#settings.namespaces[cluster.name],
        defaults: {
          cluster: this.#settings.kubernetesClusters.get(cluster.name),
          owner: this.#settings.defaultOwner,
          system: this.#settings.defaultSystem,
        },
      });
      return { cluster, read };
    } catch (error) {
      return { cluster, error: toKubeRequestError(error) };
    }
  }
}

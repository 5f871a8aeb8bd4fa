import {
  LoggerService,
  SchedulerServiceTaskInvocationDefinition,
  SchedulerServiceTaskRunner,
} from '@backstage/backend-plugin-api';
import {
  mockServices,
  ServiceMock,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import {
  catalogProcessingExtensionPoint,
  EntityProvider,
  EntityProviderConnection,
  EntityProviderMutation,
} from '@backstage/plugin-catalog-node';
import {
  catalogServiceMock,
  CatalogServiceMock,
} from '@backstage/plugin-catalog-node/testUtils';
import { catalogModuleKafkaClusterEntityProvider } from '../module';

/** A provider registered by the real module, with its scheduled task in the test's hands. */
export interface TestProvider {
  provider: EntityProvider;
  /** The schedule the module asked the scheduler for. */
  schedule: unknown;
  /** One logger for the module and all its children, so tests can read what it said. */
  logger: ServiceMock<LoggerService>;
  /** Runs the scheduled task once; the entities of its full mutation, or undefined if none. */
  run(): Promise<Entity[] | undefined>;
  mutations: EntityProviderMutation[];
  stop(): Promise<void>;
}

/**
 * Starts a backend with the module, a captured `catalogProcessingExtensionPoint`, a scheduler
 * whose task the test runs, and an in-memory catalog (or a given catalog mock).
 */
export async function startProvider(options: {
  config: object;
  catalogEntities?: Entity[];
  catalog?: ServiceMock<CatalogServiceMock>;
}): Promise<TestProvider> {
  const providers: EntityProvider[] = [];
  let task: SchedulerServiceTaskInvocationDefinition | undefined;
  const runner: SchedulerServiceTaskRunner = {
    run: async definition => {
      task = definition;
    },
  };
  let schedule: unknown;
  const scheduler = mockServices.scheduler.mock({
    createScheduledTaskRunner: definition => {
      schedule = definition;
      return runner;
    },
  });
  const logger = mockServices.logger.mock();
  logger.child.mockReturnValue(logger);
  const backend = await startTestBackend({
    extensionPoints: [
      [
        catalogProcessingExtensionPoint,
        {
          addEntityProvider: (
            ...added: Array<EntityProvider | EntityProvider[]>
          ) => providers.push(...added.flat()),
        },
      ],
    ],
    features: [
      catalogModuleKafkaClusterEntityProvider,
      mockServices.rootConfig.factory({ data: options.config }),
      scheduler.factory,
      logger.factory,
      options.catalog?.factory ??
        catalogServiceMock.factory({ entities: options.catalogEntities ?? [] }),
    ],
  });
  if (providers.length !== 1) {
    throw new Error(`expected one provider, got ${providers.length}`);
  }
  const mutations: EntityProviderMutation[] = [];
  const connection: EntityProviderConnection = {
    applyMutation: async mutation => {
      mutations.push(mutation);
    },
    refresh: async () => {},
  };
  await providers[0].connect(connection);
  return {
    provider: providers[0],
    schedule,
    logger,
    mutations,
    async run() {
      if (!task) throw new Error('the module scheduled no task');
      const before = mutations.length;
      await task.fn(new AbortController().signal);
      const mutation = mutations[mutations.length - 1];
      if (mutations.length === before) return undefined;
      if (mutation.type !== 'full') throw new Error('expected a full mutation');
      return mutation.entities.map(deferred => deferred.entity);
    },
    stop: () => backend.stop(),
  };
}

import { ConfigReader } from '@backstage/config';
import { DEFAULT_SCHEDULE, readKafkaClusterProviderSettings } from './config';

const read = (kafkaClusters?: object) =>
  readKafkaClusterProviderSettings(
    new ConfigReader(
      kafkaClusters ? { catalog: { providers: { kafkaClusters } } } : {},
    ),
  );

describe('readKafkaClusterProviderSettings', () => {
  it('has a default for every key', () => {
    expect(read()).toEqual({
      schedule: DEFAULT_SCHEDULE,
      defaultOwner: 'group:default/unknown',
      defaultSystem: undefined,
      kubernetesClusters: new Map(),
      topics: false,
      requestTimeoutMs: 30_000,
      namespaces: {},
    });
  });

  it('reads and normalizes every key', () => {
    const settings = read({
      schedule: { frequency: { minutes: 1 }, timeout: { seconds: 50 } },
      defaultOwner: 'platform',
      defaultSystem: 'infrastructure',
      kubernetesClusters: {
        'prod-eu': { defaultOwner: 'group:default/platform' },
        staging: { defaultOwner: 'user:carol', defaultSystem: 'commerce' },
      },
      topics: { enabled: true },
      requestTimeoutSeconds: 5,
    });
    expect(settings).toEqual({
      schedule: { frequency: { minutes: 1 }, timeout: { seconds: 50 } },
      defaultOwner: 'group:default/platform',
      defaultSystem: 'system:default/infrastructure',
      kubernetesClusters: new Map([
        ['prod-eu', { owner: 'group:default/platform', system: undefined }],
        [
          'staging',
          { owner: 'user:default/carol', system: 'system:default/commerce' },
        ],
      ]),
      topics: true,
      requestTimeoutMs: 5_000,
      namespaces: {},
    });
  });

  it('follows the backend plugin’s namespace-scoped mode', () => {
    const settings = readKafkaClusterProviderSettings(
      new ConfigReader({
        kafkaClusters: {
          kubernetesClusters: { 'prod-eu': { namespaces: ['kafka-platform'] } },
        },
      }),
    );
    expect(settings.namespaces).toEqual({ 'prod-eu': ['kafka-platform'] });
  });

  it('refuses an owner of the wrong kind, naming the key', () => {
    expect(() =>
      read({ kubernetesClusters: { prod: { defaultOwner: 'system:x' } } }),
    ).toThrow(/defaultOwner: 'system:x' names a system/);
  });
});

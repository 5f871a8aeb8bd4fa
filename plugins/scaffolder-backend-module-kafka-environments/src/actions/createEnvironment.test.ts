import { createMockDirectory } from '@backstage/backend-test-utils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import YAML from 'yaml';
import { createCrdValidator } from '../__testUtils__/crdValidator';
import { createKafkaEnvironmentCreateAction } from './createEnvironment';

describe('kafka:environment:create', () => {
  const workspace = createMockDirectory();
  const action = createKafkaEnvironmentCreateAction();

  beforeEach(() => workspace.clear());

  async function run(input: Record<string, unknown>, extra = {}) {
    const ctx = {
      ...createMockActionContext({
        input: input as any,
        workspacePath: workspace.path,
      }),
      ...extra,
    };
    await action.handler(ctx);
    return ctx;
  }

  function writtenObjects(dir: string) {
    const files = workspace.content({ path: dir }) as Record<string, string>;
    return Object.entries(files)
      .filter(([name]) => name !== 'kustomization.yaml')
      .map(([, content]) => YAML.parse(content));
  }

  it.each([
    ['v1', 'strimzi-1.2.0'],
    ['v1beta2', 'strimzi-0.51.0'],
  ])(
    'renders a small Strimzi %s environment that validates against %s',
    async (version, crds) => {
      const ctx = await run({
        name: 'orders-kafka',
        namespace: 'orders',
        operator: 'strimzi',
        strimziApiVersion: version,
        size: 'small',
        kubernetesId: 'orders',
        topics: [{ name: 'orders-created', partitions: 6 }],
      });

      const objects = writtenObjects('kafka/orders-kafka');
      expect(objects.map(o => `${o.kind}/${o.metadata.name}`).sort()).toEqual([
        'Kafka/orders-kafka',
        'KafkaNodePool/orders-kafka-broker',
        'KafkaNodePool/orders-kafka-controller',
        'KafkaTopic/orders-created',
      ]);
      const validate = createCrdValidator(crds);
      for (const object of objects) {
        expect({ object: object.kind, errors: validate(object) }).toEqual({
          object: object.kind,
          errors: [],
        });
        expect(object.apiVersion).toBe(`kafka.strimzi.io/${version}`);
        expect(object.metadata.labels['backstage.io/kubernetes-id']).toBe(
          'orders',
        );
      }
      const topic = objects.find(o => o.kind === 'KafkaTopic');
      expect(topic.metadata.labels['strimzi.io/cluster']).toBe('orders-kafka');
      expect(topic.spec).toEqual({ partitions: 6, replicas: 3 });

      const kustomization = YAML.parse(
        workspace.content({ path: 'kafka/orders-kafka' })![
          'kustomization.yaml'
        ] as string,
      );
      expect(kustomization.namespace).toBe('orders');
      expect(kustomization.resources).toHaveLength(4);
      expect(ctx.output).toHaveBeenCalledWith('requiredSecrets', []);
    },
  );

  it('renders a dev CFK environment that validates against CFK 3.3.0 and names the secret it needs', async () => {
    const ctx = await run({
      name: 'payments-dev',
      namespace: 'payments-dev',
      operator: 'cfk',
      size: 'dev',
      topics: [
        {
          name: 'payments',
          partitions: 1,
          config: { 'retention.ms': '3600000' },
        },
      ],
    });

    const objects = writtenObjects('kafka/payments-dev');
    const validate = createCrdValidator('cfk-3.3.0');
    for (const object of objects) {
      expect({ object: object.kind, errors: validate(object) }).toEqual({
        object: object.kind,
        errors: [],
      });
    }
    const kafka = objects.find(o => o.kind === 'Kafka');
    expect(kafka.spec.replicas).toBe(1);
    expect(kafka.spec.dependencies.kRaftController.clusterRef.name).toBe(
      'payments-dev-kraft',
    );
    expect(kafka.spec.listeners.internal.tls.enabled).toBe(true);
    const topic = objects.find(o => o.kind === 'KafkaTopic');
    expect(topic.spec).toMatchObject({
      replicas: 1,
      partitionCount: 1,
      kafkaClusterRef: { name: 'payments-dev' },
    });
    expect(ctx.output).toHaveBeenCalledWith('requiredSecrets', [
      'ca-pair-sslcerts',
    ]);
  });

  it('writes nothing on a dry run but reports what it would write', async () => {
    const ctx = await run(
      { name: 'orders-kafka', namespace: 'orders', operator: 'strimzi' },
      { isDryRun: true },
    );
    expect(workspace.content()).toEqual({});
    expect(ctx.output).toHaveBeenCalledWith(
      'files',
      expect.arrayContaining(['kafka/orders-kafka/kafka-orders-kafka.yaml']),
    );
  });

  it('refuses a target path outside the workspace', async () => {
    await expect(
      run({
        name: 'k',
        namespace: 'n',
        operator: 'strimzi',
        size: 'dev',
        topics: [],
        targetPath: '../escape',
      }),
    ).rejects.toThrow(/outside/);
  });

  it('refuses bad input before writing anything', async () => {
    await expect(
      run({ name: 'Not_A_Label', namespace: 'n', operator: 'strimzi' }),
    ).rejects.toThrow(/Invalid input/);
    await expect(
      run({
        name: 'k',
        namespace: 'n',
        operator: 'strimzi',
        size: 'dev',
        topics: [{ name: 't', partitions: 1, replicas: 3 }],
      }),
    ).rejects.toThrow(
      "Topic 't' asks for 3 replicas; a dev environment has room for 1",
    );
    await expect(
      run({
        name: 'k',
        namespace: 'n',
        operator: 'cfk',
        size: 'small',
        topics: [
          { name: 't', partitions: 1 },
          { name: 't', partitions: 2 },
        ],
      }),
    ).rejects.toThrow("Topic 't' is listed twice");
    expect(workspace.content()).toEqual({});
  });

  it('does not overwrite an existing environment', async () => {
    workspace.setContent({ 'kafka/k/kafka-k.yaml': 'kept' });
    await expect(
      run({
        name: 'k',
        namespace: 'n',
        operator: 'strimzi',
        size: 'dev',
        topics: [],
      }),
    ).rejects.toThrow('kafka/k already exists');
    expect(workspace.content()).toEqual({
      kafka: { k: { 'kafka-k.yaml': 'kept' } },
    });
  });
});

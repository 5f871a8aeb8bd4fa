import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import YAML from 'yaml';
import {
  RunningBackend,
  RunningSandbox,
  startBackend,
  startSandboxProcess,
  waitFor,
  writeSuiteConfig,
} from './lib/portal';
import { BackendApi, backendApi, runTemplateTask } from './lib/tasks';

/*
 * kafka:environment:clone in the running portal: a template's task clones a live production
 * environment of the demo fleet (Strimzi's orders-kafka on prod-us, CFK's payments-kafka on
 * prod-eu) into a team namespace of the dev cluster with its chosen topics mirrored, applies it
 * with kafka:environment:apply and waits until the kafka-clusters backend calls it healthy,
 * while the simulator provisions it and the mirror reaches the source's external listener.
 */

describe('kafka:environment:clone in the portal', () => {
  let sandbox: RunningSandbox;
  let backend: RunningBackend;
  let config: Awaited<ReturnType<typeof writeSuiteConfig>>;
  /** Requests as a guest, once the backend is up. */
  let api: BackendApi;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'k8s-kafka-clone-suite-'));

  const runTemplate = (values: Record<string, unknown>) =>
    runTemplateTask(api, backend, {
      templateRef: 'template:default/suite-clone',
      values,
      timeoutMs: 450_000,
    });

  beforeAll(async () => {
    const template = path.join(dir, 'template.yaml');
    fs.writeFileSync(
      template,
      YAML.stringify({
        apiVersion: 'scaffolder.backstage.io/v1beta3',
        kind: 'Template',
        metadata: { name: 'suite-clone', title: 'Clone (suite)' },
        spec: {
          owner: 'platform',
          type: 'kafka-environment',
          parameters: [{ properties: {} }],
          steps: [
            {
              id: 'clone',
              action: 'kafka:environment:clone',
              input: {
                sourceCluster: '${{ parameters.sourceCluster }}',
                sourceNamespace: '${{ parameters.sourceNamespace }}',
                sourceName: '${{ parameters.sourceName }}',
                targetCluster: 'dev',
                namespace: '${{ parameters.namespace }}',
                data: "${{ { 'topics': parameters.topics } if parameters.topics else none }}",
                delivery: 'apply',
              },
            },
            {
              id: 'apply',
              action: 'kafka:environment:apply',
              input: {
                cluster: 'dev',
                path: '${{ steps.clone.output.path }}',
                waitUntilHealthy: true,
                timeoutSeconds: 400,
              },
            },
          ],
          output: { expiresAt: '${{ steps.clone.output.expiresAt }}' },
        },
      }),
    );
    sandbox = await startSandboxProcess();
    const locations = (
      sandbox.appConfig() as { catalog: { locations: unknown[] } }
    ).catalog.locations;
    config = await writeSuiteConfig(sandbox, {
      catalog: {
        locations: [...locations, { type: 'file', target: template }],
      },
    });
    backend = await startBackend(sandbox, config);
    api = backendApi(backend, await backend.guestToken());
    await waitFor(
      'the suite template in the catalog',
      async () =>
        (
          await api(
            'GET',
            '/api/catalog/entities/by-name/template/default/suite-clone',
          )
        ).status === 200 || undefined,
      60_000,
    );
  }, 240_000);

  afterAll(async () => {
    await backend?.stop();
    await sandbox?.stop();
    config?.remove();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('clones Strimzi orders-kafka from prod-us into dev/team-a: healthy, its topics mirrored through orders external listener', async () => {
    const { log } = await runTemplate({
      sourceCluster: 'prod-us',
      sourceNamespace: 'orders',
      sourceName: 'orders-kafka',
      namespace: 'team-a',
      topics: ['orders-*'],
    });
    expect(log.join('\n')).toContain(
      'The 2 Secrets the clone needs exist in team-a (checked by name only)',
    );
    const progress = log.filter(l =>
      l.includes('Kafka dev/team-a/orders-kafka:'),
    );
    expect(progress.at(-1)).toContain('healthy');

    const { status, body } = await api(
      'GET',
      '/api/kafka-clusters/clusters/dev/namespaces/team-a/kafkas/orders-kafka',
    );
    expect(status).toBe(200);
    expect(body.status.health).toBe('healthy');
    // The mirror is the clone's, writing into it from orders' external listener, healthy.
    expect(
      body.status.links.map((l: any) => ({
        type: l.type,
        name: l.resource.name,
        role: l.role,
        source: l.peer.bootstrapServers,
        topicsPattern: l.topicsPattern,
        health: l.health,
      })),
    ).toEqual([
      {
        type: 'mirror-maker-2',
        name: 'orders-kafka-mirror',
        role: 'destination',
        source: expect.stringMatching(/\.lb\.prod-us\.example\.com:9094$/),
        topicsPattern:
          'orders-audit|orders-cancelled|orders-created|orders-fulfilled',
        health: 'healthy',
      },
    ]);
  }, 600_000);

  it('clones CFK payments-kafka from prod-eu into dev/team-b: healthy, its topic mirrored by a ClusterLink', async () => {
    const { log } = await runTemplate({
      sourceCluster: 'prod-eu',
      sourceNamespace: 'payments',
      sourceName: 'payments-kafka',
      namespace: 'team-b',
      topics: ['payments.ledger'],
    });
    const progress = log.filter(l =>
      l.includes('Kafka dev/team-b/payments-kafka:'),
    );
    expect(progress.at(-1)).toContain('healthy');
    const { status, body } = await api(
      'GET',
      '/api/kafka-clusters/clusters/dev/namespaces/team-b/kafkas/payments-kafka',
    );
    expect(status).toBe(200);
    expect(body.status.health).toBe('healthy');
    expect(
      body.status.links.map((l: any) => ({
        type: l.type,
        name: l.resource.name,
        role: l.role,
        state: l.state,
        mirrorTopics: l.mirrorTopics.map((t: any) => [t.name, t.status]),
        health: l.health,
      })),
    ).toEqual([
      {
        type: 'cluster-link',
        name: 'payments-kafka-link',
        role: 'destination',
        state: 'CREATED',
        mirrorTopics: [['payments.ledger', 'ACTIVE']],
        health: 'healthy',
      },
    ]);
  }, 600_000);

  it('clones Strimzi shipping-kafka (v1beta2, from staging) into a new namespace of dev without data: healthy', async () => {
    // A namespace of its own: its node pools are named `broker` and `controller`, as orders'
    // clone's are in team-a (apply refuses to overwrite another environment's objects).
    const { log } = await runTemplate({
      sourceCluster: 'staging',
      sourceNamespace: 'shipping',
      sourceName: 'shipping-kafka',
      namespace: 'team-c-shipping',
    });
    expect(log.join('\n')).toContain(
      'KafkaMirrorMaker2 shipping-mirror is not cloned: it replicates data into the source from elsewhere',
    );
    const { status, body } = await api(
      'GET',
      '/api/kafka-clusters/clusters/dev/namespaces/team-c-shipping/kafkas/shipping-kafka',
    );
    expect(status).toBe(200);
    // Written at v1beta2, as its source was (the backend reads it at v1, which dev serves too).
    expect({
      health: body.status.health,
      links: body.status.links,
    }).toEqual({ health: 'healthy', links: [] });
  }, 600_000);

  it('clones CFK shared (kafka-platform, prod-eu) with its components into dev/team-b: healthy, a topic linked from shared', async () => {
    await runTemplate({
      sourceCluster: 'prod-eu',
      sourceNamespace: 'kafka-platform',
      sourceName: 'shared',
      namespace: 'team-b',
      topics: ['payments.authorized'],
    });
    const { status, body } = await api(
      'GET',
      '/api/kafka-clusters/clusters/dev/namespaces/team-b/kafkas/shared',
    );
    expect(status).toBe(200);
    expect(body.status.health).toBe('healthy');
    expect(
      body.status.components.map((c: any) => [c.type, c.health]).sort(),
    ).toEqual([
      ['connect', 'healthy'],
      ['schema-registry', 'healthy'],
    ]);
    expect(
      body.status.links.map((l: any) => ({
        name: l.resource.name,
        mirrorTopics: l.mirrorTopics.map((t: any) => [t.name, t.status]),
        health: l.health,
      })),
    ).toEqual([
      {
        name: 'shared-link',
        mirrorTopics: [['payments.authorized', 'ACTIVE']],
        health: 'healthy',
      },
    ]);
  }, 600_000);
});

import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import {
  RunningBackend,
  RunningSandbox,
  startBackend,
  startSandboxProcess,
  waitFor,
  writeSuiteConfig,
} from './lib/portal';

const TOOLS = [
  'kafka-clusters.explain-kafka-cluster',
  'kafka-clusters.get-entity-kafka-health',
  'kafka-clusters.list-kafka-clusters',
];

/** An MCP client on the backend's default MCP server, as the README tells people to connect. */
async function connect(backend: RunningBackend, token?: string) {
  const client = new Client({ name: 'suite-tests', version: '0.0.0' });
  const transport = new StreamableHTTPClientTransport(
    new URL(`${backend.baseUrl}/api/mcp-actions/v1`),
    token
      ? { requestInit: { headers: { Authorization: `Bearer ${token}` } } }
      : {},
  );
  await client.connect(transport);
  return client;
}

interface ToolAnswer {
  isError: boolean;
  text: string;
  output: any;
}

async function call(
  client: Client,
  name: string,
  args: Record<string, unknown>,
): Promise<ToolAnswer> {
  const result = await client.callTool({ name, arguments: args });
  const [first] = result.content as { type: string; text: string }[];
  return {
    isError: result.isError === true,
    text: first?.text ?? '',
    output: result.structuredContent,
  };
}

describe('MCP clients on the portal', () => {
  let sandbox: RunningSandbox;

  beforeAll(async () => {
    sandbox = await startSandboxProcess();
  }, 180_000);

  afterAll(async () => {
    await sandbox?.stop();
  });

  describe('with the embedded default, signed in as the guest', () => {
    let backend: RunningBackend;
    let client: Client;
    let token: string;

    beforeAll(async () => {
      backend = await startBackend(sandbox);
      token = await backend.guestToken();
      client = await connect(backend, token);
    }, 240_000);

    afterAll(async () => {
      await client?.close();
      await backend?.stop();
    });

    /** Every Kubernetes cluster of the demo fleet read in full, so answers are complete. */
    const fleetSynced = () =>
      waitFor(
        'every Kubernetes cluster to sync',
        async () => {
          const { output } = await call(
            client,
            'kafka-clusters.list-kafka-clusters',
            {},
          );
          const states = output?.kubernetesClusters?.map(
            (k: { state: string }) => k.state,
          );
          // prod-eu, prod-us, staging and dev.
          return states?.length === 4 &&
            states.every((s: string) => s === 'synced')
            ? true
            : undefined;
        },
        120_000,
      );

    it("lists the plugin's tools, read-only and idempotent", async () => {
      const { tools } = await client.listTools();
      const ours = tools.filter(t => t.name.startsWith('kafka-clusters.'));
      expect(ours.map(t => t.name).sort()).toEqual(TOOLS);
      for (const tool of ours) {
        expect(tool.annotations).toMatchObject({
          readOnlyHint: true,
          destructiveHint: false,
          idempotentHint: true,
        });
        expect(tool.description).toMatch(/never follow instructions/);
      }
    });

    it('answers get-entity-kafka-health for orders: degraded, with the crash-looping broker named', async () => {
      const orders = await waitFor(
        'orders-kafka to show the crash loop',
        async () => {
          const { output } = await call(
            client,
            'kafka-clusters.get-entity-kafka-health',
            { entityRef: 'component:default/orders' },
          );
          const cluster = output?.clusters?.find(
            (c: { ref: string }) => c.ref === 'prod-us/orders/orders-kafka',
          );
          return cluster?.reasons.some(
            (r: { code: string }) => r.code === 'PodCrashLooping',
          )
            ? output
            : undefined;
        },
        120_000,
      );
      expect(orders.health).toBe('degraded');
      const cluster = orders.clusters.find(
        (c: { ref: string }) => c.ref === 'prod-us/orders/orders-kafka',
      );
      expect(cluster.health).toBe('degraded');
      expect(cluster.brokers).toEqual({ desired: 3, ready: 2 });
      const crash = cluster.reasons.find(
        (r: { code: string }) => r.code === 'PodCrashLooping',
      );
      expect(crash.resource).toEqual({
        kind: 'Pod',
        namespace: 'orders',
        name: 'orders-kafka-broker-2',
      });
      expect(crash.message.untrusted.source).toBe('health-rule');
      expect(crash.message.untrusted.text).toMatch(/OOMKilled/);
      expect(crash.fix).toMatch(/memory/);
    }, 130_000);

    it("keeps every demo entity's answer within 8 KB", async () => {
      await fleetSynced();
      const res = await fetch(
        `${backend.baseUrl}/api/catalog/entities?filter=kind=component&filter=kind=resource,spec.type=kafka-cluster`,
        { headers: { Authorization: `Bearer ${token}` } },
      );
      const entities = (await res.json()) as {
        kind: string;
        metadata: { namespace?: string; name: string };
      }[];
      expect(entities.length).toBeGreaterThanOrEqual(3);
      const sizes: Record<string, number> = {};
      for (const entity of entities) {
        const ref = `${entity.kind}:${entity.metadata.namespace ?? 'default'}/${
          entity.metadata.name
        }`.toLowerCase();
        const answer = await call(
          client,
          'kafka-clusters.get-entity-kafka-health',
          { entityRef: ref },
        );
        expect(answer.isError).toBe(false);
        sizes[ref] = Buffer.byteLength(JSON.stringify(answer.output));
      }
      expect(
        Object.entries(sizes).filter(([, size]) => size > 8 * 1024),
      ).toEqual([]);
    }, 130_000);

    it('pages through list-kafka-clusters, worst first, each cluster once', async () => {
      await fleetSynced();
      const refs: string[] = [];
      const verdicts: string[] = [];
      let cursor: string | undefined;
      let total = 0;
      let pages = 0;
      do {
        const { output, isError, text } = await call(
          client,
          'kafka-clusters.list-kafka-clusters',
          { limit: 2, ...(cursor && { cursor }) },
        );
        expect({ isError, text: isError ? text : '' }).toEqual({
          isError: false,
          text: '',
        });
        expect(output.clusters.length).toBeLessThanOrEqual(2);
        refs.push(...output.clusters.map((c: { ref: string }) => c.ref));
        verdicts.push(
          ...output.clusters.map((c: { health: string }) => c.health),
        );
        total = output.total;
        cursor = output.nextCursor;
        pages += 1;
      } while (cursor && pages < 10);
      expect(pages).toBeGreaterThan(1);
      expect(cursor).toBeUndefined();
      expect(refs).toHaveLength(total);
      expect(new Set(refs).size).toBe(refs.length);
      expect(refs).toEqual(
        expect.arrayContaining([
          'prod-eu/kafka-platform/shared',
          'prod-eu/payments/payments-kafka',
          'prod-us/orders/orders-kafka',
          'staging/shipping/shipping-kafka',
        ]),
      );
      const order = [
        'unhealthy',
        'degraded',
        'unknown',
        'progressing',
        'healthy',
      ];
      const ranks = verdicts.map(v => order.indexOf(v));
      expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    }, 130_000);

    it('explains orders-kafka: the crash loop with the pod state and its Events', async () => {
      const { output } = await call(
        client,
        'kafka-clusters.explain-kafka-cluster',
        { ref: 'prod-us/orders/orders-kafka' },
      );
      const crash = output.reasons.find(
        (r: { code: string }) => r.code === 'PodCrashLooping',
      );
      expect(crash.evidence.pod).toMatchObject({
        pod: 'orders-kafka-broker-2',
        ready: false,
        waitingReason: 'CrashLoopBackOff',
        lastTermination: { reason: 'OOMKilled' },
      });
      expect(
        output.brokers.notHealthy.map((m: { pod: string }) => m.pod),
      ).toContain('orders-kafka-broker-2');
      for (const event of output.events) {
        expect(event.message.untrusted.source).toBe('kubernetes-event');
      }
    });

    it('refuses a client without credentials', async () => {
      await expect(connect(backend)).rejects.toMatchObject({ code: 401 });
    });
  });

  describe('under a policy that denies kafka-clusters.status.read', () => {
    let backend: RunningBackend;
    let config: Awaited<ReturnType<typeof writeSuiteConfig>>;
    let client: Client;
    let token: string;

    beforeAll(async () => {
      config = await writeSuiteConfig(sandbox, {
        permissionPolicy: { deny: ['kafka-clusters.status.read'] },
      });
      backend = await startBackend(sandbox, config);
      token = await backend.guestToken();
      client = await connect(backend, token);
    }, 240_000);

    afterAll(async () => {
      await client?.close();
      await backend?.stop();
      config?.remove();
    });

    it('shows the guest none of the tools, and a call by name gets no Kafka data', async () => {
      // The policy is in force: the route refuses the same user.
      const route = await fetch(
        `${backend.baseUrl}/api/kafka-clusters/entities/default/component/orders`,
        { headers: { Authorization: `Bearer ${token}` } },
      );
      expect(route.status).toBe(403);

      const { tools } = await client.listTools();
      expect(tools.filter(t => t.name.startsWith('kafka-clusters.'))).toEqual(
        [],
      );
      for (const [name, args] of [
        ['kafka-clusters.get-entity-kafka-health', { entityRef: 'orders' }],
        ['kafka-clusters.list-kafka-clusters', {}],
        [
          'kafka-clusters.explain-kafka-cluster',
          { ref: 'prod-us/orders/orders-kafka' },
        ],
      ] as const) {
        const answer = await call(client, name, args);
        expect(answer.isError).toBe(true);
        expect(answer.output).toBeUndefined();
        expect(answer.text).not.toMatch(
          /orders-kafka-broker|degraded|OOMKilled/,
        );
      }
    });
  });
});

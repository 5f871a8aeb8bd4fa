import fs from 'node:fs';
import {
  RunningBackend,
  RunningSandbox,
  startBackend,
  startSandboxProcess,
  waitFor,
} from './lib/portal';

/** /proc/net/tcp writes an IPv4 address as one little-endian 32-bit word in hex. */
const ipv4 = (hex: string) =>
  [3, 2, 1, 0].map(i => parseInt(hex.slice(i * 2, i * 2 + 2), 16)).join('.');

/** …and an IPv6 address as four such words. */
function ipv6(hex: string): string {
  const bytes = [0, 1, 2, 3].flatMap(word =>
    [3, 2, 1, 0].map(i => hex.slice(word * 8 + i * 2, word * 8 + i * 2 + 2)),
  );
  const groups = [];
  for (let i = 0; i < 16; i += 2) {
    groups.push(parseInt(bytes[i] + bytes[i + 1], 16).toString(16));
  }
  return groups.join(':');
}

/** The local addresses of the TCP sockets listening on `port`, from /proc/net/tcp and tcp6. */
function listeningAddresses(port: number): string[] {
  const LISTEN = '0A';
  const addresses: string[] = [];
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    if (!fs.existsSync(table)) continue;
    for (const line of fs.readFileSync(table, 'utf8').split('\n').slice(1)) {
      const [, local, , state] = line.trim().split(/\s+/);
      if (!local || state !== LISTEN) continue;
      const [hex, portHex] = local.split(':');
      if (parseInt(portHex, 16) !== port) continue;
      addresses.push(hex.length === 8 ? ipv4(hex) : ipv6(hex));
    }
  }
  return addresses.sort();
}

/** The embedded default, as `npm start` runs it, answering what a newcomer first sees. */
describe('the portal on its embedded default', () => {
  let sandbox: RunningSandbox;
  let backend: RunningBackend;
  let token: string;

  beforeAll(async () => {
    sandbox = await startSandboxProcess();
    backend = await startBackend(sandbox);
    token = await backend.guestToken();
  }, 240_000);

  afterAll(async () => {
    await backend?.stop();
    await sandbox?.stop();
  });

  async function getJson(path: string, auth = true) {
    const res = await fetch(`${backend.baseUrl}${path}`, {
      headers: auth ? { Authorization: `Bearer ${token}` } : {},
    });
    return {
      status: res.status,
      body: res.ok ? await res.json() : await res.text(),
    };
  }

  it('lists the demo services in the catalog', async () => {
    const names = await waitFor(
      'the demo catalog to be ingested',
      async () => {
        const { body } = await getJson(
          '/api/catalog/entities?filter=kind=component',
        );
        const found = (body as { metadata: { name: string } }[])
          .map(e => e.metadata.name)
          .sort();
        return found.length >= 3 ? found : undefined;
      },
      60_000,
    );
    expect(names).toEqual(['orders', 'payments', 'shipping']);
  }, 70_000);

  it('registers the Kafka environment templates (create, clone) and their actions', async () => {
    const templates = await waitFor(
      'the templates to be ingested',
      async () => {
        const { body } = await getJson(
          '/api/catalog/entities?filter=kind=template',
        );
        const names = (body as { metadata: { name: string } }[])
          .map(e => e.metadata.name)
          .sort();
        return names.includes('kafka-environment') &&
          names.includes('kafka-environment-clone')
          ? names
          : undefined;
      },
      60_000,
    );
    expect(templates).toEqual(['kafka-environment', 'kafka-environment-clone']);

    const actions = await getJson('/api/scaffolder/v2/actions');
    expect(actions.status).toBe(200);
    const ids = (actions.body as { id: string }[]).map(a => a.id);
    expect(ids).toEqual(
      expect.arrayContaining([
        'kafka:environment:create',
        'kafka:environment:clone',
        'kafka:environment:apply',
      ]),
    );
  }, 70_000);

  it("reads the sandbox's clusters as app-config.yaml lists them, with the operators each serves", async () => {
    const clusters = await waitFor(
      'every Kubernetes cluster to sync',
      async () => {
        const { body } = await getJson('/api/kafka-clusters/clusters');
        const list = (
          body as {
            kubernetesClusters: {
              name: string;
              state: string;
              operators: any;
            }[];
          }
        ).kubernetesClusters;
        return list.length === 4 && list.every(c => c.state === 'synced')
          ? list
          : undefined;
      },
      60_000,
    );
    expect(
      Object.fromEntries(
        clusters.map(c => [
          c.name,
          [c.operators.cfk.installed, c.operators.strimzi.version],
        ]),
      ),
    ).toEqual({
      'prod-eu': [true, undefined],
      'prod-us': [false, 'v1'],
      staging: [false, 'v1'],
      dev: [true, 'v1'],
    });
  }, 70_000);

  it('discovers the Kafka clusters into the catalog with their owners, and the services depend on the shared one', async () => {
    const shared = await waitFor(
      'the catalog module to discover the demo fleet',
      async () => {
        const { body } = await getJson(
          '/api/catalog/entities?filter=kind=resource,spec.type=kafka-cluster',
        );
        const entities = body as {
          metadata: { name: string; annotations: Record<string, string> };
          spec: { owner: string };
        }[];
        return entities.length >= 4 ? entities : undefined;
      },
      120_000,
    );
    const byRef = Object.fromEntries(
      shared.map(e => [
        e.metadata.annotations['k8s-kafka.io/kafka-ref'],
        e.spec.owner,
      ]),
    );
    expect(byRef).toMatchObject({
      'prod-eu/kafka-platform/shared': 'group:default/platform',
      'prod-us/orders/orders-kafka': 'group:default/team-checkout',
      'staging/shipping/shipping-kafka': 'group:default/team-fulfilment',
    });

    const { body: orders } = await getJson(
      '/api/catalog/entities/by-name/component/default/orders',
    );
    expect(
      (orders as { relations: { type: string; targetRef: string }[] })
        .relations,
    ).toContainEqual({
      type: 'dependsOn',
      targetRef: 'resource:default/prod-eu_kafka-platform_shared',
    });
    const { body: kafka } = await getJson(
      '/api/kafka-clusters/entities/default/component/orders',
    );
    const refs = (
      kafka as {
        clusters: {
          ref: { cluster: string; namespace: string; name: string };
        }[];
      }
    ).clusters.map(c => `${c.ref.cluster}/${c.ref.namespace}/${c.ref.name}`);
    expect(refs).toEqual(
      expect.arrayContaining([
        'prod-us/orders/orders-kafka',
        'prod-eu/kafka-platform/shared',
      ]),
    );
  }, 130_000);

  it('turns a service degraded with the reason when a broker starts crash-looping, and healthy when it stops, without a restart', async () => {
    const paymentsKafka = async () => {
      const { body } = await getJson(
        '/api/kafka-clusters/entities/default/component/payments',
      );
      return (
        body as {
          clusters: {
            ref: { name: string };
            health: string;
            reasons: { code: string; resource: { name: string } }[];
          }[];
        }
      ).clusters.find(c => c.ref.name === 'payments-kafka');
    };
    await waitFor(
      'payments-kafka to be healthy',
      async () =>
        (await paymentsKafka())?.health === 'healthy' ? true : undefined,
      60_000,
    );

    const admin = (method: string, route: string, body?: unknown) =>
      fetch(`${sandbox.adminUrl}${route}`, {
        method,
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    expect(
      (
        await admin('POST', '/clusters/prod-eu/simulator/faults', {
          type: 'crashLoop',
          namespace: 'payments',
          pod: 'payments-kafka-2',
          reason: 'OOMKilled',
        })
      ).status,
    ).toBe(201);
    // The operator first reports the broker not ready; the crash loop shows once the container
    // has crashed and is backing off.
    const degraded = await waitFor(
      'payments-kafka to show the crash loop',
      async () => {
        const status = await paymentsKafka();
        return status?.reasons.some(r => r.code === 'PodCrashLooping')
          ? status
          : undefined;
      },
      120_000,
    );
    expect(degraded.health).toBe('degraded');
    expect(degraded.reasons).toContainEqual(
      expect.objectContaining({
        code: 'PodCrashLooping',
        resource: expect.objectContaining({ name: 'payments-kafka-2' }),
      }),
    );

    await admin('DELETE', '/clusters/prod-eu/simulator/faults');
    await waitFor(
      'payments-kafka to recover',
      async () =>
        (await paymentsKafka())?.health === 'healthy' ? true : undefined,
      180_000,
    );
  }, 400_000);

  it('listens on loopback only: guest sign-in and the allow-all policy are not offered to the network', () => {
    // The kernel's own table of listening sockets (no traffic sent to any address): every socket
    // on the backend's port is bound to 127.0.0.1, so no other address of the machine reaches it.
    const port = Number(new URL(backend.baseUrl).port);
    const listening = listeningAddresses(port);
    expect(listening).toEqual(['127.0.0.1']);
  });

  it('answers /api/kafka-clusters/health without credentials', async () => {
    expect(await getJson('/api/kafka-clusters/health', false)).toEqual({
      status: 200,
      body: { status: 'ok' },
    });
  });
});

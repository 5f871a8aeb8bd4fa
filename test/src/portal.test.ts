import {
  RunningBackend,
  RunningSandbox,
  startBackend,
  startSandboxProcess,
  waitFor,
} from './lib/portal';

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
    return { status: res.status, body: res.ok ? await res.json() : await res.text() };
  }

  it('lists the demo services in the catalog', async () => {
    const names = await waitFor(
      'the demo catalog to be ingested',
      async () => {
        const { body } = await getJson('/api/catalog/entities?filter=kind=component');
        const found = (body as { metadata: { name: string } }[]).map(e => e.metadata.name).sort();
        return found.length >= 3 ? found : undefined;
      },
      60_000,
    );
    expect(names).toEqual(['orders', 'payments', 'shipping']);
  }, 70_000);

  it('registers the Kafka environment template and its action', async () => {
    const template = await waitFor(
      'the template to be ingested',
      async () => {
        const { body } = await getJson('/api/catalog/entities?filter=kind=template');
        return (body as { metadata: { name: string } }[]).find(
          e => e.metadata.name === 'kafka-environment',
        );
      },
      60_000,
    );
    expect(template).toBeDefined();

    const actions = await getJson('/api/scaffolder/v2/actions');
    expect(actions.status).toBe(200);
    expect((actions.body as { id: string }[]).map(a => a.id)).toContain(
      'kafka:environment:create',
    );
  }, 70_000);

  it("reads the sandbox's clusters as app-config.yaml lists them, with the operators each serves", async () => {
    const clusters = await waitFor(
      'every Kubernetes cluster to sync',
      async () => {
        const { body } = await getJson('/api/kafka-clusters/clusters');
        const list = (body as { kubernetesClusters: { name: string; state: string; operators: any }[] })
          .kubernetesClusters;
        return list.length === 3 && list.every(c => c.state === 'synced') ? list : undefined;
      },
      60_000,
    );
    expect(
      Object.fromEntries(
        clusters.map(c => [c.name, [c.operators.cfk.installed, c.operators.strimzi.version]]),
      ),
    ).toEqual({
      'prod-eu': [true, undefined],
      'prod-us': [false, 'v1'],
      staging: [false, 'v1'],
    });
  }, 70_000);

  it('answers /api/kafka-clusters/health without credentials', async () => {
    expect(await getJson('/api/kafka-clusters/health', false)).toEqual({
      status: 200,
      body: { status: 'ok' },
    });
  });
});

import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { startKubectlProxy } from './kubectlProxy';
import { runCli } from './runCli';
import { startSandbox } from './sandbox';
import { StoreEvent } from './store/store';
import {
  failure,
  kubeConfig,
  loadClientNode,
  raw,
  tempStateDir,
} from './testUtils';

describe('startSandbox', () => {
  it('writes CA, token and kubeconfig per cluster, and reuses CA and token on the next start', async () => {
    const stateDir = tempStateDir();
    const first = await startSandbox({
      stateDir,
      clusters: [{ name: 'one' }, { name: 'two' }],
    });
    const one = first.cluster('one');
    try {
      expect(one.caFile).toBe(join(stateDir, 'one', 'ca.crt'));
      expect(readFileSync(one.caFile, 'utf8')).toBe(first.caCert);
      expect(readFileSync(one.tokenFile, 'utf8').trim()).toBe(one.token);
      expect(statSync(one.tokenFile).mode & 0o077).toBe(0);
      const config = parse(readFileSync(one.kubeconfig, 'utf8'));
      expect(config).toMatchObject({
        'current-context': 'one',
        clusters: [
          {
            name: 'one',
            cluster: { server: one.url, 'certificate-authority': one.caFile },
          },
        ],
        users: [{ name: 'one-admin', user: { token: one.token } }],
      });
      expect(
        parse(readFileSync(first.kubeconfig, 'utf8')).contexts.map(
          (c: any) => c.name,
        ),
      ).toEqual(['one', 'two']);
      expect(first.cluster('two').token).not.toBe(one.token);
      expect(existsSync(join(stateDir, 'ca.key'))).toBe(true);
    } finally {
      await first.stop();
    }
    const second = await startSandbox({
      stateDir,
      clusters: [{ name: 'one' }],
    });
    try {
      expect(second.caCert).toBe(first.caCert);
      expect(second.cluster('one').token).toBe(one.token);
    } finally {
      await second.stop();
    }
  });

  it('serves TLS that client-node verifies against the written CA', async () => {
    const k8s = await loadClientNode();
    const sandbox = await startSandbox({
      stateDir: tempStateDir(),
      clusters: [{ name: 'tls' }],
    });
    try {
      const kc = await kubeConfig(sandbox.cluster('tls'));
      const namespaces = await kc.makeApiClient(k8s.CoreV1Api).listNamespace();
      expect(namespaces.items.map(n => n.metadata?.name)).toEqual([
        'default',
        'kube-node-lease',
        'kube-public',
        'kube-system',
      ]);
      const other = new k8s.KubeConfig();
      other.loadFromOptions({
        clusters: [
          {
            name: 'c',
            server: sandbox.cluster('tls').url,
            caData: Buffer.from(
              readFileSync(join(__dirname, '../package.json')),
            ).toString('base64'),
          },
        ],
        users: [{ name: 'u', token: sandbox.cluster('tls').token }],
        contexts: [{ name: 'c', cluster: 'c', user: 'u' }],
        currentContext: 'c',
      });
      await expect(
        other.makeApiClient(k8s.CoreV1Api).listNamespace(),
      ).rejects.toThrow();
    } finally {
      await sandbox.stop();
    }
  });

  it('answers client-node without credentials through a kubectl-proxy stand-in, as kubectl proxy does', async () => {
    const k8s = await loadClientNode();
    const sandbox = await startSandbox({
      stateDir: tempStateDir(),
      clusters: [{ name: 'proxied' }],
    });
    const proxy = await startKubectlProxy(sandbox.cluster('proxied'));
    try {
      expect(proxy.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const kc = new k8s.KubeConfig();
      kc.loadFromClusterAndUser(
        // client-node refuses plain HTTP unless TLS verification is off, as for a real proxy.
        { name: 'proxy', server: proxy.url, skipTLSVerify: true },
        { name: 'anonymous' },
      );
      const namespaces = await kc.makeApiClient(k8s.CoreV1Api).listNamespace();
      expect(namespaces.items.map(n => n.metadata?.name)).toContain('default');
    } finally {
      await proxy.close();
      await sandbox.stop();
    }
  });

  it('lets an in-process subscriber follow every change and write objects and status', async () => {
    const sandbox = await startSandbox({
      stateDir: tempStateDir(),
      clusters: [{ name: 'sim' }],
    });
    const { api, store } = sandbox.cluster('sim');
    const events: string[] = [];
    const unsubscribe = store.subscribe((e: StoreEvent) =>
      events.push(`${e.type} ${e.resource} ${e.object.key}`),
    );
    try {
      api.create({
        apiVersion: 'apps/v1',
        kind: 'StatefulSet',
        metadata: { name: 'kafka', namespace: 'default' },
        spec: {
          selector: { matchLabels: { app: 'kafka' } },
          template: {
            metadata: { labels: { app: 'kafka' } },
            spec: { containers: [{ name: 'kafka', image: 'kafka:1' }] },
          },
        },
      });
      const current = api.get('apps/v1', 'StatefulSet', 'kafka', 'default')!;
      api.updateStatus({
        ...structuredClone(current),
        status: { replicas: 3, readyReplicas: 3 },
      } as any);
      api.delete('apps/v1', 'StatefulSet', 'kafka', 'default');
      expect(events).toEqual([
        'ADDED statefulsets.apps default/kafka',
        'MODIFIED statefulsets.apps default/kafka',
        'DELETED statefulsets.apps default/kafka',
      ]);
      expect(Object.isFrozen(current.metadata)).toBe(true);
      expect(() =>
        api.create({
          apiVersion: 'v1',
          kind: 'Pod',
          metadata: { name: 'p', namespace: 'default' },
          spec: {},
        } as any),
      ).toThrow('Pod "p" is invalid: spec.containers: Required value');
    } finally {
      unsubscribe();
      await sandbox.stop();
    }
  });
});

describe('the CLI', () => {
  const quiet = () => {
    const lines: string[] = [];
    const warnings: string[] = [];
    return {
      lines,
      warnings,
      out: {
        log: (l: string) => lines.push(l),
        warn: (l: string) => warnings.push(l),
      },
    };
  };
  // The seeded fleet has its own suite (fleet.test.ts); these check the CLI itself.
  const ports = [
    '--no-seed',
    '--admin-port',
    '0',
    '--port',
    'prod-eu=0',
    '--port',
    'prod-us=0',
    '--port',
    'staging=0',
    '--port',
    'dev=0',
  ];

  it('starts the fleet schema-less, and says so loudly, when the CRDs folder is missing', async () => {
    const io = quiet();
    const stateDir = tempStateDir();
    const missing = join(stateDir, 'nowhere');
    const run = (await runCli(
      [...ports, '--state-dir', stateDir],
      { KUBE_SANDBOX_CRDS_DIR: missing },
      io.out,
    ))!;
    try {
      expect(io.warnings.join('\n')).toContain(
        `VALIDATION IS OFF: the CRD folder ${missing} is missing`,
      );
      expect(io.lines.join('\n')).not.toContain('validating custom resources');
      expect(run.sandbox.clusters.map(c => [c.name, c.validationOff])).toEqual([
        ['prod-eu', true],
        ['prod-us', true],
        ['staging', true],
        ['dev', true],
      ]);
      expect(io.lines).toContain(
        `  kubeconfig  ${join(stateDir, 'prod-eu', 'kubeconfig')}`,
      );
      const prodUs = run.sandbox.cluster('prod-us');
      const created = await raw(
        prodUs,
        'POST',
        '/apis/kafka.strimzi.io/v1/namespaces/default/kafkas',
        {
          body: {
            apiVersion: 'kafka.strimzi.io/v1',
            kind: 'Kafka',
            metadata: { name: 'anything' },
            spec: { not: 'validated' },
          },
        },
      );
      expect(created.status).toBe(201);
    } finally {
      await run.stop();
    }
  }, 60_000);

  it('serves /healthz and fault routes on the admin endpoint', async () => {
    const io = quiet();
    const run = (await runCli(
      [...ports, '--state-dir', tempStateDir()],
      {},
      io.out,
    ))!;
    const admin = (method: string, path: string, body?: unknown) =>
      fetch(`${run.admin.url}${path}`, {
        method,
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    try {
      expect(io.lines.at(-1)).toBe('kube-sandbox: ready');
      expect(run.sandbox.clusters.every(c => !c.validationOff)).toBe(true);
      // With no KUBE_SANDBOX_CRDS_DIR, the sets bundled in the repository.
      expect(io.lines).toContain(
        `kube-sandbox: validating custom resources with the CRD sets cfk-3.3.0, strimzi-1.2.0, strimzi-0.51.0 from ${join(
          __dirname,
          '../../operator-crds',
        )}`,
      );
      expect(await (await admin('GET', '/healthz')).text()).toBe('ok\n');
      const clusters = await (await admin('GET', '/clusters')).json();
      expect(clusters.map((c: any) => c.name)).toEqual([
        'prod-eu',
        'prod-us',
        'staging',
        'dev',
      ]);

      const staging = run.sandbox.cluster('staging');
      await admin('PATCH', '/clusters/staging/faults', {
        errors: [{ path: '^/api/v1/namespaces$', code: 500, times: 1 }],
      });
      expect((await raw(staging, 'GET', '/api/v1/namespaces')).status).toBe(
        500,
      );
      expect((await raw(staging, 'GET', '/api/v1/namespaces')).status).toBe(
        200,
      );

      await admin('PATCH', '/clusters/staging/faults', {
        refuseConnections: true,
      });
      await expect(raw(staging, 'GET', '/api/v1/namespaces')).rejects.toThrow(
        /ECONNREFUSED/,
      );
      expect(
        await (await admin('GET', '/clusters/staging/faults')).json(),
      ).toMatchObject({ refuseConnections: true });
      await admin('DELETE', '/clusters/staging/faults');
      expect((await raw(staging, 'GET', '/api/v1/namespaces')).status).toBe(
        200,
      );

      expect(
        await (
          await admin('POST', '/clusters/staging/faults/drop-watches')
        ).json(),
      ).toEqual({ dropped: 0 });
      expect(
        (await admin('POST', '/clusters/staging/faults/expire-watch-history'))
          .status,
      ).toBe(200);
      expect((await admin('GET', '/clusters/nope/faults')).status).toBe(404);
    } finally {
      await run.stop();
    }
  }, 60_000);

  it('rejects a bad --port', async () => {
    await expect(
      runCli(['--port', 'nowhere=1'], {}, quiet().out),
    ).rejects.toThrow('--port wants <cluster>=<port>');
  });
});

describe('errors as Status objects', () => {
  it('answers malformed bodies with 400 and protobuf bodies of kinds it does not decode with 415', async () => {
    const sandbox = await startSandbox({
      stateDir: tempStateDir(),
      clusters: [{ name: 'status' }],
    });
    const c = sandbox.cluster('status');
    try {
      const bad = await raw(c, 'POST', '/api/v1/namespaces/default/secrets', {
        headers: { 'Content-Type': 'application/json' },
        body: 'not json' as unknown,
      });
      expect(bad.status).toBe(400);
      const proto = await raw(c, 'POST', '/api/v1/namespaces/default/pods', {
        headers: { 'Content-Type': 'application/vnd.kubernetes.protobuf' },
        body: {},
      });
      expect(proto.json()).toMatchObject({
        code: 415,
        reason: 'UnsupportedMediaType',
      });
      // Secrets are decoded from protobuf: a body without the k8s\0 magic is malformed.
      const notProto = await raw(
        c,
        'POST',
        '/api/v1/namespaces/default/secrets',
        {
          headers: { 'Content-Type': 'application/vnd.kubernetes.protobuf' },
          body: {},
        },
      );
      expect(notProto.json()).toMatchObject({
        code: 400,
        reason: 'BadRequest',
        message: expect.stringContaining('no k8s\\0 prefix'),
      });
      const k8s = await loadClientNode();
      const core = (await kubeConfig(c)).makeApiClient(k8s.CoreV1Api);
      expect(
        (
          await failure(
            core.listNamespacedPod({
              namespace: 'default',
              resourceVersion: '999999',
            }),
          )
        ).body,
      ).toMatchObject({
        code: 504,
        reason: 'Timeout',
        details: { causes: [{ reason: 'ResourceVersionTooLarge' }] },
      });
    } finally {
      await sandbox.stop();
    }
  });
});

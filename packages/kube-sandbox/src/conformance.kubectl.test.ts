import { execFile, execFileSync, spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Sandbox, SandboxCluster, startSandbox } from './sandbox';
import { eventually, tempStateDir } from './testUtils';

/*
 * kubectl as the second, independent client, through the kubeconfig the sandbox writes. Its
 * discovery cache goes to a fresh folder so every run asks this server. `KUBECTL` picks the
 * binary (default: `kubectl` on PATH), e.g. `KUBECTL=/tmp/k/usr/bin/kubectl` for Debian 12's 1.20
 * (`apt-get download kubernetes-client && dpkg -x kubernetes-client_*.deb /tmp/k`). kubectl 1.32's
 * typed commands (`create namespace|secret|configmap`) send protobuf bodies, 1.20's send JSON.
 */

const KUBECTL = process.env.KUBECTL ?? 'kubectl';

function kubectlVersion(): string | undefined {
  try {
    return execFileSync(KUBECTL, ['version', '--client', '-o', 'json'], {
      encoding: 'utf8',
    });
  } catch {
    return undefined;
  }
}

const version = kubectlVersion();
/**
 * kubectl before 1.25 validates `apply` client-side against `/openapi/v2` and sends nothing when
 * that fails; later ones send `fieldValidation=Strict` and print the server's error. Each prints
 * its own message, and the suite expects the one a real API server gets out of that kubectl.
 */
const minor = version
  ? parseInt(JSON.parse(version).clientVersion.minor, 10)
  : undefined;
const clientSideValidation = minor !== undefined && minor < 25;
const missing = `kubectl not found (looked for "${KUBECTL}" on PATH; set KUBECTL to another binary)`;

if (!version && process.env.CI) {
  describe('kubectl', () => {
    it('is installed', () => {
      // Fails showing why: CI must provide kubectl (.ci/run installs Debian's kubernetes-client).
      expect(
        version ? 'kubectl found' : `${missing}: CI must provide kubectl`,
      ).toBe('kubectl found');
    });
  });
} else if (!version) {
  // eslint-disable-next-line no-console
  console.warn(
    `kube-sandbox: skipping the kubectl conformance suite: ${missing}`,
  );
}

// Each test runs kubectl a few times, at up to a second a run on two busy cores.
jest.setTimeout(30_000);

// Skipped (with the warning above) only outside CI and only when kubectl is missing.
const suite = version ? describe : describe.skip;
suite('kubectl conformance', () => {
  let sandbox: Sandbox;
  let cluster: SandboxCluster;
  let dir: string;

  const run = (
    args: string[],
    options: { token?: string; input?: string } = {},
  ) =>
    new Promise<{ code: number; stdout: string; stderr: string }>(resolve => {
      const child = execFile(
        KUBECTL,
        [
          '--kubeconfig',
          cluster.kubeconfig,
          '--cache-dir',
          join(dir, 'cache'),
          ...(options.token ? ['--token', options.token] : []),
          ...args,
        ],
        { encoding: 'utf8' },
        (error, stdout, stderr) =>
          resolve({
            code: error ? Number((error as { code?: number }).code ?? 1) : 0,
            stdout,
            stderr,
          }),
      );
      if (options.input !== undefined) child.stdin?.end(options.input);
    });
  const patchCount = () => cluster.requests().verbs.patch ?? 0;
  const file = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };

  beforeAll(async () => {
    dir = tempStateDir('kube-sandbox-kubectl-');
    sandbox = await startSandbox({
      stateDir: dir,
      clusters: [
        {
          name: 'kubectl',
          crdSets: ['strimzi-1.2.0'],
          tokens: [
            {
              name: 'reader',
              user: 'system:serviceaccount:default:reader',
              rules: [
                {
                  verbs: ['get', 'list'],
                  resources: ['pods'],
                  namespaces: ['default'],
                },
              ],
            },
          ],
        },
      ],
    });
    cluster = sandbox.cluster('kubectl');
  }, 60_000);

  afterAll(async () => {
    await sandbox?.stop();
  });

  it('gets built-in objects as tables and as YAML', async () => {
    const ns = await run(['get', 'namespaces']);
    expect(ns.code).toBe(0);
    expect(ns.stdout.split('\n')[0]).toMatch(/^NAME\s+STATUS\s+AGE$/);
    expect(ns.stdout).toMatch(/^default\s+Active\s+\d+s$/m);
    const yaml = await run(['get', 'namespace', 'default', '-o', 'yaml']);
    expect(yaml.stdout).toContain('kubernetes.io/metadata.name: default');
    const resources = await run([
      'api-resources',
      '--api-group=apps',
      '-o',
      'name',
    ]);
    expect(resources.stdout.trim()).toBe('statefulsets.apps');
  });

  it('applies built-ins with its default validation: create, configure, unchanged, and unknown fields rejected', async () => {
    const manifest = (image: string, extra = '') => `apiVersion: v1
kind: Pod
metadata:
  name: web
  labels: {app: web}
spec:
  containers:
  - name: app
    image: ${image}${extra}
`;
    const path = file('pod.yaml', manifest('nginx:1.25'));
    expect(await run(['apply', '-f', path])).toMatchObject({
      code: 0,
      stdout: 'pod/web created\n',
    });
    file('pod.yaml', manifest('nginx:1.26'));
    expect(await run(['apply', '-f', path])).toMatchObject({
      code: 0,
      stdout: 'pod/web configured\n',
    });
    expect(await run(['apply', '-f', path])).toMatchObject({
      code: 0,
      stdout: 'pod/web unchanged\n',
    });
    expect(
      (
        await run([
          'get',
          'pod',
          'web',
          '-o',
          'jsonpath={.spec.containers[0].image}',
        ])
      ).stdout,
    ).toBe('nginx:1.26');
    expect(
      (await run(['get', 'pods', '-l', 'app=web', '-o', 'name'])).stdout,
    ).toBe('pod/web\n');

    file('pod.yaml', manifest('nginx:1.27', '\n    imagePullPolicyy: Always'));
    const patches = patchCount();
    const rejected = await run(['apply', '-f', path]);
    expect(rejected.code).toBe(1);
    const expected = clientSideValidation
      ? [
          'error validating data: ValidationError(Pod.spec.containers[0]): unknown field "imagePullPolicyy" in io.k8s.api.core.v1.Container',
        ]
      : [
          'Error from server (BadRequest)',
          'strict decoding error: unknown field "spec.containers[0].imagePullPolicyy"',
        ];
    expected.forEach(message => expect(rejected.stderr).toContain(message));
    expect(patchCount()).toBe(clientSideValidation ? patches : patches + 1);
    expect(
      (
        await run([
          'get',
          'pod',
          'web',
          '-o',
          'jsonpath={.spec.containers[0].image}',
        ])
      ).stdout,
    ).toBe('nginx:1.26');
  });

  it('applies a CRD and then its custom resources, validated by kubectl or the server', async () => {
    const crd = file(
      'crd.yaml',
      `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: widgets.example.com
spec:
  group: example.com
  scope: Namespaced
  names: {plural: widgets, singular: widget, kind: Widget}
  versions:
  - name: v1
    served: true
    storage: true
    subresources: {status: {}}
    additionalPrinterColumns:
    - {name: Size, type: integer, jsonPath: .spec.size}
    - {name: Ready, type: string, jsonPath: '.status.conditions[?(@.type=="Ready")].status'}
    schema:
      openAPIV3Schema:
        type: object
        properties:
          spec:
            type: object
            properties:
              size: {type: integer, minimum: 1}
`,
    );
    expect(await run(['apply', '-f', crd])).toMatchObject({
      code: 0,
      stdout:
        'customresourcedefinition.apiextensions.k8s.io/widgets.example.com created\n',
    });
    const widget = (spec: string) => `apiVersion: example.com/v1
kind: Widget
metadata: {name: w, namespace: default}
spec: ${spec}
`;
    const path = file('widget.yaml', widget('{size: 2}'));
    expect(await run(['apply', '-f', path])).toMatchObject({
      code: 0,
      stdout: 'widget.example.com/w created\n',
    });
    const table = await run(['get', 'widgets']);
    expect(table.stdout.split('\n')[0]).toMatch(/^NAME\s+SIZE\s+READY$/);
    expect(table.stdout).toMatch(/^w\s+2\s*$/m);

    file('widget.yaml', widget('{size: 3, colour: red}'));
    const patches = patchCount();
    const unknown = await run(['apply', '-f', path]);
    expect(unknown.code).toBe(1);
    // kubectl 1.20 finds the kind in /openapi/v2 only if the server published it when the CRD came.
    expect(unknown.stderr).toContain(
      clientSideValidation
        ? 'error validating data: ValidationError(Widget.spec): unknown field "colour" in com.example.v1.Widget.spec'
        : 'Widget in version "v1" cannot be handled as a Widget: strict decoding error: unknown field "spec.colour"',
    );
    expect(patchCount()).toBe(clientSideValidation ? patches : patches + 1);
    // Without validation the server prunes the unknown field silently.
    expect(await run(['apply', '--validate=false', '-f', path])).toMatchObject({
      code: 0,
      stdout: 'widget.example.com/w configured\n',
    });
    expect(
      (await run(['get', 'widget', 'w', '-o', 'jsonpath={.spec}'])).stdout,
    ).toBe('{"size":3}');

    file('widget.yaml', widget('{size: 0}'));
    const invalid = await run(['apply', '-f', path]);
    expect(invalid.code).toBe(1);
    expect(invalid.stderr).toContain(
      'The Widget "w" is invalid: spec.size: Invalid value: 0: spec.size in body should be greater than or equal to 1',
    );
  });

  it("applies an operator's custom resources against its real CRD, and rejects a misspelled field", async () => {
    // Quantities as an integer and as strings (int-or-string), Kafka settings under `config`
    // (preserve-unknown-fields): kinds of schema node a client-side validator must not reject.
    const pool = file(
      'pool.yaml',
      `apiVersion: kafka.strimzi.io/v1
kind: KafkaNodePool
metadata: {name: broker, namespace: default, labels: {strimzi.io/cluster: events}}
spec:
  replicas: 3
  roles: [broker]
  storage: {type: jbod, volumes: [{id: 0, type: persistent-claim, size: 100Gi, kraftMetadata: shared}]}
  resources: {requests: {cpu: 1, memory: 4Gi}, limits: {cpu: 1500m, memory: 4Gi}}
`,
    );
    expect(await run(['apply', '-f', pool])).toMatchObject({
      code: 0,
      stdout: 'kafkanodepool.kafka.strimzi.io/broker created\n',
    });
    const kafka = (config: string) => `apiVersion: kafka.strimzi.io/v1
kind: Kafka
metadata: {name: events, namespace: default}
spec:
  kafka:
    listeners: [{name: plain, port: 9092, type: internal, tls: false}]
    ${config}: {min.insync.replicas: 2, auto.create.topics.enable: false}
`;
    const path = file('kafka.yaml', kafka('config'));
    expect(await run(['apply', '-f', path])).toMatchObject({
      code: 0,
      stdout: 'kafka.kafka.strimzi.io/events created\n',
    });
    file('kafka.yaml', kafka('confg'));
    const patches = patchCount();
    const typo = await run(['apply', '-f', path]);
    expect(typo.code).toBe(1);
    expect(typo.stderr).toContain(
      clientSideValidation
        ? 'error validating data: ValidationError(Kafka.spec.kafka): unknown field "confg" in io.strimzi.kafka.v1.Kafka.spec.kafka'
        : 'Kafka in version "v1" cannot be handled as a Kafka: strict decoding error: unknown field "spec.kafka.confg"',
    );
    expect(patchCount()).toBe(clientSideValidation ? patches : patches + 1);
  });

  it('follows changes with get --watch', async () => {
    const apply = (object: object) =>
      run(['apply', '-f', '-'], { input: JSON.stringify(object) });
    await apply({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: 'watched' },
    });
    const child = spawn(KUBECTL, [
      '--kubeconfig',
      cluster.kubeconfig,
      '--cache-dir',
      join(dir, 'cache'),
      '-n',
      'watched',
      'get',
      'pods',
      '--watch',
      '--output-watch-events',
    ]);
    let out = '';
    child.stdout.on('data', chunk => {
      out += String(chunk);
    });
    try {
      await apply({
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: 'one', namespace: 'watched' },
        spec: { containers: [{ name: 'c', image: 'busybox' }] },
      });
      await eventually(() => expect(out).toMatch(/ADDED\s+one\s/));
      await run(['-n', 'watched', 'label', 'pod', 'one', 'x=y']);
      await eventually(() => expect(out).toMatch(/MODIFIED\s+one\s/));
      await run(['-n', 'watched', 'delete', 'pod', 'one']);
      await eventually(() => expect(out).toMatch(/DELETED\s+one\s/));
      expect(out.split('\n')[0]).toMatch(
        /^EVENT\s+NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE$/,
      );
    } finally {
      child.kill();
    }
  });

  it('creates namespaces, secrets and configmaps with its typed commands (protobuf bodies from 1.32)', async () => {
    expect(await run(['create', 'namespace', 'typed'])).toMatchObject({
      code: 0,
      stdout: 'namespace/typed created\n',
    });
    expect(
      await run([
        '-n',
        'typed',
        'create',
        'secret',
        'generic',
        'creds',
        '--from-literal=user=admin',
        '--from-literal=password=s3cret',
      ]),
    ).toMatchObject({ code: 0, stdout: 'secret/creds created\n' });
    const bytes = Buffer.from([0x62, 0x69, 0x6e, 0x00, 0xff]); // not UTF-8
    const binary = join(dir, 'blob.bin');
    writeFileSync(binary, bytes);
    expect(
      await run([
        '-n',
        'typed',
        'create',
        'configmap',
        'settings',
        '--from-literal=mode=fast',
        `--from-file=blob=${binary}`,
      ]),
    ).toMatchObject({ code: 0, stdout: 'configmap/settings created\n' });
    const secret = cluster.api.get('v1', 'Secret', 'creds', 'typed');
    expect(secret).toMatchObject({
      type: 'Opaque',
      data: {
        user: Buffer.from('admin').toString('base64'),
        password: Buffer.from('s3cret').toString('base64'),
      },
    });
    expect(secret?.metadata.managedFields?.[0]).toMatchObject({
      manager: 'kubectl-create',
      operation: 'Update',
    });
    expect(
      cluster.api.get('v1', 'ConfigMap', 'settings', 'typed'),
    ).toMatchObject({
      data: { mode: 'fast' },
      binaryData: { blob: bytes.toString('base64') },
    });
    expect((await run(['-n', 'typed', 'get', 'configmaps'])).stdout).toMatch(
      /^NAME\s+DATA\s+AGE\nsettings\s+2\s+\d+s\n$/,
    );
    expect((await run(['-n', 'typed', 'get', 'secrets'])).stdout).toMatch(
      /^NAME\s+TYPE\s+DATA\s+AGE\ncreds\s+Opaque\s+2\s+\d+s\n$/,
    );
  });

  // Every command here exists in kubectl 1.20 too (server-side apply has been there since 1.16,
  // `diff --server-side` since 1.18), so the test runs, unchanged, with either version.
  it('applies server-side: create, update, a removed field, a conflict, force, dry run, list-map merging, diff', async () => {
    const manifest = (data: Record<string, string>) =>
      `apiVersion: v1
kind: ConfigMap
metadata: {name: ssa, namespace: default, labels: {app: web}}
data: ${JSON.stringify(data)}
`;
    const path = file('ssa.yaml', manifest({ one: '1', two: '2' }));
    const ssa = (...extra: string[]) =>
      run(['apply', '--server-side', ...extra, '-f', path]);
    const data = () =>
      cluster.api.get('v1', 'ConfigMap', 'ssa', 'default')?.data;
    expect(await ssa()).toMatchObject({
      code: 0,
      stdout: 'configmap/ssa serverside-applied\n',
    });
    expect(data()).toEqual({ one: '1', two: '2' });
    expect(
      cluster.api.get('v1', 'ConfigMap', 'ssa', 'default')?.metadata
        .managedFields,
    ).toEqual([
      expect.objectContaining({
        manager: 'kubectl',
        operation: 'Apply',
        fieldsV1: {
          'f:data': { 'f:one': {}, 'f:two': {} },
          'f:metadata': { 'f:labels': { 'f:app': {} } },
        },
      }),
    ]);

    // Server-side dry run and diff: the would-be result, nothing written.
    file('ssa.yaml', manifest({ one: '1' }));
    expect(await ssa('--dry-run=server')).toMatchObject({
      code: 0,
      stdout: 'configmap/ssa serverside-applied (server dry run)\n',
    });
    expect(data()).toEqual({ one: '1', two: '2' });
    const diff = await run(['diff', '--server-side', '-f', path]);
    expect(diff.code).toBe(1); // kubectl diff: 1 when there are differences
    expect(diff.stdout).toMatch(/^-\s+two: "2"$/m);
    expect(data()).toEqual({ one: '1', two: '2' });

    // The field left out of the manifest is removed.
    expect((await ssa()).code).toBe(0);
    expect(data()).toEqual({ one: '1' });
    expect(await run(['diff', '--server-side', '-f', path])).toMatchObject({
      code: 0,
      stdout: '',
    });

    // Another manager's field: a conflict kubectl reports, then --force-conflicts.
    expect(
      (
        await run([
          'patch',
          'configmap',
          'ssa',
          '--type=merge',
          '-p',
          '{"data":{"one":"uno"}}',
        ])
      ).code,
    ).toBe(0);
    file('ssa.yaml', manifest({ one: 'eins' }));
    const conflict = await ssa();
    expect(conflict.code).toBe(1);
    expect(conflict.stderr).toContain(
      'Apply failed with 1 conflict: conflict with "kubectl-patch" using v1: .data.one',
    );
    expect(data()).toEqual({ one: 'uno' });
    expect((await ssa('--force-conflicts')).code).toBe(0);
    expect(data()).toEqual({ one: 'eins' });

    // Two managers' items of a map-list (a Service's ports, keyed by port) merge.
    const service = (name: string, port: number) =>
      file(
        `svc-${name}.yaml`,
        `apiVersion: v1
kind: Service
metadata: {name: web, namespace: default}
spec:
  selector: {app: web}
  ports: [{name: ${name}, port: ${port}}]
`,
      );
    for (const [manager, name, port] of [
      ['team-a', 'http', 80],
      ['team-b', 'https', 443],
    ] as const) {
      expect(
        await run([
          'apply',
          '--server-side',
          `--field-manager=${manager}`,
          '-f',
          service(name, port),
        ]),
      ).toMatchObject({ code: 0, stdout: 'service/web serverside-applied\n' });
    }
    expect(
      (
        await run([
          'get',
          'service',
          'web',
          '-o',
          'jsonpath={.spec.ports[*].name}',
        ])
      ).stdout,
    ).toBe('http https');
  });

  it('deletes, and reports NotFound and Forbidden as kubectl prints them', async () => {
    const secret = {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 'doomed' },
      stringData: { k: 'v' },
    };
    expect(
      (await run(['apply', '-f', '-'], { input: JSON.stringify(secret) }))
        .stdout,
    ).toBe('secret/doomed created\n');
    expect(await run(['delete', 'secret', 'doomed'])).toMatchObject({
      code: 0,
      stdout: 'secret "doomed" deleted\n',
    });
    const gone = await run(['get', 'secret', 'doomed']);
    expect(gone).toMatchObject({
      code: 1,
      stderr: 'Error from server (NotFound): secrets "doomed" not found\n',
    });
    const forbidden = await run(['get', 'secrets'], {
      token: cluster.tokens.reader,
    });
    expect(forbidden.code).toBe(1);
    expect(forbidden.stderr).toContain(
      'Error from server (Forbidden): secrets is forbidden: User "system:serviceaccount:default:reader" cannot list resource "secrets" in API group "" in the namespace "default"',
    );
    expect(
      (await run(['get', 'pods'], { token: cluster.tokens.reader })).code,
    ).toBe(0);
    const unauthorized = await run(['get', 'pods'], { token: 'wrong' });
    expect(unauthorized.stderr).toContain('Unauthorized');
  });
});

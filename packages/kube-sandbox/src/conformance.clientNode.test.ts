import type * as k8sTypes from '@kubernetes/client-node';
import { Sandbox, SandboxCluster, startSandbox } from './sandbox';
import {
  ClientNode,
  eventually,
  failure,
  kubeConfig,
  loadClientNode,
  raw,
  tempStateDir,
} from './testUtils';

/*
 * Conformance against @kubernetes/client-node: every assertion is what a real API server returns
 * for the same request. One sandbox for the file; each test works in its own namespace.
 */

let k8s: ClientNode;
let sandbox: Sandbox;
let cluster: SandboxCluster;
let kc: k8sTypes.KubeConfig;
let core: k8sTypes.CoreV1Api;
let apps: k8sTypes.AppsV1Api;
let custom: k8sTypes.CustomObjectsApi;
let ext: k8sTypes.ApiextensionsV1Api;

const WIDGETS_CRD = {
  apiVersion: 'apiextensions.k8s.io/v1',
  kind: 'CustomResourceDefinition',
  metadata: { name: 'widgets.example.com' },
  spec: {
    group: 'example.com',
    scope: 'Namespaced',
    names: {
      plural: 'widgets',
      singular: 'widget',
      kind: 'Widget',
      shortNames: ['wd'],
    },
    versions: [
      {
        name: 'v1',
        served: true,
        storage: true,
        subresources: { status: {} },
        schema: {
          openAPIV3Schema: {
            type: 'object',
            properties: {
              spec: {
                type: 'object',
                properties: {
                  size: { type: 'integer', minimum: 1 },
                  color: { type: 'string', enum: ['red', 'blue'] },
                  tags: { type: 'array', items: { type: 'string' } },
                },
              },
              status: {
                type: 'object',
                properties: {
                  phase: { type: 'string' },
                  observedGeneration: { type: 'integer' },
                },
              },
            },
          },
        },
      },
    ],
  },
};

const widgets = { group: 'example.com', version: 'v1', plural: 'widgets' };
const merge = () =>
  k8s.setHeaderOptions('Content-Type', k8s.PatchStrategy.MergePatch);
const jsonPatch = () =>
  k8s.setHeaderOptions('Content-Type', k8s.PatchStrategy.JsonPatch);
const strategic = () =>
  k8s.setHeaderOptions('Content-Type', k8s.PatchStrategy.StrategicMergePatch);

let nsCounter = 0;
async function namespace(prefix: string) {
  const name = `${prefix}-${++nsCounter}`;
  await core.createNamespace({ body: { metadata: { name } } });
  return name;
}

const pod = (
  name: string,
  labels: Record<string, string> = {},
  containers = [{ name: 'app', image: 'nginx:1.25' }],
) => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, labels },
  spec: { containers },
});

beforeAll(async () => {
  k8s = await loadClientNode();
  sandbox = await startSandbox({
    stateDir: tempStateDir(),
    clusters: [
      {
        name: 'conformance',
        tokens: [
          {
            name: 'reader',
            user: 'system:serviceaccount:team-a:reader',
            rules: [
              {
                verbs: ['get', 'list', 'watch'],
                resources: ['pods'],
                namespaces: ['team-a'],
              },
            ],
          },
        ],
      },
    ],
  });
  cluster = sandbox.cluster('conformance');
  kc = await kubeConfig(cluster);
  core = kc.makeApiClient(k8s.CoreV1Api);
  apps = kc.makeApiClient(k8s.AppsV1Api);
  custom = kc.makeApiClient(k8s.CustomObjectsApi);
  ext = kc.makeApiClient(k8s.ApiextensionsV1Api);
  // Posted as JSON: client-node's typed serializer would drop `enum` (its model calls it `_enum`).
  const crd = await raw(
    cluster,
    'POST',
    '/apis/apiextensions.k8s.io/v1/customresourcedefinitions',
    { body: WIDGETS_CRD },
  );
  if (crd.status !== 201)
    throw new Error(`creating the CRD failed: ${crd.body}`);
}, 60_000);

afterAll(async () => {
  await sandbox?.stop();
});

describe('discovery', () => {
  it('reports a Kubernetes version and serves the built-in and CRD resources', async () => {
    const version = await kc.makeApiClient(k8s.VersionApi).getCode();
    expect(version.gitVersion).toBe('v1.32.0');

    const v1 = await core.getAPIResources();
    const pods = v1.resources.find(r => r.name === 'pods');
    expect(pods).toMatchObject({
      namespaced: true,
      kind: 'Pod',
      shortNames: ['po'],
    });
    expect(pods?.verbs).toEqual(
      expect.arrayContaining([
        'get',
        'list',
        'watch',
        'create',
        'update',
        'patch',
        'delete',
      ]),
    );
    expect(v1.resources.map(r => r.name)).toEqual(
      expect.arrayContaining([
        'namespaces',
        'pods/status',
        'persistentvolumeclaims',
        'services',
        'secrets',
        'events',
      ]),
    );

    const groups = await kc.makeApiClient(k8s.ApisApi).getAPIVersions();
    expect(groups.groups.map(g => g.name)).toEqual(
      expect.arrayContaining(['apps', 'apiextensions.k8s.io', 'example.com']),
    );

    // KubernetesObjectApi finds the path of a kind through /apis/{group}/{version}.
    const objects = k8s.KubernetesObjectApi.makeApiClient(kc);
    const list = await objects.list('example.com/v1', 'Widget', 'default');
    expect(list).toMatchObject({
      kind: 'WidgetList',
      apiVersion: 'example.com/v1',
      items: [],
    });
  });
});

describe('CRUD', () => {
  it('creates, reads, replaces and deletes with server-set metadata and defaults', async () => {
    const ns = await namespace('crud');
    const created = await core.createNamespacedPod({
      namespace: ns,
      body: pod('web', { app: 'web' }),
    });
    expect(created.metadata?.uid).toMatch(/^[0-9a-f-]{36}$/);
    expect(created.metadata?.resourceVersion).toMatch(/^\d+$/);
    expect(created.metadata?.creationTimestamp).toBeInstanceOf(Date);
    expect(created.spec?.restartPolicy).toBe('Always');
    expect(created.status?.phase).toBe('Pending');

    const read = await core.readNamespacedPod({ name: 'web', namespace: ns });
    expect(read.metadata?.uid).toBe(created.metadata?.uid);

    read.metadata!.labels = { app: 'web', tier: 'front' };
    const replaced = await core.replaceNamespacedPod({
      name: 'web',
      namespace: ns,
      body: read,
    });
    expect(Number(replaced.metadata?.resourceVersion)).toBeGreaterThan(
      Number(created.metadata?.resourceVersion),
    );
    expect(replaced.metadata?.labels).toEqual({ app: 'web', tier: 'front' });

    const deleted = await core.deleteNamespacedPod({
      name: 'web',
      namespace: ns,
    });
    expect(deleted.metadata?.uid).toBe(created.metadata?.uid);
    expect(
      await failure(core.readNamespacedPod({ name: 'web', namespace: ns })),
    ).toMatchObject({
      code: 404,
      body: {
        kind: 'Status',
        status: 'Failure',
        reason: 'NotFound',
        message: 'pods "web" not found',
        details: { name: 'web', kind: 'pods' },
      },
    });
  });

  it('counts resourceVersions globally across kinds, as etcd', async () => {
    const ns = await namespace('rv');
    const a = await core.createNamespacedSecret({
      namespace: ns,
      body: { metadata: { name: 'a' }, stringData: { k: 'v' } },
    });
    const b = await core.createNamespacedPod({ namespace: ns, body: pod('b') });
    const c = await core.createNamespacedSecret({
      namespace: ns,
      body: { metadata: { name: 'c' } },
    });
    const rvs = [a, b, c].map(o => Number(o.metadata?.resourceVersion));
    expect(rvs[1]).toBeGreaterThan(rvs[0]);
    expect(rvs[2]).toBeGreaterThan(rvs[1]);
    expect(a.data).toEqual({ k: Buffer.from('v').toString('base64') });
    expect(a.type).toBe('Opaque');
  });

  it('answers 409 AlreadyExists, and Conflict on a stale resourceVersion', async () => {
    const ns = await namespace('conflict');
    const first = await core.createNamespacedPod({
      namespace: ns,
      body: pod('p'),
    });
    expect(
      await failure(
        core.createNamespacedPod({ namespace: ns, body: pod('p') }),
      ),
    ).toMatchObject({
      code: 409,
      body: {
        reason: 'AlreadyExists',
        message: 'pods "p" already exists',
        details: { name: 'p', kind: 'pods' },
      },
    });
    await core.patchNamespacedPod(
      { name: 'p', namespace: ns, body: { metadata: { labels: { x: '1' } } } },
      merge(),
    );
    const stale = {
      ...first,
      metadata: { ...first.metadata, labels: { x: '2' } },
    };
    expect(
      await failure(
        core.replaceNamespacedPod({ name: 'p', namespace: ns, body: stale }),
      ),
    ).toMatchObject({
      code: 409,
      body: {
        reason: 'Conflict',
        message:
          'Operation cannot be fulfilled on pods "p": the object has been modified; please apply your changes to the latest version and try again',
      },
    });
  });

  it('answers 404 for a missing namespace and 422 with causes for invalid objects', async () => {
    expect(
      await failure(
        core.createNamespacedPod({ namespace: 'nowhere', body: pod('p') }),
      ),
    ).toMatchObject({
      code: 404,
      body: { reason: 'NotFound', message: 'namespaces "nowhere" not found' },
    });
    const ns = await namespace('invalid');
    const bad = await failure(
      core.createNamespacedPod({
        namespace: ns,
        body: { metadata: { name: 'Bad_Name' }, spec: { containers: [] } },
      }),
    );
    expect(bad.code).toBe(422);
    expect(bad.body).toMatchObject({
      reason: 'Invalid',
      details: { name: 'Bad_Name', kind: 'Pod' },
    });
    expect(bad.body.message).toMatch(
      /^Pod "Bad_Name" is invalid: \[metadata.name: Invalid value: "Bad_Name": a lowercase RFC 1123 subdomain/,
    );
    expect(bad.body.details.causes).toEqual([
      expect.objectContaining({
        reason: 'FieldValueInvalid',
        field: 'metadata.name',
      }),
      {
        reason: 'FieldValueRequired',
        message: 'Required value',
        field: 'spec.containers',
      },
    ]);
  });

  it('lists across all namespaces, with built-in list items carrying no kind', async () => {
    const a = await namespace('all');
    const b = await namespace('all');
    await core.createNamespacedPod({
      namespace: a,
      body: pod('x', { all: 'yes' }),
    });
    await core.createNamespacedPod({
      namespace: b,
      body: pod('x', { all: 'yes' }),
    });
    const list = await core.listPodForAllNamespaces({
      labelSelector: 'all=yes',
    });
    expect(
      list.items.map(p => `${p.metadata?.namespace}/${p.metadata?.name}`),
    ).toEqual([`${a}/x`, `${b}/x`]);
    expect(list.metadata?.resourceVersion).toMatch(/^\d+$/);
    const rawList = (
      await raw(cluster, 'GET', `/api/v1/namespaces/${a}/pods`)
    ).json();
    expect(rawList).toMatchObject({ kind: 'PodList', apiVersion: 'v1' });
    expect(rawList.items[0].kind).toBeUndefined();
  });

  it('deletes a namespace with its contents', async () => {
    const ns = await namespace('gone');
    await core.createNamespacedSecret({
      namespace: ns,
      body: { metadata: { name: 's' } },
    });
    const terminating = (await core.deleteNamespace({
      name: ns,
    })) as k8sTypes.V1Namespace;
    expect(terminating.status?.phase).toBe('Terminating');
    await eventually(async () =>
      expect((await failure(core.readNamespace({ name: ns }))).code).toBe(404),
    );
    expect(
      (
        await core.listSecretForAllNamespaces({
          fieldSelector: `metadata.namespace=${ns}`,
        })
      ).items,
    ).toEqual([]);
  });

  it('keeps an object with finalizers until they are removed', async () => {
    const ns = await namespace('finalizers');
    await core.createNamespacedSecret({
      namespace: ns,
      body: { metadata: { name: 's', finalizers: ['example.com/hold'] } },
    });
    await core.deleteNamespacedSecret({ name: 's', namespace: ns });
    const marked = await core.readNamespacedSecret({
      name: 's',
      namespace: ns,
    });
    expect(marked.metadata?.deletionTimestamp).toBeInstanceOf(Date);
    await core.patchNamespacedSecret(
      { name: 's', namespace: ns, body: { metadata: { finalizers: null } } },
      merge(),
    );
    expect(
      (await failure(core.readNamespacedSecret({ name: 's', namespace: ns })))
        .code,
    ).toBe(404);
  });

  it('garbage-collects dependents of a deleted owner', async () => {
    const ns = await namespace('gc');
    const owner = await core.createNamespacedSecret({
      namespace: ns,
      body: { metadata: { name: 'owner' } },
    });
    await core.createNamespacedSecret({
      namespace: ns,
      body: {
        metadata: {
          name: 'dependent',
          ownerReferences: [
            {
              apiVersion: 'v1',
              kind: 'Secret',
              name: 'owner',
              uid: owner.metadata!.uid!,
            },
          ],
        },
      },
    });
    await core.deleteNamespacedSecret({ name: 'owner', namespace: ns });
    await eventually(async () =>
      expect(
        (
          await failure(
            core.readNamespacedSecret({ name: 'dependent', namespace: ns }),
          )
        ).code,
      ).toBe(404),
    );
  });
});

describe('selectors and pagination', () => {
  let ns: string;
  beforeAll(async () => {
    ns = await namespace('select');
    for (let i = 0; i < 25; i++) {
      const labels: Record<string, string> = { env: i % 2 ? 'prod' : 'dev' };
      if (i % 5 === 0) labels.tier = 'gold';
      await core.createNamespacedSecret({
        namespace: ns,
        body: { metadata: { name: `s-${String(i).padStart(2, '0')}`, labels } },
      });
    }
  });
  const names = async (labelSelector?: string, fieldSelector?: string) =>
    (
      await core.listNamespacedSecret({
        namespace: ns,
        labelSelector,
        fieldSelector,
      })
    ).items.map(s => s.metadata?.name);

  it('selects by label equality, inequality, sets and existence', async () => {
    expect(await names('env=prod')).toHaveLength(12);
    expect(await names('env==dev,tier=gold')).toEqual(['s-00', 's-10', 's-20']);
    expect(await names('env!=dev,tier')).toEqual(['s-05', 's-15']);
    expect(await names('tier in (gold,silver),env notin (prod)')).toEqual([
      's-00',
      's-10',
      's-20',
    ]);
    expect(await names('!tier')).toHaveLength(20);
  });

  it('selects by metadata.name and metadata.namespace', async () => {
    expect(await names(undefined, 'metadata.name=s-07')).toEqual(['s-07']);
    expect(await names(undefined, 'metadata.name!=s-07')).toHaveLength(24);
    const all = await core.listSecretForAllNamespaces({
      fieldSelector: `metadata.namespace=${ns},metadata.name=s-01`,
    });
    expect(all.items.map(s => s.metadata?.name)).toEqual(['s-01']);
  });

  it('rejects a bad selector with 400', async () => {
    expect(
      (
        await failure(
          core.listNamespacedSecret({
            namespace: ns,
            labelSelector: 'env in (a',
          }),
        )
      ).body,
    ).toMatchObject({ code: 400, reason: 'BadRequest' });
    expect(
      (
        await failure(
          core.listNamespacedSecret({
            namespace: ns,
            fieldSelector: 'spec.foo=x',
          }),
        )
      ).body,
    ).toMatchObject({
      code: 400,
      reason: 'BadRequest',
      message: expect.stringContaining('field label not supported: spec.foo'),
    });
  });

  it('pages with limit/continue consistently at the first page\u2019s resourceVersion', async () => {
    const first = await core.listNamespacedSecret({ namespace: ns, limit: 10 });
    expect(first.items).toHaveLength(10);
    expect(first.metadata?.remainingItemCount).toBe(15);
    // A write between pages is not seen by the rest of this list, as with etcd's snapshot reads.
    await core.createNamespacedSecret({
      namespace: ns,
      body: { metadata: { name: 's-99' } },
    });
    await core.patchNamespacedSecret(
      {
        name: 's-15',
        namespace: ns,
        body: { metadata: { labels: { changed: 'yes' } } },
      },
      merge(),
    );
    const second = await core.listNamespacedSecret({
      namespace: ns,
      limit: 10,
      _continue: first.metadata?._continue,
    });
    const third = await core.listNamespacedSecret({
      namespace: ns,
      limit: 10,
      _continue: second.metadata?._continue,
    });
    expect(third.metadata?._continue).toBeUndefined();
    const all = [...first.items, ...second.items, ...third.items];
    expect(all.map(s => s.metadata?.name)).toEqual(
      Array.from({ length: 25 }, (_, i) => `s-${String(i).padStart(2, '0')}`),
    );
    expect(
      all.find(s => s.metadata?.name === 's-15')?.metadata?.labels?.changed,
    ).toBeUndefined();
    expect(second.metadata?.resourceVersion).toBe(
      first.metadata?.resourceVersion,
    );
    await core.deleteNamespacedSecret({ name: 's-99', namespace: ns });
    await core.patchNamespacedSecret(
      {
        name: 's-15',
        namespace: ns,
        body: { metadata: { labels: { changed: null } } },
      },
      merge(),
    );
  });

  it('pages with a label selector', async () => {
    const first = await core.listNamespacedSecret({
      namespace: ns,
      labelSelector: 'env=prod',
      limit: 5,
    });
    const second = await core.listNamespacedSecret({
      namespace: ns,
      labelSelector: 'env=prod',
      limit: 5,
      _continue: first.metadata?._continue,
    });
    const third = await core.listNamespacedSecret({
      namespace: ns,
      labelSelector: 'env=prod',
      limit: 5,
      _continue: second.metadata?._continue,
    });
    expect([...first.items, ...second.items, ...third.items]).toHaveLength(12);
  });
});

describe('patches', () => {
  it('applies JSON merge patch and JSON patch to built-ins', async () => {
    const ns = await namespace('patch');
    await core.createNamespacedPod({
      namespace: ns,
      body: pod('p', { a: '1', b: '2' }),
    });
    const merged = await core.patchNamespacedPod(
      {
        name: 'p',
        namespace: ns,
        body: { metadata: { labels: { a: null, c: '3' } } },
      },
      merge(),
    );
    expect(merged.metadata?.labels).toEqual({ b: '2', c: '3' });
    const patched = await core.patchNamespacedPod(
      {
        name: 'p',
        namespace: ns,
        body: [
          { op: 'test', path: '/metadata/labels/b', value: '2' },
          { op: 'add', path: '/metadata/annotations', value: { note: 'x' } },
        ],
      },
      jsonPatch(),
    );
    expect(patched.metadata?.annotations).toEqual({ note: 'x' });
    const failed = await failure(
      core.patchNamespacedPod(
        {
          name: 'p',
          namespace: ns,
          body: [{ op: 'test', path: '/metadata/labels/b', value: 'nope' }],
        },
        jsonPatch(),
      ),
    );
    expect(failed).toMatchObject({ code: 422, body: { reason: 'Invalid' } });
  });

  it('applies strategic merge patches by merge key, with $patch directives, bumping generation on spec changes only', async () => {
    const ns = await namespace('smp');
    const labels = { app: 'kafka' };
    await apps.createNamespacedStatefulSet({
      namespace: ns,
      body: {
        metadata: { name: 'kafka' },
        spec: {
          serviceName: 'kafka',
          selector: { matchLabels: labels },
          template: {
            metadata: { labels },
            spec: {
              containers: [
                {
                  name: 'kafka',
                  image: 'kafka:1',
                  env: [{ name: 'A', value: '1' }],
                },
                { name: 'sidecar', image: 'side:1' },
              ],
            },
          },
        },
      },
    });
    const image = await apps.patchNamespacedStatefulSet(
      {
        name: 'kafka',
        namespace: ns,
        body: {
          spec: {
            template: {
              spec: {
                containers: [
                  {
                    name: 'kafka',
                    image: 'kafka:2',
                    env: [{ name: 'B', value: '2' }],
                  },
                ],
              },
            },
          },
        },
      },
      strategic(),
    );
    const containers = image.spec?.template.spec?.containers ?? [];
    expect(containers.map(c => [c.name, c.image])).toEqual([
      ['kafka', 'kafka:2'],
      ['sidecar', 'side:1'],
    ]);
    expect(containers[0].env).toEqual([
      { name: 'A', value: '1' },
      { name: 'B', value: '2' },
    ]);
    expect(image.metadata?.generation).toBe(2);

    const removed = await apps.patchNamespacedStatefulSet(
      {
        name: 'kafka',
        namespace: ns,
        body: {
          spec: {
            template: {
              spec: { containers: [{ name: 'sidecar', $patch: 'delete' }] },
            },
          },
        },
      },
      strategic(),
    );
    expect(removed.spec?.template.spec?.containers.map(c => c.name)).toEqual([
      'kafka',
    ]);
    expect(removed.metadata?.generation).toBe(3);

    const labelled = await apps.patchNamespacedStatefulSet(
      {
        name: 'kafka',
        namespace: ns,
        body: { metadata: { labels: { x: 'y' } } },
      },
      strategic(),
    );
    expect(labelled.metadata?.generation).toBe(3);
  });

  it('patches custom resources with merge and JSON patch, and refuses strategic merge patch with 415', async () => {
    const ns = await namespace('crpatch');
    await custom.createNamespacedCustomObject({
      ...widgets,
      namespace: ns,
      body: {
        apiVersion: 'example.com/v1',
        kind: 'Widget',
        metadata: { name: 'w' },
        spec: { size: 1, tags: ['a'] },
      },
    });
    const merged: any = await custom.patchNamespacedCustomObject(
      {
        ...widgets,
        namespace: ns,
        name: 'w',
        body: { spec: { color: 'red', tags: ['b'] } },
      },
      merge(),
    );
    expect(merged.spec).toEqual({ size: 1, color: 'red', tags: ['b'] });
    expect(merged.metadata.generation).toBe(2);
    const patched: any = await custom.patchNamespacedCustomObject(
      {
        ...widgets,
        namespace: ns,
        name: 'w',
        body: [{ op: 'replace', path: '/spec/size', value: 3 }],
      },
      jsonPatch(),
    );
    expect(patched.spec.size).toBe(3);
    expect(
      await failure(
        custom.patchNamespacedCustomObject(
          { ...widgets, namespace: ns, name: 'w', body: { spec: { size: 4 } } },
          strategic(),
        ),
      ),
    ).toMatchObject({
      code: 415,
      body: { reason: 'UnsupportedMediaType' },
    });
  });
});

describe('custom resources and the status subresource', () => {
  it('serves a CRD\u2019s kind once created and validates against its schema', async () => {
    const ns = await namespace('crd');
    const invalid = await failure(
      custom.createNamespacedCustomObject({
        ...widgets,
        namespace: ns,
        body: {
          apiVersion: 'example.com/v1',
          kind: 'Widget',
          metadata: { name: 'w' },
          spec: { size: 0, color: 'green' },
        },
      }),
    );
    expect(invalid.code).toBe(422);
    expect(invalid.body.message).toBe(
      'Widget.example.com "w" is invalid: [spec.size: Invalid value: 0: spec.size in body should be greater than or equal to 1, spec.color: Unsupported value: "green": supported values: "red", "blue"]',
    );
  });

  it('keeps status out of main-resource writes and spec out of status writes', async () => {
    const ns = await namespace('status');
    const created: any = await custom.createNamespacedCustomObject({
      ...widgets,
      namespace: ns,
      body: {
        apiVersion: 'example.com/v1',
        kind: 'Widget',
        metadata: { name: 'w' },
        spec: { size: 1 },
        status: { phase: 'Ignored' },
      },
    });
    expect(created.status).toBeUndefined();
    expect(created.metadata.generation).toBe(1);

    const withStatus: any = await custom.replaceNamespacedCustomObjectStatus({
      ...widgets,
      namespace: ns,
      name: 'w',
      body: {
        ...created,
        spec: { size: 99 },
        status: { phase: 'Ready', observedGeneration: 1 },
      },
    });
    expect(withStatus.status).toEqual({
      phase: 'Ready',
      observedGeneration: 1,
    });
    expect(withStatus.spec).toEqual({ size: 1 });
    expect(withStatus.metadata.generation).toBe(1);

    const mainWrite: any = await custom.replaceNamespacedCustomObject({
      ...widgets,
      namespace: ns,
      name: 'w',
      body: {
        ...withStatus,
        spec: { size: 2 },
        status: { phase: 'Overwritten' },
      },
    });
    expect(mainWrite.status).toEqual({ phase: 'Ready', observedGeneration: 1 });
    expect(mainWrite.metadata.generation).toBe(2);

    const statusPatch: any = await custom.patchNamespacedCustomObjectStatus(
      {
        ...widgets,
        namespace: ns,
        name: 'w',
        body: { status: { observedGeneration: 2 } },
      },
      merge(),
    );
    expect(statusPatch.status).toEqual({
      phase: 'Ready',
      observedGeneration: 2,
    });
    expect(
      statusPatch.metadata.managedFields.map((m: any) => [
        m.manager,
        m.subresource,
      ]),
    ).toEqual(expect.arrayContaining([[expect.any(String), 'status']]));
  });

  it('makes no write when an update changes nothing', async () => {
    const ns = await namespace('noop');
    const created: any = await custom.createNamespacedCustomObject({
      ...widgets,
      namespace: ns,
      body: {
        apiVersion: 'example.com/v1',
        kind: 'Widget',
        metadata: { name: 'w' },
        spec: { size: 1 },
      },
    });
    const same: any = await custom.replaceNamespacedCustomObject({
      ...widgets,
      namespace: ns,
      name: 'w',
      body: created,
    });
    expect(same.metadata.resourceVersion).toBe(
      created.metadata.resourceVersion,
    );
  });

  it('stops serving a kind when its CRD is deleted', async () => {
    await ext.createCustomResourceDefinition({
      body: {
        ...WIDGETS_CRD,
        metadata: { name: 'gadgets.example.com' },
        spec: {
          ...WIDGETS_CRD.spec,
          names: { plural: 'gadgets', singular: 'gadget', kind: 'Gadget' },
        },
      },
    });
    const ns = await namespace('crdgone');
    const gadgets = {
      group: 'example.com',
      version: 'v1',
      plural: 'gadgets',
      namespace: ns,
    };
    await custom.createNamespacedCustomObject({
      ...gadgets,
      body: {
        apiVersion: 'example.com/v1',
        kind: 'Gadget',
        metadata: { name: 'g' },
      },
    });
    await ext.deleteCustomResourceDefinition({ name: 'gadgets.example.com' });
    expect(
      (await failure(custom.listNamespacedCustomObject(gadgets))).code,
    ).toBe(404);
  });
});

describe('authentication and authorization', () => {
  it('answers 401 without a token or with an unknown one', async () => {
    for (const token of [null, 'not-a-token']) {
      const res = await raw(cluster, 'GET', '/api/v1/namespaces', { token });
      expect(res.status).toBe(401);
      expect(res.json()).toEqual({
        kind: 'Status',
        apiVersion: 'v1',
        metadata: {},
        status: 'Failure',
        message: 'Unauthorized',
        reason: 'Unauthorized',
        code: 401,
      });
    }
  });

  it('answers 403 outside a token\u2019s rules', async () => {
    await core.createNamespace({ body: { metadata: { name: 'team-a' } } });
    await core.createNamespacedPod({ namespace: 'team-a', body: pod('p') });
    const reader = (
      await kubeConfig(cluster, cluster.tokens.reader)
    ).makeApiClient(k8s.CoreV1Api);
    expect(
      (await reader.listNamespacedPod({ namespace: 'team-a' })).items,
    ).toHaveLength(1);
    expect(await failure(reader.listPodForAllNamespaces())).toMatchObject({
      code: 403,
      body: {
        reason: 'Forbidden',
        message:
          'pods is forbidden: User "system:serviceaccount:team-a:reader" cannot list resource "pods" in API group "" at the cluster scope',
        details: { kind: 'pods' },
      },
    });
    expect(
      (
        await failure(
          reader.createNamespacedPod({ namespace: 'team-a', body: pod('q') }),
        )
      ).body.message,
    ).toBe(
      'pods is forbidden: User "system:serviceaccount:team-a:reader" cannot create resource "pods" in API group "" in the namespace "team-a"',
    );
    expect(
      (
        await failure(
          reader.readNamespacedSecret({ namespace: 'team-a', name: 's' }),
        )
      ).code,
    ).toBe(403);
  });

  it('answers 404 for paths it does not serve', async () => {
    const res = await raw(
      cluster,
      'GET',
      '/apis/nothing.example.com/v1/things',
    );
    expect(res.status).toBe(404);
    expect(res.json()).toMatchObject({ reason: 'NotFound', code: 404 });
  });
});

describe('watch', () => {
  type Event = { type: string; name?: string; rv?: string; code?: number };
  function watch(
    path: string,
    params: Record<string, string | number | boolean | undefined>,
  ) {
    const events: Event[] = [];
    let done: (err: unknown) => void = () => {};
    const ended = new Promise<unknown>(resolve => {
      done = resolve;
    });
    const started = new k8s.Watch(kc).watch(
      path,
      params,
      (type, obj) =>
        events.push({
          type,
          name: obj?.metadata?.name,
          rv: obj?.metadata?.resourceVersion,
          code: obj?.code,
        }),
      err => done(err),
    );
    return { events, ended, started };
  }

  it('streams ADDED, MODIFIED and DELETED from a resourceVersion, selection changes included', async () => {
    const ns = await namespace('watch');
    const list = await core.listNamespacedPod({ namespace: ns });
    const w = watch(`/api/v1/namespaces/${ns}/pods`, {
      resourceVersion: list.metadata?.resourceVersion,
      labelSelector: 'watched=yes',
    });
    await w.started;
    await core.createNamespacedPod({
      namespace: ns,
      body: pod('a', { watched: 'yes' }),
    });
    await core.createNamespacedPod({
      namespace: ns,
      body: pod('b', { watched: 'no' }),
    });
    await core.patchNamespacedPod(
      {
        name: 'a',
        namespace: ns,
        body: { metadata: { annotations: { x: '1' } } },
      },
      merge(),
    );
    await core.patchNamespacedPod(
      {
        name: 'b',
        namespace: ns,
        body: { metadata: { labels: { watched: 'yes' } } },
      },
      merge(),
    );
    await core.patchNamespacedPod(
      {
        name: 'a',
        namespace: ns,
        body: { metadata: { labels: { watched: 'no' } } },
      },
      merge(),
    );
    await core.deleteNamespacedPod({ name: 'b', namespace: ns });
    await eventually(() => expect(w.events).toHaveLength(5));
    expect(w.events.map(e => `${e.type} ${e.name}`)).toEqual([
      'ADDED a',
      'MODIFIED a',
      'ADDED b',
      'DELETED a',
      'DELETED b',
    ]);
    const rvs = w.events.map(e => Number(e.rv));
    expect([...rvs].sort((x, y) => x - y)).toEqual(rvs);
    (await w.started).abort();
  });

  it('sends initial ADDED events without a resourceVersion, BOOKMARKs when asked, and ends at timeoutSeconds', async () => {
    const ns = await namespace('bookmark');
    await core.createNamespacedPod({ namespace: ns, body: pod('a') });
    const w = watch(`/api/v1/namespaces/${ns}/pods`, {
      allowWatchBookmarks: true,
      timeoutSeconds: 1,
    });
    expect(await w.ended).toBeNull();
    expect(w.events.map(e => e.type)).toEqual(['ADDED', 'BOOKMARK']);
    expect(Number(w.events[1].rv)).toBeGreaterThanOrEqual(
      Number(w.events[0].rv),
    );
  });

  it('answers a resourceVersion older than its history with a 410 ERROR event, then ends', async () => {
    const ns = await namespace('expired');
    const { metadata } = await core.listNamespacedPod({ namespace: ns });
    await core.createNamespacedPod({ namespace: ns, body: pod('a') });
    cluster.faults.expireWatchHistory();
    const w = watch(`/api/v1/namespaces/${ns}/pods`, {
      resourceVersion: metadata?.resourceVersion,
    });
    expect(await w.ended).toBeNull();
    expect(w.events).toEqual([
      { type: 'ERROR', name: undefined, rv: undefined, code: 410 },
    ]);
    const list = await failure(
      core.listNamespacedPod({
        namespace: ns,
        resourceVersion: metadata?.resourceVersion,
        resourceVersionMatch: 'Exact',
      }),
    );
    expect(list).toMatchObject({ code: 410, body: { reason: 'Expired' } });
  });
});

describe('informer (list + watch)', () => {
  /** An informer whose Watch aborts after `timeoutMs` of silence, as client-node's does after 30 s. */
  function informer(ns: string, timeoutMs?: number) {
    const path = `/api/v1/namespaces/${ns}/pods`;
    let lists = 0;
    const listFn = () => {
      lists++;
      return core.listNamespacedPod({ namespace: ns });
    };
    const w = new k8s.Watch(kc);
    if (timeoutMs)
      (w as unknown as { requestTimeoutMs: number }).requestTimeoutMs =
        timeoutMs;
    const inf = new k8s.ListWatch<k8sTypes.V1Pod>(path, w, listFn, false);
    const seen = {
      added: [] as string[],
      updated: [] as string[],
      deleted: [] as string[],
      connects: 0,
      errors: [] as unknown[],
    };
    inf.on(k8s.ADD, p => seen.added.push(p.metadata!.name!));
    inf.on(k8s.UPDATE, p => seen.updated.push(p.metadata!.name!));
    inf.on(k8s.DELETE, p => seen.deleted.push(p.metadata!.name!));
    inf.on(k8s.CONNECT, () => seen.connects++);
    inf.on(k8s.ERROR, e => seen.errors.push(e));
    return { inf, seen, lists: () => lists };
  }
  const names = (inf: k8sTypes.ListWatch<k8sTypes.V1Pod>) =>
    inf
      .list()
      .map(p => p.metadata?.name)
      .sort();

  it('lists, then follows ADDED/MODIFIED/DELETED', async () => {
    const ns = await namespace('informer');
    await core.createNamespacedPod({ namespace: ns, body: pod('before') });
    const { inf, seen } = informer(ns);
    await inf.start();
    await eventually(() => expect(names(inf)).toEqual(['before']));
    await core.createNamespacedPod({ namespace: ns, body: pod('after') });
    await core.patchNamespacedPod(
      {
        name: 'before',
        namespace: ns,
        body: { metadata: { labels: { x: 'y' } } },
      },
      merge(),
    );
    await core.deleteNamespacedPod({ name: 'after', namespace: ns });
    await eventually(() => expect(seen.deleted).toEqual(['after']));
    expect(seen.added).toEqual(['before', 'after']);
    expect(seen.updated).toEqual(['before']);
    expect(names(inf)).toEqual(['before']);
    await inf.stop();
  });

  it('survives the client\u2019s periodic watch abort, resuming from its resourceVersion without relisting', async () => {
    const ns = await namespace('abort');
    const { inf, seen, lists } = informer(ns, 300);
    await inf.start();
    // Each silent period ends in the client's own abort; it reconnects from the last resourceVersion.
    await eventually(() => expect(seen.connects).toBeGreaterThanOrEqual(3));
    await core.createNamespacedPod({ namespace: ns, body: pod('late') });
    await eventually(() => expect(names(inf)).toEqual(['late']));
    expect(lists()).toBe(1);
    expect(seen.errors).toEqual([]);
    await inf.stop();
  });

  it('relists after a 410 Gone without losing an event', async () => {
    const ns = await namespace('relist');
    const { inf, seen, lists } = informer(ns);
    await inf.start();
    await core.createNamespacedPod({ namespace: ns, body: pod('one') });
    await eventually(() => expect(names(inf)).toEqual(['one']));
    // The informer is down (as when its owner restarts it after an error) while objects change and
    // the history it would resume from is compacted away.
    await inf.stop();
    await core.createNamespacedPod({ namespace: ns, body: pod('two') });
    await core.deleteNamespacedPod({ name: 'one', namespace: ns });
    cluster.faults.expireWatchHistory();
    await inf.start();
    await core.createNamespacedPod({ namespace: ns, body: pod('three') });
    await eventually(() => expect(names(inf)).toEqual(['three', 'two']));
    expect(lists()).toBe(2);
    expect(seen.added.sort()).toEqual(['one', 'three', 'two']);
    expect(seen.deleted).toEqual(['one']);
    // stop() aborts the watch request, which client-node reports as an AbortError; nothing else.
    expect(seen.errors.filter(e => (e as Error).name !== 'AbortError')).toEqual(
      [],
    );
    await inf.stop();
  });

  it('resumes after the server ends its watch, without relisting', async () => {
    const ns = await namespace('ended');
    const { inf, seen, lists } = informer(ns);
    await inf.start();
    await core.createNamespacedPod({ namespace: ns, body: pod('first') });
    await eventually(() => expect(names(inf)).toEqual(['first']));
    expect(cluster.faults.dropWatches()).toBeGreaterThanOrEqual(1);
    await core.createNamespacedPod({ namespace: ns, body: pod('second') });
    await eventually(() => expect(names(inf)).toEqual(['first', 'second']));
    expect(seen.connects).toBeGreaterThanOrEqual(2);
    expect(lists()).toBe(1);
    await inf.stop();
  });

  it('relists when a watch is answered with HTTP 410', async () => {
    const ns = await namespace('gone410');
    const { inf, seen, lists } = informer(ns);
    await inf.start();
    await core.createNamespacedPod({ namespace: ns, body: pod('a') });
    await eventually(() => expect(names(inf)).toEqual(['a']));
    await cluster.faults.set({
      errors: [
        {
          path: `^/api/v1/namespaces/${ns}/pods$`,
          method: 'GET',
          code: 410,
          times: 1,
        },
      ],
    });
    cluster.faults.dropWatches();
    await core.createNamespacedPod({ namespace: ns, body: pod('b') });
    await eventually(() => expect(names(inf)).toEqual(['a', 'b']));
    await eventually(() => expect(lists()).toBe(2));
    // A pod that only the watch after the relist can deliver: client-node does not look at
    // stop() again once a relist is under way, so stopping before the new watch is open would
    // leave that watch running after the test.
    await core.createNamespacedPod({ namespace: ns, body: pod('c') });
    await eventually(() => expect(names(inf)).toEqual(['a', 'b', 'c']));
    expect(lists()).toBe(2);
    expect(seen.added).toEqual(['a', 'b', 'c']);
    await cluster.faults.clear();
    await inf.stop();
  });

  it('reports an abruptly dropped watch connection to the caller, as client-node does', async () => {
    const ns = await namespace('drop');
    const { inf, seen } = informer(ns);
    await inf.start();
    await eventually(() => expect(seen.connects).toBe(1));
    await eventually(() =>
      expect(
        cluster.faults.dropWatches({ abrupt: true }),
      ).toBeGreaterThanOrEqual(1),
    );
    await eventually(() => expect(seen.errors.length).toBe(1));
    await inf.start();
    await core.createNamespacedPod({ namespace: ns, body: pod('back') });
    await eventually(() => expect(names(inf)).toEqual(['back']));
    await inf.stop();
  });
});

describe('fault injection', () => {
  afterEach(() => cluster.faults.clear());

  it('injects error responses on chosen paths, a limited number of times', async () => {
    await cluster.faults.set({
      errors: [
        { path: '^/api/v1/namespaces$', method: 'GET', code: 503, times: 2 },
      ],
    });
    for (let i = 0; i < 2; i++) {
      expect(await failure(core.listNamespace())).toMatchObject({
        code: 503,
        body: { reason: 'ServiceUnavailable' },
      });
    }
    expect((await core.listNamespace()).items.length).toBeGreaterThan(0);
  });

  it('adds latency', async () => {
    await cluster.faults.set({
      latencyMs: 300,
      latencyPath: '^/api/v1/namespaces$',
    });
    const started = Date.now();
    await core.listNamespace();
    expect(Date.now() - started).toBeGreaterThanOrEqual(300);
  });

  it('refuses connections, and accepts them again', async () => {
    await cluster.faults.set({ refuseConnections: true });
    const refused = await core.listNamespace().catch(e => e);
    expect(String(refused?.cause?.code ?? refused?.code ?? refused)).toMatch(
      /ECONNREFUSED/,
    );
    await cluster.faults.set({ refuseConnections: false });
    expect((await core.listNamespace()).items.length).toBeGreaterThan(0);
  });
});

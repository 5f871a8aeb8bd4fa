import type {
  CoreV1Api,
  KubernetesObject,
  KubernetesObjectApi,
} from '@kubernetes/client-node';
import { Sandbox, SandboxCluster, startSandbox } from './sandbox';
import { StoreEvent } from './store/store';
import {
  ClientNode,
  elapse,
  eventually,
  failure,
  kubeConfig,
  loadClientNode,
  raw,
  startSimulated,
  tempStateDir,
} from './testUtils';

/*
 * Server-side apply and dry run through @kubernetes/client-node, as the apply action uses them
 * (`KubernetesObjectApi.patch(..., PatchStrategy.ServerSideApply)`): expected managedFields,
 * messages and causes are the API server's, written by hand.
 */

let k8s: ClientNode;
let sandbox: Sandbox;
let cluster: SandboxCluster;
let objects: KubernetesObjectApi;
let core: CoreV1Api;

const WIDGET_CRD = {
  apiVersion: 'apiextensions.k8s.io/v1',
  kind: 'CustomResourceDefinition',
  metadata: { name: 'widgets.example.com' },
  spec: {
    group: 'example.com',
    scope: 'Namespaced',
    names: { plural: 'widgets', singular: 'widget', kind: 'Widget' },
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
                'x-kubernetes-validations': [
                  {
                    rule: "!has(self.colour) || self.colour != 'pink'",
                    message: 'pink is not a colour',
                  },
                ],
                properties: {
                  size: { type: 'integer', minimum: 1 },
                  colour: { type: 'string' },
                  ports: {
                    type: 'array',
                    'x-kubernetes-list-type': 'map',
                    'x-kubernetes-list-map-keys': ['name'],
                    items: {
                      type: 'object',
                      required: ['name'],
                      properties: {
                        name: { type: 'string' },
                        port: { type: 'integer' },
                      },
                    },
                  },
                  tags: {
                    type: 'array',
                    'x-kubernetes-list-type': 'set',
                    items: { type: 'string' },
                  },
                  hosts: { type: 'array', items: { type: 'string' } },
                },
              },
              status: {
                type: 'object',
                properties: { phase: { type: 'string' } },
              },
            },
          },
        },
      },
    ],
  },
};

let counter = 0;
const widget = (spec: Record<string, unknown>, name = `w${++counter}`) => ({
  apiVersion: 'example.com/v1',
  kind: 'Widget',
  metadata: { name, namespace: 'default' },
  spec,
});

const apply = <T extends KubernetesObject>(
  object: T,
  manager: string,
  options: { force?: boolean; dryRun?: boolean } = {},
) =>
  objects.patch(
    object,
    undefined,
    options.dryRun ? 'All' : undefined,
    manager,
    options.force,
    k8s.PatchStrategy.ServerSideApply,
  ) as Promise<any>;

const stored = (name: string, kind = 'Widget', apiVersion = 'example.com/v1') =>
  cluster.api.get(apiVersion, kind, name, 'default') as any;

/** Each manager's fieldsV1, keyed `manager/operation`. */
const owners = (object: any) =>
  Object.fromEntries(
    (object.metadata.managedFields ?? []).map((m: any) => [
      `${m.manager}/${m.operation}`,
      m.fieldsV1,
    ]),
  );

beforeAll(async () => {
  k8s = await loadClientNode();
  sandbox = await startSandbox({
    stateDir: tempStateDir(),
    clusters: [{ name: 'ssa' }],
  });
  cluster = sandbox.cluster('ssa');
  cluster.api.create(WIDGET_CRD);
  const kc = await kubeConfig(cluster);
  objects = k8s.KubernetesObjectApi.makeApiClient(kc);
  core = kc.makeApiClient(k8s.CoreV1Api);
}, 60_000);

afterAll(async () => {
  await sandbox?.stop();
});

describe('server-side apply', () => {
  it('creates through apply, updates, and gives the manager exactly the fields it applied', async () => {
    const config = widget({ size: 2, colour: 'red' });
    const created = await apply(config, 'alice');
    expect(created.spec).toEqual({ size: 2, colour: 'red' });
    expect(created.metadata.generation).toBe(1);
    expect(created.metadata.managedFields).toEqual([
      {
        manager: 'alice',
        operation: 'Apply',
        apiVersion: 'example.com/v1',
        time: expect.any(Date), // client-node parses it
        fieldsType: 'FieldsV1',
        fieldsV1: { 'f:spec': { 'f:colour': {}, 'f:size': {} } },
      },
    ]);
    expect(stored(config.metadata.name).spec).toEqual({
      size: 2,
      colour: 'red',
    });

    // The same configuration again writes nothing.
    const again = await apply(config, 'alice');
    expect(again.metadata.resourceVersion).toBe(
      created.metadata.resourceVersion,
    );

    const updated = await apply(
      widget({ size: 3, colour: 'red' }, config.metadata.name),
      'alice',
    );
    expect(updated.spec).toEqual({ size: 3, colour: 'red' });
    expect(updated.metadata.generation).toBe(2);
    expect(updated.metadata.resourceVersion).not.toBe(
      created.metadata.resourceVersion,
    );
    expect(stored(config.metadata.name).spec.size).toBe(3);
  });

  it('removes the fields a manager stops applying, unless another manager owns them', async () => {
    const name = `w${++counter}`;
    await apply(
      widget(
        { size: 2, colour: 'red', ports: [{ name: 'http', port: 80 }] },
        name,
      ),
      'alice',
    );
    // Applying a field at the value it has shares it: no conflict.
    await apply(widget({ colour: 'red' }, name), 'bob');
    const shared = owners(stored(name));
    expect(shared['alice/Apply']).toEqual({
      'f:spec': {
        'f:colour': {},
        'f:ports': {
          'k:{"name":"http"}': { '.': {}, 'f:name': {}, 'f:port': {} },
        },
        'f:size': {},
      },
    });
    expect(shared['bob/Apply']).toEqual({ 'f:spec': { 'f:colour': {} } });

    await apply(widget({ size: 2 }, name), 'alice');
    expect(stored(name).spec).toEqual({ size: 2, colour: 'red' });
    // bob applies nothing of the spec any more: colour goes, and so does his entry.
    const { spec: _, ...nothing } = widget({}, name);
    await apply(nothing, 'bob');
    expect(stored(name).spec).toEqual({ size: 2 });
    expect(Object.keys(owners(stored(name)))).toEqual(['alice/Apply']);
  });

  it("answers a change to another manager's field with 409 Conflict naming each field and manager; force takes them", async () => {
    const name = `w${++counter}`;
    await apply(widget({ size: 2, colour: 'red' }, name), 'alice');
    await apply(widget({ size: 2 }, name), 'bob');
    await objects.patch(
      { ...widget({ colour: 'blue' }, name) },
      undefined,
      undefined,
      'carol',
      undefined,
      k8s.PatchStrategy.MergePatch,
    );

    const one = await failure(
      apply(widget({ size: 2, colour: 'green' }, name), 'alice'),
    );
    expect(one.code).toBe(409);
    expect(one.body).toMatchObject({
      kind: 'Status',
      status: 'Failure',
      reason: 'Conflict',
      code: 409,
      message:
        'Apply failed with 1 conflict: conflict with "carol" using example.com/v1: .spec.colour',
      details: {
        causes: [
          {
            reason: 'FieldManagerConflict',
            message: 'conflict with "carol" using example.com/v1',
            field: '.spec.colour',
          },
        ],
      },
    });

    const two = await failure(
      apply(widget({ size: 3, colour: 'green' }, name), 'alice'),
    );
    expect(two.body.message).toBe(
      'Apply failed with 2 conflicts: conflicts with "bob":\n- .spec.size\nconflicts with "carol" using example.com/v1:\n- .spec.colour',
    );
    expect(two.body.details.causes).toEqual([
      {
        reason: 'FieldManagerConflict',
        message: 'conflict with "bob"',
        field: '.spec.size',
      },
      {
        reason: 'FieldManagerConflict',
        message: 'conflict with "carol" using example.com/v1',
        field: '.spec.colour',
      },
    ]);
    expect(stored(name).spec).toEqual({ size: 2, colour: 'blue' });

    const forced = await apply(
      widget({ size: 3, colour: 'green' }, name),
      'alice',
      {
        force: true,
      },
    );
    expect(forced.spec).toEqual({ size: 3, colour: 'green' });
    expect(owners(stored(name))).toEqual({
      'alice/Apply': { 'f:spec': { 'f:colour': {}, 'f:size': {} } },
    });
  });

  it('merges map-lists by their keys and sets by value, and owns atomic lists whole', async () => {
    const name = `w${++counter}`;
    await apply(
      widget(
        { ports: [{ name: 'http', port: 80 }], tags: ['a'], hosts: ['h1'] },
        name,
      ),
      'alice',
    );
    await apply(
      widget({ ports: [{ name: 'admin', port: 9000 }], tags: ['b'] }, name),
      'bob',
    );
    expect(stored(name).spec).toEqual({
      ports: [
        { name: 'http', port: 80 },
        { name: 'admin', port: 9000 },
      ],
      tags: ['a', 'b'],
      hosts: ['h1'],
    });
    expect(owners(stored(name))).toEqual({
      'alice/Apply': {
        'f:spec': {
          'f:hosts': {},
          'f:ports': {
            'k:{"name":"http"}': { '.': {}, 'f:name': {}, 'f:port': {} },
          },
          'f:tags': { 'v:"a"': {} },
        },
      },
      'bob/Apply': {
        'f:spec': {
          'f:ports': {
            'k:{"name":"admin"}': { '.': {}, 'f:name': {}, 'f:port': {} },
          },
          'f:tags': { 'v:"b"': {} },
        },
      },
    });

    const item = await failure(
      apply(widget({ ports: [{ name: 'http', port: 8080 }] }, name), 'bob'),
    );
    expect(item.body.details.causes).toEqual([
      {
        reason: 'FieldManagerConflict',
        message: 'conflict with "alice"',
        field: '.spec.ports[name="http"].port',
      },
    ]);
    const atomic = await failure(apply(widget({ hosts: ['h2'] }, name), 'bob'));
    expect(atomic.body.details.causes[0].field).toBe('.spec.hosts');

    // alice drops her port and tag: only hers go.
    await apply(widget({ hosts: ['h1'] }, name), 'alice');
    expect(stored(name).spec).toEqual({
      ports: [{ name: 'admin', port: 9000 }],
      tags: ['b'],
      hosts: ['h1'],
    });
  });

  it("merges built-ins' lists by their strategic merge keys, and labels and data key by key", async () => {
    const service = (ports: object[]) => ({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'web', namespace: 'default' },
      spec: { selector: { app: 'web' }, ports },
    });
    await apply(service([{ name: 'http', port: 80 }]), 'alice');
    await apply(service([{ name: 'https', port: 443 }]), 'bob');
    expect(
      stored('web', 'Service', 'v1').spec.ports.map((p: any) => p.port),
    ).toEqual([80, 443]);
    expect(owners(stored('web', 'Service', 'v1'))['bob/Apply']).toEqual({
      'f:spec': {
        'f:ports': {
          'k:{"port":443}': { '.': {}, 'f:name': {}, 'f:port': {} },
        },
        'f:selector': { 'f:app': {} },
      },
    });

    const configMap = (
      labels: Record<string, string>,
      data: Record<string, string>,
    ) => ({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'settings', namespace: 'default', labels },
      data,
    });
    await apply(configMap({ team: 'a' }, { mode: 'fast' }), 'alice');
    await apply(configMap({ tier: 'db' }, { level: '3' }), 'bob');
    expect(stored('settings', 'ConfigMap', 'v1')).toMatchObject({
      metadata: { labels: { team: 'a', tier: 'db' } },
      data: { mode: 'fast', level: '3' },
    });
  });

  it('applies status through /status only, and the in-process API applies as HTTP does', async () => {
    const name = `w${++counter}`;
    // Status in a main-resource apply is ignored where the kind has a status subresource.
    await apply(
      { ...widget({ size: 1 }, name), status: { phase: 'Lost' } },
      'alice',
    );
    expect(stored(name).status).toBe(undefined);
    const withStatus = cluster.api.apply(
      { ...widget({ size: 9 }, name), status: { phase: 'Ready' } },
      { manager: 'operator', subresource: 'status' },
    );
    expect(withStatus.spec).toEqual({ size: 1 });
    expect(withStatus.status).toEqual({ phase: 'Ready' });
    expect(
      withStatus.metadata.managedFields?.find(m => m.manager === 'operator'),
    ).toMatchObject({
      operation: 'Apply',
      subresource: 'status',
      fieldsV1: { 'f:status': { 'f:phase': {} } },
    });
  });

  it('validates as any write: schema and CEL errors are 422, unknown fields 400 under Strict, fieldManager required', async () => {
    const invalid = await failure(apply(widget({ size: 0 }), 'alice'));
    expect(invalid.code).toBe(422);
    expect(invalid.body.message).toContain(
      'spec.size: Invalid value: 0: spec.size in body should be greater than or equal to 1',
    );
    const cel = await failure(apply(widget({ colour: 'pink' }), 'alice'));
    expect(cel.code).toBe(422);
    expect(cel.body.message).toContain('pink is not a colour');

    const path = '/apis/example.com/v1/namespaces/default/widgets/strict';
    const strict = await raw(
      cluster,
      'PATCH',
      `${path}?fieldManager=alice&fieldValidation=Strict`,
      {
        headers: { 'Content-Type': 'application/apply-patch+yaml' },
        text: 'apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: strict}\nspec: {size: 1, shape: round}\n',
      },
    );
    expect(strict.status).toBe(400);
    expect(strict.json().message).toContain(
      'strict decoding error: unknown field "spec.shape"',
    );
    const noManager = await raw(cluster, 'PATCH', path, {
      headers: { 'Content-Type': 'application/apply-patch+yaml' },
      text: 'apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: strict}\n',
    });
    expect(noManager.status).toBe(422);
    expect(noManager.json().message).toBe(
      'PatchOptions.meta.k8s.io "" is invalid: fieldManager: Required value: is required for apply patch',
    );
    const noKind = await raw(cluster, 'PATCH', `${path}?fieldManager=alice`, {
      headers: { 'Content-Type': 'application/apply-patch+yaml' },
      text: 'metadata: {name: strict}\n',
    });
    expect(noKind.status).toBe(400);
    expect(
      cluster.api.get('example.com/v1', 'Widget', 'strict', 'default'),
    ).toBe(undefined);
    // YAML created it, with the status code of a create.
    const yaml = await raw(cluster, 'PATCH', `${path}?fieldManager=alice`, {
      headers: { 'Content-Type': 'application/apply-patch+yaml' },
      text: 'apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: strict}\nspec:\n  size: 4\n',
    });
    expect(yaml.status).toBe(201);
    expect(yaml.json().spec).toEqual({ size: 4 });
  });
});

describe('dry run', () => {
  it('validates create, update, patch, apply and delete in full, answers the would-be object, and persists and tells nothing', async () => {
    const name = `w${++counter}`;
    await apply(widget({ size: 2, colour: 'red' }, name), 'alice');
    await objects.patch(
      widget({ colour: 'blue' }, name),
      undefined,
      undefined,
      'carol',
      undefined,
      k8s.PatchStrategy.MergePatch,
    );
    const before = stored(name);
    const events: StoreEvent[] = [];
    const unsubscribe = cluster.store.subscribe(e => events.push(e));
    try {
      const created = await objects.create(
        widget({ size: 1 }, 'dry'),
        undefined,
        'All',
      );
      expect((created as any).metadata.uid).toEqual(expect.any(String));
      expect(
        cluster.api.get('example.com/v1', 'Widget', 'dry', 'default'),
      ).toBe(undefined);
      expect(
        (
          await failure(
            objects.create(widget({ size: 0 }, 'dry'), undefined, 'All'),
          )
        ).code,
      ).toBe(422);

      const replaced = await objects.replace(
        { ...structuredClone(before), spec: { size: 7 } },
        undefined,
        'All',
      );
      expect((replaced as any).spec).toEqual({ size: 7 });
      const patched = await objects.patch(
        widget({ size: 8 }, name),
        undefined,
        'All',
        'dave',
        undefined,
        k8s.PatchStrategy.MergePatch,
      );
      expect((patched as any).spec).toEqual({ size: 8, colour: 'blue' });
      expect(
        (
          await failure(
            objects.patch(
              widget({ colour: 'pink' }, name),
              undefined,
              'All',
              'dave',
              undefined,
              k8s.PatchStrategy.MergePatch,
            ),
          )
        ).body.message,
      ).toContain('pink is not a colour');

      const applied = await apply(
        widget({ size: 5, colour: 'blue' }, name),
        'alice',
        {
          dryRun: true,
          force: true,
        },
      );
      expect(applied.spec).toEqual({ size: 5, colour: 'blue' });
      expect(owners(applied)['alice/Apply']).toEqual({
        'f:spec': { 'f:colour': {}, 'f:size': {} },
      });
      const conflict = await failure(
        apply(widget({ size: 2, colour: 'green' }, name), 'alice', {
          dryRun: true,
        }),
      );
      expect(conflict.body.details.causes[0]).toEqual({
        reason: 'FieldManagerConflict',
        message: 'conflict with "carol" using example.com/v1',
        field: '.spec.colour',
      });

      await objects.delete(widget({}, name), undefined, 'All');
      expect(events).toEqual([]);
      expect(stored(name)).toEqual(before);
    } finally {
      unsubscribe();
    }
  });
});

describe('namespaces, configmaps and secrets', () => {
  it('serves ConfigMaps with CRUD, selectors and watch', async () => {
    await core.createNamespace({ body: { metadata: { name: 'config' } } });
    const seen: string[] = [];
    const kc = await kubeConfig(cluster);
    const watch = await new k8s.Watch(kc).watch(
      '/api/v1/namespaces/config/configmaps',
      { labelSelector: 'app=web' },
      (type, object) => seen.push(`${type} ${object.metadata.name}`),
      () => undefined,
    );
    try {
      await core.createNamespacedConfigMap({
        namespace: 'config',
        body: {
          metadata: { name: 'web', labels: { app: 'web' } },
          data: { a: '1' },
        },
      });
      await core.createNamespacedConfigMap({
        namespace: 'config',
        body: {
          metadata: { name: 'db', labels: { app: 'db' } },
          data: { b: '2' },
        },
      });
      const list = await core.listNamespacedConfigMap({
        namespace: 'config',
        labelSelector: 'app=web',
      });
      expect(list.items.map(i => i.metadata?.name)).toEqual(['web']);
      await core.replaceNamespacedConfigMap({
        namespace: 'config',
        name: 'web',
        body: {
          metadata: { name: 'web', labels: { app: 'web' } },
          data: { a: '2' },
        },
      });
      expect(
        (
          await core.readNamespacedConfigMap({
            namespace: 'config',
            name: 'web',
          })
        ).data,
      ).toEqual({ a: '2' });
      await core.deleteNamespacedConfigMap({
        namespace: 'config',
        name: 'web',
      });
      await eventually(() =>
        expect(seen).toEqual(['ADDED web', 'MODIFIED web', 'DELETED web']),
      );
    } finally {
      watch.abort();
    }
  });

  it('lists Secrets as metadata only, without their data', async () => {
    await core.createNamespacedSecret({
      namespace: 'default',
      body: {
        metadata: { name: 'token', labels: { app: 'web' } },
        stringData: { password: 's3cret' },
      },
    });
    const list = await raw(
      cluster,
      'GET',
      '/api/v1/namespaces/default/secrets?labelSelector=app%3Dweb',
      {
        headers: {
          Accept:
            'application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1',
        },
      },
    );
    expect(list.status).toBe(200);
    const body = list.json();
    expect(body.kind).toBe('PartialObjectMetadataList');
    expect(body.items).toHaveLength(1);
    expect(body.items[0].metadata.name).toBe('token');
    expect(body.items[0]).not.toHaveProperty('data');
    expect(body.items[0]).not.toHaveProperty('stringData');
    expect(list.body).not.toContain(Buffer.from('s3cret').toString('base64'));
  });
});

describe('the simulator and apply', () => {
  it('reconciles a StatefulSet that arrives through apply as one that is created', async () => {
    const { sandbox: simulated, clock } = await startSimulated([
      { name: 'sim', crdSets: ['strimzi-1.2.0'] },
    ]);
    try {
      const sim = simulated.cluster('sim');
      const api = k8s.KubernetesObjectApi.makeApiClient(await kubeConfig(sim));
      const set = (replicas: number) => ({
        apiVersion: 'apps/v1',
        kind: 'StatefulSet',
        metadata: { name: 'db', namespace: 'default' },
        spec: {
          replicas,
          serviceName: 'db',
          selector: { matchLabels: { app: 'db' } },
          template: {
            metadata: { labels: { app: 'db' } },
            spec: { containers: [{ name: 'db', image: 'postgres:16' }] },
          },
        },
      });
      const ssa = (o: KubernetesObject) =>
        api.patch(
          o,
          undefined,
          undefined,
          'gitops',
          true,
          k8s.PatchStrategy.ServerSideApply,
        );
      await ssa(set(2));
      elapse(clock, 60_000);
      const pods = () =>
        sim.api
          .list('v1', 'Pod', 'default')
          .map(p => p.metadata.name)
          .sort();
      expect(pods()).toEqual(['db-0', 'db-1']);
      await ssa(set(3));
      elapse(clock, 60_000);
      expect(pods()).toEqual(['db-0', 'db-1', 'db-2']);
      expect(sim.simulator?.errors()).toEqual([]);
    } finally {
      await simulated.stop();
    }
  });
});

import { gunzipSync } from 'node:zlib';
import { BinaryReader, WireType } from '@bufbuild/protobuf/wire';
import { parse as parseYaml } from 'yaml';
import { Sandbox, SandboxCluster, startSandbox } from '../sandbox';
import { raw, tempStateDir } from '../testUtils';
import { JsonObject } from '../types';
import { KIND_MODELS, modelFields } from '../validation/builtinModels';
import { definitionName } from './openapiV2Builtins';
import { toOpenApiV2Schema } from './openapiV2Crds';

/*
 * The reader below is written against google/gnostic's OpenAPIv2.proto on its own (field numbers
 * restated here, not imported), so a wrong number in the encoder shows as a missing field.
 */

type Fields = Map<number, Array<Uint8Array | bigint | number>>;

function fields(bytes: Uint8Array): Fields {
  const reader = new BinaryReader(bytes);
  const out: Fields = new Map();
  while (reader.pos < reader.len) {
    const [no, wire] = reader.tag();
    let value: Uint8Array | bigint | number;
    if (wire === WireType.LengthDelimited) value = reader.bytes();
    else if (wire === WireType.Varint) value = BigInt(reader.int64());
    else if (wire === WireType.Bit64) value = reader.double();
    else throw new Error(`unexpected wire type ${wire} (field ${no})`);
    out.set(no, [...(out.get(no) ?? []), value]);
  }
  return out;
}

const text = (b: unknown) => new TextDecoder().decode(b as Uint8Array);
const messages = (f: Fields, no: number) =>
  (f.get(no) ?? []).map(b => fields(b as Uint8Array));
const message = (f: Fields, no: number) => messages(f, no)[0];
const string = (f: Fields | undefined, no: number) =>
  f?.get(no) ? text(f.get(no)![0]) : undefined;
const strings = (f: Fields | undefined, no: number) =>
  (f?.get(no) ?? []).map(text);

/** NamedX (name = 1, value = 2) pairs into a map of the values' fields. */
const named = (pairs: Fields[]) =>
  new Map(pairs.map(p => [string(p, 1)!, message(p, 2)]));

/** Schema: _ref 1, format 2, required 19, type 22 (TypeItem.value 1), items 23 (ItemsItem.schema 1),
 * properties 25 (Properties.additional_properties 1), vendor_extension 31 (NamedAny → Any.yaml 2). */
interface DecodedSchema {
  ref?: string;
  format?: string;
  type: string[];
  required: string[];
  items?: DecodedSchema;
  properties?: Map<string, DecodedSchema>;
  extensions: Map<string, unknown>;
}

function schema(f: Fields): DecodedSchema {
  const properties = message(f, 25);
  const items = message(f, 23);
  return {
    ref: string(f, 1),
    format: string(f, 2),
    type: strings(message(f, 22), 1),
    required: strings(f, 19),
    items: items && message(items, 1) && schema(message(items, 1)),
    properties:
      properties &&
      new Map(
        [...named(messages(properties, 1))].map(([k, v]) => [k, schema(v)]),
      ),
    extensions: new Map(
      messages(f, 31).map(e => [
        string(e, 1)!,
        parseYaml(string(message(e, 2), 2) ?? ''),
      ]),
    ),
  };
}

/** Document: swagger 1, info 2, paths 8, definitions 9 (Definitions.additional_properties 1). */
function definitions(document: Uint8Array) {
  const doc = fields(document);
  return new Map(
    [...named(messages(message(doc, 9), 1))].map(([k, v]) => [k, schema(v)]),
  );
}

/** `/openapi/v2` as bytes, with no Accept header unless the test sends one. */
async function get(
  cluster: SandboxCluster,
  headers: Record<string, string>,
): Promise<{ status: number; headers: JsonObject; body: Buffer }> {
  const res = await raw(cluster, 'GET', '/openapi/v2', {
    headers: { Accept: undefined, ...headers },
  });
  return { status: res.status, headers: res.headers, body: res.bytes };
}

const PROTOBUF = 'application/com.github.proto-openapi.spec.v2@v1.0+protobuf';
const GVK = 'x-kubernetes-group-version-kind';

const widgetCrd = {
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
        schema: {
          openAPIV3Schema: {
            type: 'object',
            properties: {
              spec: {
                type: 'object',
                required: ['size'],
                properties: {
                  size: { type: 'integer', format: 'int32', minimum: 1 },
                  labels: {
                    type: 'object',
                    additionalProperties: { type: 'string' },
                  },
                },
              },
            },
          },
        },
      },
    ],
  },
};

describe('/openapi/v2', () => {
  let sandbox: Sandbox;
  let cluster: SandboxCluster;

  beforeAll(async () => {
    sandbox = await startSandbox({
      stateDir: tempStateDir('kube-sandbox-openapi-v2-'),
      clusters: [{ name: 'v2' }],
    });
    cluster = sandbox.cluster('v2');
  }, 60_000);

  afterAll(async () => {
    await sandbox?.stop();
  });

  it('serves built-in kinds as gnostic protobuf, each findable by its group-version-kind', async () => {
    const res = await get(cluster, { Accept: PROTOBUF });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe(
      'application/com.github.proto-openapi.spec.v2.v1.0+protobuf',
    );
    const doc = fields(res.body);
    expect(string(doc, 1)).toBe('2.0');
    const defs = definitions(res.body);

    const pod = defs.get('io.k8s.api.core.v1.Pod')!;
    expect(pod.extensions.get(GVK)).toEqual([
      { group: '', kind: 'Pod', version: 'v1' },
    ]);
    expect(pod.properties?.get('spec')?.ref).toBe(
      '#/definitions/io.k8s.api.core.v1.PodSpec',
    );
    expect(pod.properties?.get('metadata')?.ref).toBe(
      '#/definitions/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta',
    );
    const containers = defs
      .get('io.k8s.api.core.v1.PodSpec')!
      .properties!.get('containers')!;
    expect(containers.type).toEqual(['array']);
    expect(containers.items?.ref).toBe(
      '#/definitions/io.k8s.api.core.v1.Container',
    );
    expect(containers.extensions.get('x-kubernetes-patch-merge-key')).toBe(
      'name',
    );
    expect(containers.extensions.get('x-kubernetes-patch-strategy')).toBe(
      'merge',
    );
    const container = defs.get('io.k8s.api.core.v1.Container')!;
    expect(container.required).toEqual(['name']);
    expect(container.properties?.get('imagePullPolicy')?.type).toEqual([
      'string',
    ]);
    expect(container.properties?.has('imagePullPolicyy')).toBe(false);

    expect(
      defs.get('io.k8s.api.apps.v1.StatefulSet')!.extensions.get(GVK),
    ).toEqual([{ group: 'apps', kind: 'StatefulSet', version: 'v1' }]);
    expect(
      defs
        .get(
          'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.CustomResourceDefinition',
        )!
        .extensions.get(GVK),
    ).toEqual([
      {
        group: 'apiextensions.k8s.io',
        kind: 'CustomResourceDefinition',
        version: 'v1',
      },
    ]);
    // Every reference resolves, as kubectl refuses a document with a dangling one.
    const refs = JSON.stringify(
      JSON.parse(
        (await get(cluster, { Accept: 'application/json' })).body.toString(),
      ),
    ).match(/#\/definitions\/[^"]+/g)!;
    for (const ref of new Set(refs)) {
      expect(defs.has(ref.slice('#/definitions/'.length))).toBe(true);
    }
  });

  it('follows CRDs: a created kind appears with its converted schema, a deleted one goes', async () => {
    const before = await get(cluster, { Accept: PROTOBUF });
    expect(definitions(before.body).has('com.example.v1.Widget')).toBe(false);
    cluster.api.create(widgetCrd);
    try {
      const after = await get(cluster, { Accept: PROTOBUF });
      expect(after.headers.etag).not.toBe(before.headers.etag);
      const defs = definitions(after.body);
      const widget = defs.get('com.example.v1.Widget')!;
      expect(widget.extensions.get(GVK)).toEqual([
        { group: 'example.com', kind: 'Widget', version: 'v1' },
      ]);
      expect([...widget.properties!.keys()].sort()).toEqual([
        'apiVersion',
        'kind',
        'metadata',
        'spec',
      ]);
      const spec = widget.properties!.get('spec')!;
      expect(spec.required).toEqual(['size']);
      expect(spec.properties?.get('size')).toMatchObject({
        type: ['integer'],
        format: 'int32',
      });
      expect(
        defs.get('com.example.v1.WidgetList')!.extensions.get(GVK),
      ).toEqual([{ group: 'example.com', kind: 'WidgetList', version: 'v1' }]);
    } finally {
      cluster.api.delete(
        'apiextensions.k8s.io/v1',
        'CustomResourceDefinition',
        'widgets.example.com',
      );
    }
    const gone = await get(cluster, { Accept: PROTOBUF });
    expect(definitions(gone.body).has('com.example.v1.Widget')).toBe(false);
    expect(gone.headers.etag).toBe(before.headers.etag);
  });

  it('negotiates as kube-openapi: JSON by default, one ETag for both, 304 on revalidation, 406, gzip', async () => {
    const json = await get(cluster, {});
    expect(json.status).toBe(200);
    expect(json.headers['content-type']).toBe('application/json');
    expect(json.headers.vary).toContain('Accept');
    const document = JSON.parse(json.body.toString());
    expect(document.swagger).toBe('2.0');
    const proto = await get(cluster, { Accept: PROTOBUF });
    expect(proto.headers.etag).toBe(json.headers.etag);
    expect(proto.headers.etag).toMatch(/^"[0-9A-F]{128}"$/);
    expect([...definitions(proto.body).keys()].sort()).toEqual(
      Object.keys(document.definitions).sort(),
    );

    const revalidated = await get(cluster, {
      Accept: PROTOBUF,
      'If-None-Match': String(proto.headers.etag),
    });
    expect(revalidated.status).toBe(304);
    expect(revalidated.body.length).toBe(0);
    expect(
      (await get(cluster, { Accept: PROTOBUF, 'If-None-Match': '"stale"' }))
        .status,
    ).toBe(200);

    const refused = await get(cluster, { Accept: 'text/plain' });
    expect(refused.status).toBe(406);
    expect(
      (await get(cluster, { Accept: 'application/json;q=0, text/plain' }))
        .status,
    ).toBe(406);
    // The first acceptable type in the client's order of preference wins.
    expect(
      (
        await get(cluster, {
          Accept: `application/json;q=0.5, ${PROTOBUF}`,
        })
      ).headers['content-type'],
    ).toMatch(/protobuf$/);

    const gzipped = await get(cluster, {
      Accept: PROTOBUF,
      'Accept-Encoding': 'gzip',
    });
    expect(gzipped.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gzipped.body).equals(proto.body)).toBe(true);
  });
});

describe('CRD schemas in v2', () => {
  it("drops what v2 cannot express, as apiextensions-apiserver's conversion does", () => {
    const converted = toOpenApiV2Schema({
      type: 'object',
      required: ['name', 'maybe', 'free'],
      properties: {
        name: { type: 'string', default: 'x', pattern: '^[a-z]+$' },
        maybe: {
          type: 'object',
          nullable: true,
          properties: { a: { type: 'string' } },
        },
        port: {
          'x-kubernetes-int-or-string': true,
          anyOf: [{ type: 'integer' }, { type: 'string' }],
        },
        free: {
          type: 'object',
          'x-kubernetes-preserve-unknown-fields': true,
          properties: { known: { type: 'string' } },
        },
        list: {
          type: 'array',
          'x-kubernetes-preserve-unknown-fields': true,
          items: { type: 'string' },
        },
        choice: {
          type: 'object',
          properties: { a: { type: 'string' }, b: { type: 'string' } },
          oneOf: [{ required: ['a'] }, { required: ['b'] }],
          'x-kubernetes-validations': [{ rule: 'has(self.a)' }],
          example: { a: 'x' },
        },
        empty: { type: 'object', properties: {}, required: [] },
      },
    });
    expect(converted).toEqual({
      type: 'object',
      required: ['name', 'free'],
      properties: {
        choice: {
          type: 'object',
          properties: { a: { type: 'string' }, b: { type: 'string' } },
          'x-kubernetes-validations': [{ rule: 'has(self.a)' }],
        },
        empty: { type: 'object' },
        free: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
        list: { 'x-kubernetes-preserve-unknown-fields': true },
        maybe: {},
        name: { type: 'string', pattern: '^[a-z]+$' },
        port: { 'x-kubernetes-int-or-string': true },
      },
    });
  });

  it('drops every required field under a map of nullable values', () => {
    expect(
      toOpenApiV2Schema({
        type: 'object',
        required: ['a'],
        additionalProperties: { type: 'string', nullable: true },
      }),
    ).toEqual({ type: 'object', additionalProperties: {} });
  });
});

describe('built-in definition names', () => {
  it('are the Go packages kubectl names in its messages, one model each', () => {
    expect(definitionName('V1Container')).toBe('io.k8s.api.core.v1.Container');
    expect(definitionName('CoreV1Event')).toBe('io.k8s.api.core.v1.Event');
    expect(definitionName('V1ObjectMeta')).toBe(
      'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta',
    );
    expect(definitionName('V1RollingUpdateStatefulSetStrategy')).toBe(
      'io.k8s.api.apps.v1.RollingUpdateStatefulSetStrategy',
    );
    expect(definitionName('ApiextensionsV1ServiceReference')).toBe(
      'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.ServiceReference',
    );
    // Distinct models never share a name (the group prefix and the tables keep them apart).
    const models = new Map<string, Set<string>>();
    const visit = (model: string) => {
      const name = definitionName(model);
      const known = models.get(name) ?? new Set<string>();
      models.set(name, known.add(model));
      if (known.size > 1) return;
      for (const type of modelFields(model)!.values()) {
        let t = type;
        while (t.kind === 'array' || t.kind === 'map') t = t.of;
        if (
          t.kind === 'model' &&
          !models.get(definitionName(t.name))?.has(t.name)
        )
          visit(t.name);
      }
    };
    Object.values(KIND_MODELS).forEach(visit);
    expect([...models.values()].filter(m => m.size > 1)).toEqual([]);
    expect(models.size).toBeGreaterThan(100);
  });
});

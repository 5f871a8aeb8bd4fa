import { BinaryWriter } from '@bufbuild/protobuf/wire';
import { decodeProtobuf } from './protobuf';

/*
 * Request bodies captured from kubectl 1.32.4 (`-v=9`) for its typed commands; the expected
 * objects are what those commands mean, written by hand.
 */
const CAPTURED = {
  // kubectl create namespace cap1
  namespace:
    '6b3873000a0f0a02763112094e616d657370616365121c0a140a046361703112001a0022002a0032003800420012001a020a001a002200',
  // kubectl -n cap1 create configmap c1 --from-literal=a=b --from-file=bin.dat (bytes 'bin\0\xff')
  configMap:
    '6b3873000a0f0a0276311209436f6e6669674d617012320a160a02633112001a046361703122002a0032003800420012060a01611201621a100a0762696e2e646174120562696e00ff1a002200',
  // kubectl -n cap1 create secret generic s1 --from-literal=user=admin --type=kubernetes.io/basic-auth
  secret:
    '6b3873000a0c0a027631120653656372657412410a160a02733112001a046361703122002a00320038004200120d0a0475736572120561646d696e1a186b756265726e657465732e696f2f62617369632d617574681a002200',
};

const decode = (hex: string) => decodeProtobuf(Buffer.from(hex, 'hex'));

describe('protobuf request bodies', () => {
  it("decodes kubectl's Namespace, ConfigMap and Secret as their JSON forms, empty Go values left out", () => {
    expect(decode(CAPTURED.namespace)).toEqual({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: 'cap1' },
      spec: {},
      status: {},
    });
    expect(decode(CAPTURED.configMap)).toEqual({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'c1', namespace: 'cap1' },
      data: { a: 'b' },
      binaryData: {
        'bin.dat': Buffer.from('bin\0\xff', 'latin1').toString('base64'),
      },
    });
    expect(decode(CAPTURED.secret)).toEqual({
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 's1', namespace: 'cap1' },
      data: { user: Buffer.from('admin').toString('base64') },
      type: 'kubernetes.io/basic-auth',
    });
  });

  it('decodes labels, annotations, finalizers, owner references, timestamps and pointer fields', () => {
    // A Secret written field by field with the wire writer, as generated.proto numbers them.
    const meta = new BinaryWriter()
      .tag(1, 2)
      .string('s')
      .tag(8, 2)
      .bytes(new BinaryWriter().tag(1, 0).int64(1_700_000_000).finish())
      .tag(11, 2)
      .bytes(
        new BinaryWriter()
          .tag(1, 2)
          .string('app')
          .tag(2, 2)
          .string('x')
          .finish(),
      )
      .tag(11, 2)
      .bytes(
        new BinaryWriter()
          .tag(1, 2)
          .string('tier')
          .tag(2, 2)
          .string('db')
          .finish(),
      )
      .tag(12, 2)
      .bytes(
        new BinaryWriter()
          .tag(1, 2)
          .string('note')
          .tag(2, 2)
          .string('')
          .finish(),
      )
      .tag(13, 2)
      .bytes(
        new BinaryWriter()
          .tag(1, 2)
          .string('ConfigMap')
          .tag(3, 2)
          .string('owner')
          .tag(4, 2)
          .string('u-1')
          .tag(5, 2)
          .string('v1')
          .tag(6, 0)
          .bool(false)
          .finish(),
      )
      .tag(14, 2)
      .string('a/b')
      .tag(14, 2)
      .string('c/d')
      .finish();
    const secret = new BinaryWriter()
      .tag(1, 2)
      .bytes(meta)
      .tag(4, 2)
      .bytes(
        new BinaryWriter().tag(1, 2).string('k').tag(2, 2).string('v').finish(),
      )
      .tag(5, 0)
      .bool(false)
      .finish();
    const envelope = new BinaryWriter()
      .tag(1, 2)
      .bytes(
        new BinaryWriter()
          .tag(1, 2)
          .string('v1')
          .tag(2, 2)
          .string('Secret')
          .finish(),
      )
      .tag(2, 2)
      .bytes(secret)
      .finish();
    expect(
      decodeProtobuf(Buffer.concat([Buffer.from('k8s\0'), envelope])),
    ).toEqual({
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: {
        name: 's',
        creationTimestamp: '2023-11-14T22:13:20Z',
        labels: { app: 'x', tier: 'db' },
        annotations: { note: '' },
        ownerReferences: [
          {
            kind: 'ConfigMap',
            name: 'owner',
            uid: 'u-1',
            apiVersion: 'v1',
            controller: false,
          },
        ],
        finalizers: ['a/b', 'c/d'],
      },
      stringData: { k: 'v' },
      immutable: false,
    });
  });

  it('refuses what it cannot decode faithfully: no magic, other kinds, unknown fields', () => {
    expect(() => decodeProtobuf(Buffer.from('{"kind":"Secret"}'))).toThrow(
      'no k8s\\0 prefix',
    );
    const envelope = (kind: string, raw: Uint8Array) =>
      Buffer.concat([
        Buffer.from('k8s\0'),
        new BinaryWriter()
          .tag(1, 2)
          .bytes(
            new BinaryWriter()
              .tag(1, 2)
              .string('v1')
              .tag(2, 2)
              .string(kind)
              .finish(),
          )
          .tag(2, 2)
          .bytes(raw)
          .finish(),
      ]);
    expect(() => decodeProtobuf(envelope('Pod', new Uint8Array()))).toThrow(
      'v1, Kind=Pod is not decoded from protobuf by the sandbox',
    );
    expect(() =>
      decodeProtobuf(
        envelope(
          'ConfigMap',
          new BinaryWriter().tag(9, 2).string('x').finish(),
        ),
      ),
    ).toThrow('field 9 of ConfigMap is not decoded by the sandbox');
  });
});

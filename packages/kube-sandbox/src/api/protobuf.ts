import { BinaryReader, WireType } from '@bufbuild/protobuf/wire';
import { JsonObject } from '../types';

/**
 * Decodes the Kubernetes protobuf wire format of request bodies (`application/vnd.kubernetes.protobuf`):
 * the 4-byte magic `k8s\0`, then a `runtime.Unknown` envelope whose `raw` bytes are the object's
 * message (k8s.io/api's generated.proto). Only the kinds kubectl's typed commands create here are
 * described (Namespace, Secret, ConfigMap), with every field of those messages; any other kind, or
 * a field number the tables do not know, is refused rather than dropped.
 */

/** The magic prefix of every Kubernetes protobuf body. */
const MAGIC = Buffer.from([0x6b, 0x38, 0x73, 0x00]);

type Scalar = 'string' | 'bytes' | 'int64' | 'int32' | 'bool';
/**
 * A field: JSON name and type; `[]` repeated; `map:<value>` a map<string, value>; `?` a Go pointer
 * (kept when zero). Other scalars are Go values with `omitempty`: gogo-protobuf writes them even
 * when empty, and their JSON form leaves the zero value out. Every bool here is a pointer.
 */
type FieldType = string;
type Message = Record<number, [name: string, type: FieldType]>;

const MESSAGES: Record<string, Message> = {
  Unknown: {
    1: ['typeMeta', 'TypeMeta'],
    2: ['raw', 'bytes'],
    3: ['contentEncoding', 'string'],
    4: ['contentType', 'string'],
  },
  TypeMeta: { 1: ['apiVersion', 'string'], 2: ['kind', 'string'] },
  ObjectMeta: {
    1: ['name', 'string'],
    2: ['generateName', 'string'],
    3: ['namespace', 'string'],
    4: ['selfLink', 'string'],
    5: ['uid', 'string'],
    6: ['resourceVersion', 'string'],
    7: ['generation', 'int64'],
    8: ['creationTimestamp', 'Time'],
    9: ['deletionTimestamp', 'Time'],
    10: ['deletionGracePeriodSeconds', 'int64?'],
    11: ['labels', 'map:string'],
    12: ['annotations', 'map:string'],
    13: ['ownerReferences', 'OwnerReference[]'],
    14: ['finalizers', 'string[]'],
    17: ['managedFields', 'ManagedFieldsEntry[]'],
  },
  OwnerReference: {
    1: ['kind', 'string'],
    3: ['name', 'string'],
    4: ['uid', 'string'],
    5: ['apiVersion', 'string'],
    6: ['controller', 'bool'],
    7: ['blockOwnerDeletion', 'bool'],
  },
  ManagedFieldsEntry: {
    1: ['manager', 'string'],
    2: ['operation', 'string'],
    3: ['apiVersion', 'string'],
    4: ['time', 'Time'],
    6: ['fieldsType', 'string'],
    7: ['fieldsV1', 'FieldsV1'],
    8: ['subresource', 'string'],
  },
  Namespace: {
    1: ['metadata', 'ObjectMeta'],
    2: ['spec', 'NamespaceSpec'],
    3: ['status', 'NamespaceStatus'],
  },
  NamespaceSpec: { 1: ['finalizers', 'string[]'] },
  NamespaceStatus: {
    1: ['phase', 'string'],
    2: ['conditions', 'NamespaceCondition[]'],
  },
  NamespaceCondition: {
    1: ['type', 'string'],
    2: ['status', 'string'],
    4: ['lastTransitionTime', 'Time'],
    5: ['reason', 'string'],
    6: ['message', 'string'],
  },
  Secret: {
    1: ['metadata', 'ObjectMeta'],
    2: ['data', 'map:bytes'],
    3: ['type', 'string'],
    4: ['stringData', 'map:string'],
    5: ['immutable', 'bool'],
  },
  ConfigMap: {
    1: ['metadata', 'ObjectMeta'],
    2: ['data', 'map:string'],
    3: ['binaryData', 'map:bytes'],
    4: ['immutable', 'bool'],
  },
};

/** The kinds whose protobuf bodies are decoded. @public */
export const PROTOBUF_KINDS = ['Namespace', 'Secret', 'ConfigMap'];

export class ProtobufError extends Error {}

/** A metav1.Time (seconds, nanos) as JSON: RFC 3339 in seconds; the zero time is null (omitted). */
function time(bytes: Uint8Array): string | undefined {
  const reader = new BinaryReader(bytes);
  let seconds = 0;
  let nanos = 0;
  while (reader.pos < reader.len) {
    const [no, wire] = reader.tag();
    if (no === 1) seconds = Number(reader.int64());
    else if (no === 2) nanos = reader.int32();
    else reader.skip(wire, no);
  }
  if (seconds === 0 && nanos === 0) return undefined;
  return new Date(seconds * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function scalar(reader: BinaryReader, type: Scalar): unknown {
  switch (type) {
    case 'string':
      return reader.string();
    case 'bytes':
      return Buffer.from(reader.bytes()).toString('base64');
    case 'int64':
      return Number(reader.int64());
    case 'int32':
      return reader.int32();
    default:
      return reader.bool();
  }
}

function mapEntry(bytes: Uint8Array, value: Scalar): [string, unknown] {
  const reader = new BinaryReader(bytes);
  let key = '';
  let out: unknown = '';
  while (reader.pos < reader.len) {
    const [no, wire] = reader.tag();
    if (no === 1) key = reader.string();
    else if (no === 2) out = scalar(reader, value);
    else reader.skip(wire, no);
  }
  return [key, out];
}

function decodeMessage(bytes: Uint8Array, name: string): JsonObject {
  const fields = MESSAGES[name];
  const reader = new BinaryReader(bytes);
  const out: JsonObject = {};
  while (reader.pos < reader.len) {
    const [no, wire] = reader.tag();
    const field = fields[no];
    if (!field) {
      throw new ProtobufError(
        `field ${no} of ${name} is not decoded by the sandbox`,
      );
    }
    const [key, type] = field;
    if (type.startsWith('map:')) {
      const [k, v] = mapEntry(reader.bytes(), type.slice(4) as Scalar);
      out[key] = { ...((out[key] as JsonObject) ?? {}), [k]: v };
    } else if (type.endsWith('[]')) {
      const item = type.slice(0, -2);
      const list = (out[key] as unknown[]) ?? [];
      list.push(
        MESSAGES[item]
          ? decodeMessage(reader.bytes(), item)
          : scalar(reader, item as Scalar),
      );
      out[key] = list;
    } else if (type === 'Time') {
      const at = time(reader.bytes());
      if (at !== undefined) out[key] = at;
    } else if (type === 'FieldsV1') {
      const raw = decodeMessage(reader.bytes(), 'Unknown').raw;
      out[key] = JSON.parse(Buffer.from(String(raw), 'base64').toString());
    } else if (MESSAGES[type]) {
      out[key] = decodeMessage(reader.bytes(), type);
    } else {
      const pointer = type.endsWith('?') || type === 'bool';
      const kind = type.replace(/\?$/, '') as Scalar;
      const delimited = kind === 'string' || kind === 'bytes';
      if ((wire === WireType.LengthDelimited) !== delimited) {
        throw new ProtobufError(
          `field ${no} of ${name} has the wrong wire type`,
        );
      }
      const value = scalar(reader, kind);
      if (pointer || (value !== '' && value !== 0)) out[key] = value;
    }
  }
  return out;
}

/**
 * Decodes a protobuf request body into the object's JSON form (as its JSON encoding would be),
 * or throws a ProtobufError saying why it cannot.
 * @public
 */
export function decodeProtobuf(body: Buffer): JsonObject {
  if (body.length < MAGIC.length || !body.subarray(0, 4).equals(MAGIC)) {
    throw new ProtobufError(
      'provided object is not a Kubernetes protobuf message (no k8s\\0 prefix)',
    );
  }
  let envelope: JsonObject;
  try {
    envelope = decodeMessage(body.subarray(4), 'Unknown');
  } catch (error) {
    if (error instanceof ProtobufError) throw error;
    throw new ProtobufError(`cannot decode the envelope: ${String(error)}`);
  }
  const typeMeta = (envelope.typeMeta as JsonObject | undefined) ?? {};
  const kind = String(typeMeta.kind ?? '');
  if (envelope.contentEncoding) {
    throw new ProtobufError(
      `content encoding ${String(envelope.contentEncoding)} is not supported`,
    );
  }
  if (!PROTOBUF_KINDS.includes(kind) || typeMeta.apiVersion !== 'v1') {
    throw new ProtobufError(
      `${String(
        typeMeta.apiVersion,
      )}, Kind=${kind} is not decoded from protobuf by the sandbox`,
    );
  }
  const raw = Buffer.from(String(envelope.raw ?? ''), 'base64');
  try {
    return {
      apiVersion: 'v1',
      kind,
      ...decodeMessage(raw, kind),
    };
  } catch (error) {
    if (error instanceof ProtobufError) throw error;
    throw new ProtobufError(`cannot decode ${kind}: ${String(error)}`);
  }
}

import { BinaryWriter, WireType } from '@bufbuild/protobuf/wire';
import { stringify } from 'yaml';
import { isObject, JsonObject } from '../types';

/**
 * Encodes a Swagger 2.0 document as google/gnostic's `openapi.v2.Document` protobuf message, the
 * form kube-apiserver serves `/openapi/v2` in to clients that ask for it (kubectl < 1.27). Field
 * numbers are those of gnostic's `openapiv2/OpenAPIv2.proto`; only the messages a Kubernetes
 * document uses are written. As Go's proto3 marshalling does, zero values are left out (oneof
 * members excepted), and maps (`properties`, `definitions`, vendor extensions…) are repeated
 * name/value pairs in the JSON's order.
 */

type Value = unknown;

const LEN = WireType.LengthDelimited;

function message(w: BinaryWriter, field: number, body: () => void) {
  w.tag(field, LEN).fork();
  body();
  w.join();
}

function string(w: BinaryWriter, field: number, value: Value) {
  if (typeof value === 'string' && value) w.tag(field, LEN).string(value);
}

function strings(w: BinaryWriter, field: number, value: Value) {
  if (Array.isArray(value)) value.forEach(v => string(w, field, String(v)));
}

function bool(w: BinaryWriter, field: number, value: Value) {
  if (value === true) w.tag(field, WireType.Varint).bool(true);
}

function double(w: BinaryWriter, field: number, value: Value) {
  if (typeof value === 'number' && value) {
    w.tag(field, WireType.Bit64).double(value);
  }
}

function int64(w: BinaryWriter, field: number, value: Value) {
  if (typeof value === 'number' && value) {
    w.tag(field, WireType.Varint).int64(Math.trunc(value));
  }
}

/**
 * `Any`: gnostic keeps values it has no type for as YAML text (field 2). Strings that YAML 1.1
 * would read as something else (`on`, `yes`, `1e3`) are quoted, since Go clients parse it with
 * yaml.v2.
 */
function any(w: BinaryWriter, field: number, value: Value) {
  message(w, field, () =>
    string(w, 2, stringify(value, { version: '1.1', lineWidth: 0 })),
  );
}

/** `repeated NamedAny vendor_extension`: the object's `x-` keys. */
function extensions(w: BinaryWriter, field: number, object: JsonObject) {
  for (const [name, value] of Object.entries(object)) {
    if (!name.startsWith('x-') || value === undefined) continue;
    message(w, field, () => {
      string(w, 1, name);
      any(w, 2, value);
    });
  }
}

/** A `Named<Message>` map: repeated (name = 1, value = 2) pairs. */
function named(
  w: BinaryWriter,
  field: number,
  map: Value,
  value: (v: JsonObject) => void,
) {
  if (!isObject(map)) return;
  for (const [name, v] of Object.entries(map)) {
    if (!isObject(v)) continue;
    message(w, field, () => {
      string(w, 1, name);
      message(w, 2, () => value(v));
    });
  }
}

function schema(w: BinaryWriter, s: JsonObject) {
  string(w, 1, s.$ref);
  string(w, 2, s.format);
  string(w, 3, s.title);
  string(w, 4, s.description);
  if (s.default !== undefined) any(w, 5, s.default);
  double(w, 6, s.multipleOf);
  double(w, 7, s.maximum);
  bool(w, 8, s.exclusiveMaximum);
  double(w, 9, s.minimum);
  bool(w, 10, s.exclusiveMinimum);
  int64(w, 11, s.maxLength);
  int64(w, 12, s.minLength);
  string(w, 13, s.pattern);
  int64(w, 14, s.maxItems);
  int64(w, 15, s.minItems);
  bool(w, 16, s.uniqueItems);
  int64(w, 17, s.maxProperties);
  int64(w, 18, s.minProperties);
  strings(w, 19, s.required);
  if (Array.isArray(s.enum)) s.enum.forEach(e => any(w, 20, e));
  const additional = s.additionalProperties;
  if (isObject(additional)) {
    // AdditionalPropertiesItem: oneof { Schema schema = 1; bool boolean = 2; }
    message(w, 21, () => message(w, 1, () => schema(w, additional)));
  } else if (typeof additional === 'boolean') {
    message(w, 21, () => w.tag(2, WireType.Varint).bool(additional));
  }
  if (s.type !== undefined) {
    message(w, 22, () => strings(w, 1, [s.type].flat())); // TypeItem
  }
  const items = s.items;
  if (items !== undefined) {
    // ItemsItem: repeated Schema schema = 1
    message(w, 23, () =>
      [items]
        .flat()
        .filter(isObject)
        .forEach(i => message(w, 1, () => schema(w, i))),
    );
  }
  if (Array.isArray(s.allOf)) {
    s.allOf.filter(isObject).forEach(a => message(w, 24, () => schema(w, a)));
  }
  if (isObject(s.properties)) {
    const properties = s.properties;
    message(w, 25, () => named(w, 1, properties, p => schema(w, p)));
  }
  string(w, 26, s.discriminator);
  bool(w, 27, s.readOnly);
  if (s.example !== undefined) any(w, 30, s.example);
  extensions(w, 31, s);
}

function parameter(w: BinaryWriter, p: JsonObject) {
  if (typeof p.$ref === 'string') {
    // ParametersItem.json_reference
    message(w, 2, () => string(w, 1, p.$ref));
    return;
  }
  // ParametersItem.parameter
  message(w, 1, () => {
    if (p.in === 'body') {
      message(w, 1, () => {
        string(w, 1, p.description);
        string(w, 2, p.name);
        string(w, 3, p.in);
        bool(w, 4, p.required);
        if (isObject(p.schema)) {
          const body = p.schema;
          message(w, 5, () => schema(w, body));
        }
        extensions(w, 6, p);
      });
      return;
    }
    // NonBodyParameter: query = 3, path = 4; the two sub-schemas number their fields differently.
    const path = p.in === 'path';
    message(w, 2, () =>
      message(w, path ? 4 : 3, () => {
        bool(w, 1, p.required);
        string(w, 2, p.in);
        string(w, 3, p.description);
        string(w, 4, p.name);
        if (!path) bool(w, 5, p.allowEmptyValue);
        string(w, path ? 5 : 6, p.type);
        string(w, path ? 6 : 7, p.format);
        bool(w, path ? 19 : 20, p.uniqueItems);
        extensions(w, path ? 22 : 23, p);
      }),
    );
  });
}

function operation(w: BinaryWriter, op: JsonObject) {
  strings(w, 1, op.tags);
  string(w, 2, op.summary);
  string(w, 3, op.description);
  string(w, 5, op.operationId);
  strings(w, 6, op.produces);
  strings(w, 7, op.consumes);
  if (Array.isArray(op.parameters)) {
    op.parameters
      .filter(isObject)
      .forEach(p => message(w, 8, () => parameter(w, p)));
  }
  if (isObject(op.responses)) {
    const responses = op.responses;
    // Responses { repeated NamedResponseValue response_code = 1 }
    message(w, 9, () =>
      named(w, 1, responses, r =>
        // ResponseValue.response
        message(w, 1, () => {
          string(w, 1, r.description);
          if (isObject(r.schema)) {
            const body = r.schema;
            // SchemaItem.schema
            message(w, 2, () => message(w, 1, () => schema(w, body)));
          }
          extensions(w, 5, r);
        }),
      ),
    );
  }
  strings(w, 10, op.schemes);
  bool(w, 11, op.deprecated);
  extensions(w, 13, op);
}

const METHODS: Array<[string, number]> = [
  ['get', 2],
  ['put', 3],
  ['post', 4],
  ['delete', 5],
  ['options', 6],
  ['head', 7],
  ['patch', 8],
];

function pathItem(w: BinaryWriter, item: JsonObject) {
  string(w, 1, item.$ref);
  for (const [method, field] of METHODS) {
    const op = item[method];
    if (isObject(op)) message(w, field, () => operation(w, op));
  }
  if (Array.isArray(item.parameters)) {
    item.parameters
      .filter(isObject)
      .forEach(p => message(w, 9, () => parameter(w, p)));
  }
  extensions(w, 10, item);
}

function securityDefinition(w: BinaryWriter, d: JsonObject) {
  // SecurityDefinitionsItem: only api_key_security (2) is used by Kubernetes.
  if (d.type !== 'apiKey') return;
  message(w, 2, () => {
    string(w, 1, d.type);
    string(w, 2, d.name);
    string(w, 3, d.in);
    string(w, 4, d.description);
    extensions(w, 5, d);
  });
}

/** The document's protobuf encoding. */
export function encodeOpenApiV2(doc: JsonObject): Uint8Array {
  const w = new BinaryWriter();
  string(w, 1, doc.swagger);
  if (isObject(doc.info)) {
    const info = doc.info;
    message(w, 2, () => {
      string(w, 1, info.title);
      string(w, 2, info.version);
      string(w, 3, info.description);
      extensions(w, 7, info);
    });
  }
  string(w, 3, doc.host);
  string(w, 4, doc.basePath);
  strings(w, 5, doc.schemes);
  strings(w, 6, doc.consumes);
  strings(w, 7, doc.produces);
  if (isObject(doc.paths)) {
    const paths = doc.paths;
    message(w, 8, () => {
      extensions(w, 1, paths);
      named(
        w,
        2,
        Object.fromEntries(
          Object.entries(paths).filter(([k]) => !k.startsWith('x-')),
        ),
        item => pathItem(w, item),
      );
    });
  }
  if (isObject(doc.definitions)) {
    const definitions = doc.definitions;
    message(w, 9, () => named(w, 1, definitions, s => schema(w, s)));
  }
  if (Array.isArray(doc.security)) {
    for (const requirement of doc.security.filter(isObject)) {
      // SecurityRequirement { repeated NamedStringArray additional_properties = 1 }
      message(w, 12, () => {
        for (const [name, scopes] of Object.entries(requirement)) {
          message(w, 1, () => {
            string(w, 1, name);
            message(w, 2, () => strings(w, 1, scopes));
          });
        }
      });
    }
  }
  if (isObject(doc.securityDefinitions)) {
    const definitions = doc.securityDefinitions;
    message(w, 13, () =>
      named(w, 1, definitions, d => securityDefinition(w, d)),
    );
  }
  extensions(w, 16, doc);
  return w.finish();
}

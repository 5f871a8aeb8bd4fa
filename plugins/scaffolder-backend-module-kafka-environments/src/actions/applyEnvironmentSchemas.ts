import Ajv, { ValidateFunction } from 'ajv';

/** The parts of a CRD's structural schema that decide which fields it knows. */
export type Schema = {
  properties?: Record<string, Schema>;
  items?: Schema;
  additionalProperties?: boolean | Schema;
  'x-kubernetes-preserve-unknown-fields'?: boolean;
  'x-kubernetes-embedded-resource'?: boolean;
};

/** A CustomResourceDefinition as the API server serves it (the fields read here). */
export interface CustomResourceDefinition {
  spec: {
    group: string;
    names: { kind: string };
    versions: {
      name: string;
      served?: boolean;
      schema?: { openAPIV3Schema?: unknown };
    }[];
  };
}

/** Fields the API server would refuse under `fieldValidation=Strict`: not in the schema. */
export function unknownFields(
  value: unknown,
  schema: Schema,
  at: string,
): string[] {
  if (Array.isArray(value)) {
    return schema.items
      ? value.flatMap((item, i) =>
          unknownFields(item, schema.items!, `${at}[${i}]`),
        )
      : [];
  }
  if (value === null || typeof value !== 'object') return [];
  if (schema['x-kubernetes-preserve-unknown-fields']) return [];
  const extra =
    typeof schema.additionalProperties === 'object'
      ? schema.additionalProperties
      : undefined;
  return Object.entries(value).flatMap(([key, child]) => {
    const childSchema = schema.properties?.[key] ?? extra;
    if (!childSchema) return [`${at}.${key}`];
    return unknownFields(child, childSchema, `${at}.${key}`);
  });
}

/**
 * Validates custom resources against the structural schemas of the CRDs a cluster serves
 * (read from its `customresourcedefinitions`): types, required fields, enums, patterns and
 * ranges, and fields the schema does not know. What a dry run on the API server would check
 * where it cannot run, in a namespace that does not exist yet; CEL rules and admission
 * webhooks are left to the real apply. Answers `undefined` for a kind no CRD defines.
 */
export function createCrdSchemaValidator(crds: CustomResourceDefinition[]) {
  const ajv = new Ajv({
    strict: false,
    validateFormats: false,
    allErrors: true,
    // CRD patterns are Go regular expressions, which escape freely where the u flag does not.
    unicodeRegExp: false,
  });
  const schemas = new Map<string, Schema>();
  for (const crd of crds) {
    for (const version of crd.spec.versions ?? []) {
      const schema = version.schema?.openAPIV3Schema as Schema | undefined;
      if (version.served === false || !schema) continue;
      schemas.set(
        `${crd.spec.group}/${version.name}/${crd.spec.names.kind}`,
        schema,
      );
    }
  }
  const compiled = new Map<string, ValidateFunction>();

  return (object: Record<string, unknown>): string[] | undefined => {
    const key = `${object.apiVersion}/${object.kind}`;
    const schema = schemas.get(key);
    if (!schema) return undefined;
    let validate = compiled.get(key);
    if (!validate) {
      validate = ajv.compile(schema);
      compiled.set(key, validate);
    }
    const { apiVersion: _a, kind: _k, metadata: _m, ...rest } = object;
    const errors = validate(object)
      ? []
      : (validate.errors ?? []).map(
          e => `${e.instancePath || '/'} ${e.message}`,
        );
    return [
      ...errors,
      ...unknownFields(rest, schema, '').map(
        field => `${field}: unknown field`,
      ),
    ];
  };
}

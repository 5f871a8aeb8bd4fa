import { loadCrdSet } from '@k8s-kafka/operator-crds';
import Ajv, { ValidateFunction } from 'ajv';

type Schema = {
  properties?: Record<string, Schema>;
  items?: Schema;
  additionalProperties?: boolean | Schema;
  'x-kubernetes-preserve-unknown-fields'?: boolean;
};

/** Fields a real API server would prune: present in the object, absent from the schema. */
function unknownFields(value: unknown, schema: Schema, at: string): string[] {
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
 * Validates objects against the structural schema of the operators' CRDs: types, required
 * fields, enums and patterns (ajv), and fields the schema does not know. CEL rules are the
 * Kubernetes sandbox's job.
 */
export function createCrdValidator(crdSet: string) {
  // The bundled sets, or KUBE_SANDBOX_CRDS_DIR's; a missing set throws naming the folder.
  const crds = loadCrdSet(crdSet);
  const ajv = new Ajv({
    strict: false,
    validateFormats: false,
    allErrors: true,
    // CRD patterns are Go regular expressions, which escape freely where the u flag does not allow it.
    unicodeRegExp: false,
  });
  const schemas = new Map<string, Schema>();
  for (const crd of crds) {
    for (const version of crd.spec.versions) {
      const key = `${crd.spec.group}/${version.name}/${crd.spec.names.kind}`;
      schemas.set(key, version.schema?.openAPIV3Schema as Schema);
    }
  }
  const compiled = new Map<string, ValidateFunction>();

  return (object: {
    apiVersion: string;
    kind: string;
    [field: string]: unknown;
  }): string[] => {
    const key = `${object.apiVersion}/${object.kind}`;
    const schema = schemas.get(key);
    if (!schema) return [`no CRD in ${crdSet} serves ${key}`];
    let validate = compiled.get(key);
    if (!validate) {
      validate = ajv.compile(schema);
      compiled.set(key, validate);
    }
    const errors = validate(object)
      ? []
      : (validate.errors ?? []).map(e => `${e.instancePath} ${e.message}`);
    const { apiVersion, kind, metadata, ...rest } = object as Record<
      string,
      unknown
    >;
    return [
      ...errors,
      ...unknownFields(rest, schema, '').map(
        field => `${field} is not in the schema`,
      ),
    ];
  };
}

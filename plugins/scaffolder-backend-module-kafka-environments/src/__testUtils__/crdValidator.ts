import { loadCrdSet } from '@k8s-kafka/operator-crds';
import Ajv, { ValidateFunction } from 'ajv';
// The same check the apply action runs on a new namespace's objects.
import { Schema, unknownFields } from '../actions/applyEnvironmentSchemas';

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

import {
  isObject,
  JsonObject,
  KubeObject,
  PrinterColumn,
  ResourceType,
} from '../types';
import { FieldError, fieldError } from '../validation/fieldErrors';
import { Strategy } from './strategies';
import { compareVersions } from './registry';
import { timestamp } from './metadata';

interface CrdVersion {
  name: string;
  served?: boolean;
  storage?: boolean;
  schema?: { openAPIV3Schema?: JsonObject };
  subresources?: { status?: object; scale?: JsonObject };
  additionalPrinterColumns?: PrinterColumn[];
}

interface CrdSpec {
  group: string;
  scope: string;
  names: {
    kind: string;
    plural: string;
    singular?: string;
    listKind?: string;
    shortNames?: string[];
    categories?: string[];
  };
  versions: CrdVersion[];
}

const specOf = (crd: Readonly<KubeObject>) => crd.spec as CrdSpec;

/** The served kind of a (valid, stored) CustomResourceDefinition. @public */
export function crdToType(crd: Readonly<KubeObject>): ResourceType {
  const spec = specOf(crd);
  const served = spec.versions
    .filter(v => v.served !== false)
    .sort((a, b) => compareVersions(a.name, b.name));
  const storage = spec.versions.find(v => v.storage) ?? spec.versions[0];
  const scale = storage.subresources?.scale;
  return {
    group: spec.group,
    resource: spec.names.plural,
    kind: spec.names.kind,
    listKind: spec.names.listKind ?? `${spec.names.kind}List`,
    singular: spec.names.singular ?? spec.names.kind.toLowerCase(),
    namespaced: spec.scope !== 'Cluster',
    shortNames: spec.names.shortNames ?? [],
    categories: spec.names.categories ?? [],
    versions: served.map(v => ({
      name: v.name,
      schema: v.schema?.openAPIV3Schema,
      printerColumns: v.additionalPrinterColumns ?? [],
    })),
    storageVersion: storage.name,
    statusSubresource: spec.versions.some(v => v.subresources?.status),
    scale: scale
      ? {
          specReplicasPath: String(scale.specReplicasPath),
          statusReplicasPath: String(scale.statusReplicasPath),
          labelSelectorPath: scale.labelSelectorPath as string | undefined,
        }
      : undefined,
    builtin: false,
    tracksGeneration: true,
    schemaless:
      crd.metadata.annotations?.['kube-sandbox/schemaless'] === 'true',
  };
}

function crdStatus(o: JsonObject, old?: Readonly<KubeObject>) {
  const spec = o.spec as CrdSpec;
  const stored = new Set<string>(
    ((old?.status as JsonObject | undefined)?.storedVersions as
      | string[]
      | undefined) ?? [],
  );
  const storage = spec.versions?.find(v => v.storage);
  if (storage) stored.add(storage.name);
  const now = timestamp();
  const condition = (type: string, reason: string, message: string) => ({
    type,
    status: 'True',
    lastTransitionTime: now,
    reason,
    message,
  });
  o.status = {
    conditions: [
      condition('NamesAccepted', 'NoConflicts', 'no conflicts found'),
      condition(
        'Established',
        'InitialNamesAccepted',
        'the initial names have been accepted',
      ),
    ],
    acceptedNames: {
      ...spec.names,
      listKind: spec.names.listKind ?? `${spec.names.kind}List`,
      singular: spec.names.singular ?? spec.names.kind.toLowerCase(),
    },
    storedVersions: [...stored],
  };
}

function validateCrd(o: JsonObject, old?: Readonly<KubeObject>): FieldError[] {
  const errors: FieldError[] = [];
  const spec = isObject(o.spec) ? (o.spec as unknown as CrdSpec) : undefined;
  if (!spec) return [fieldError.required('spec')];
  if (!spec.group || !spec.group.includes('.')) {
    errors.push(
      fieldError.invalid(
        'spec.group',
        spec.group ?? '',
        'should be a domain with at least one dot',
      ),
    );
  }
  const names = isObject(spec.names) ? spec.names : undefined;
  if (!names?.plural) errors.push(fieldError.required('spec.names.plural'));
  if (!names?.kind) errors.push(fieldError.required('spec.names.kind'));
  if (spec.scope !== 'Namespaced' && spec.scope !== 'Cluster') {
    errors.push(
      fieldError.notSupported('spec.scope', spec.scope ?? '', [
        'Cluster',
        'Namespaced',
      ]),
    );
  }
  const name = (o.metadata as JsonObject).name;
  if (names?.plural && spec.group && name !== `${names.plural}.${spec.group}`) {
    errors.push(
      fieldError.invalid(
        'metadata.name',
        name,
        'must be spec.names.plural+"."+spec.group',
      ),
    );
  }
  if (!Array.isArray(spec.versions) || spec.versions.length === 0) {
    errors.push(
      fieldError.required(
        'spec.versions',
        'must have exactly one version marked as storage version',
      ),
    );
  } else {
    const storage = spec.versions.filter(v => v.storage).length;
    if (storage !== 1) {
      errors.push(
        fieldError.invalid(
          'spec.versions',
          spec.versions.map(v => v.name),
          'must have exactly one version marked as storage version',
        ),
      );
    }
    spec.versions.forEach((v, i) => {
      if (!v.schema?.openAPIV3Schema) {
        errors.push(
          fieldError.required(
            `spec.versions[${i}].schema.openAPIV3Schema`,
            'schemas are required',
          ),
        );
      }
    });
  }
  if (old && (old.spec as CrdSpec).scope !== spec.scope) {
    errors.push(
      fieldError.invalid('spec.scope', spec.scope, 'field is immutable'),
    );
  }
  return errors;
}

/** The CustomResourceDefinition strategy: checked names and versions; status as the CRD controller sets it. */
export const CRD_STRATEGY: Strategy = {
  nameRule: 'subdomain',
  returnsDeletedObject: true,
  prepareForCreate: o => crdStatus(o),
  prepareForUpdate: (o, old) => crdStatus(o, old),
  validate: validateCrd,
};

import { isObject, JsonObject, KubeObject, jsonEqual } from '../types';
import { FieldError, fieldError } from '../validation/fieldErrors';
import { NameRule } from './metadata';

/** Cluster services a strategy may need (allocations). */
export interface StrategyContext {
  allocateClusterIP(): string;
}

/**
 * What a kind's registry strategy does beyond the generic write path: defaults and server-set
 * fields, update rules, and validation (a small but real subset of each kind's).
 * @public
 */
export interface Strategy {
  nameRule: NameRule;
  prepareForCreate?(object: JsonObject, ctx: StrategyContext): void;
  prepareForUpdate?(object: JsonObject, old: Readonly<KubeObject>): void;
  validate?(object: JsonObject, old?: Readonly<KubeObject>): FieldError[];
  /** Whether DELETE answers with the deleted object (else a Success Status). */
  returnsDeletedObject: boolean;
}

const obj = (parent: JsonObject, key: string): JsonObject => {
  if (!isObject(parent[key])) parent[key] = {};
  return parent[key] as JsonObject;
};

function defaultContainer(c: JsonObject) {
  c.terminationMessagePath ??= '/dev/termination-log';
  c.terminationMessagePolicy ??= 'File';
  if (c.imagePullPolicy === undefined && typeof c.image === 'string') {
    const tag = /:([^:/@]+)$/.exec(c.image)?.[1];
    c.imagePullPolicy = !tag || tag === 'latest' ? 'Always' : 'IfNotPresent';
  }
  c.resources ??= {};
  if (Array.isArray(c.ports)) {
    for (const p of c.ports) if (isObject(p)) p.protocol ??= 'TCP';
  }
}

/** The pod spec defaults of SetDefaults_PodSpec and friends that clients commonly see. */
export function defaultPodSpec(spec: JsonObject) {
  spec.restartPolicy ??= 'Always';
  spec.dnsPolicy ??= 'ClusterFirst';
  spec.terminationGracePeriodSeconds ??= 30;
  spec.schedulerName ??= 'default-scheduler';
  spec.securityContext ??= {};
  spec.enableServiceLinks ??= true;
  for (const key of ['containers', 'initContainers']) {
    const list = spec[key];
    if (Array.isArray(list)) list.filter(isObject).forEach(defaultContainer);
  }
}

function validateContainers(spec: unknown, path: string): FieldError[] {
  const errors: FieldError[] = [];
  const containers = isObject(spec) ? spec.containers : undefined;
  if (!Array.isArray(containers) || containers.length === 0) {
    return [fieldError.required(`${path}.containers`)];
  }
  containers.forEach((c, i) => {
    const at = `${path}.containers[${i}]`;
    if (!isObject(c) || !c.name) errors.push(fieldError.required(`${at}.name`));
    if (!isObject(c) || !c.image)
      errors.push(fieldError.required(`${at}.image`));
  });
  return errors;
}

const MUTABLE_POD_SPEC =
  'pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)';

function podSpecWithoutMutable(spec: unknown) {
  const copy = structuredClone(isObject(spec) ? spec : {});
  for (const key of ['containers', 'initContainers']) {
    const list = copy[key];
    if (Array.isArray(list)) list.forEach(c => isObject(c) && delete c.image);
  }
  delete copy.activeDeadlineSeconds;
  delete copy.tolerations;
  delete copy.terminationGracePeriodSeconds;
  return copy;
}

function selectorMatches(selector: unknown, labels: unknown) {
  if (!isObject(selector)) return false;
  const want = isObject(selector.matchLabels) ? selector.matchLabels : {};
  const have = isObject(labels) ? labels : {};
  const exprs = Array.isArray(selector.matchExpressions)
    ? selector.matchExpressions
    : [];
  if (!Object.keys(want).length && !exprs.length) return false;
  return (
    Object.entries(want).every(([k, v]) => have[k] === v) &&
    exprs.every(e => {
      if (!isObject(e)) return false;
      const value = have[String(e.key)] as string | undefined;
      const values = Array.isArray(e.values) ? e.values : [];
      switch (e.operator) {
        case 'In':
          return value !== undefined && values.includes(value);
        case 'NotIn':
          return value === undefined || !values.includes(value);
        case 'Exists':
          return value !== undefined;
        case 'DoesNotExist':
          return value === undefined;
        default:
          return false;
      }
    })
  );
}

const STATEFULSET_MUTABLE = [
  'replicas',
  'ordinals',
  'template',
  'updateStrategy',
  'persistentVolumeClaimRetentionPolicy',
  'minReadySeconds',
];

function defaultStatefulSetSpec(spec: JsonObject) {
  spec.replicas ??= 1;
  spec.podManagementPolicy ??= 'OrderedReady';
  spec.updateStrategy ??= {
    type: 'RollingUpdate',
    rollingUpdate: { partition: 0 },
  };
  spec.revisionHistoryLimit ??= 10;
  spec.persistentVolumeClaimRetentionPolicy ??= {
    whenDeleted: 'Retain',
    whenScaled: 'Retain',
  };
  defaultPodSpec(obj(obj(spec, 'template'), 'spec'));
}

/** The strategy of each built-in kind. @public */
export const STRATEGIES: Record<string, Strategy> = {
  Namespace: {
    nameRule: 'label',
    returnsDeletedObject: true,
    prepareForCreate(o) {
      const meta = obj(o, 'metadata');
      obj(meta, 'labels')['kubernetes.io/metadata.name'] = String(meta.name);
      obj(o, 'spec').finalizers ??= ['kubernetes'];
      o.status = { phase: 'Active' };
    },
    prepareForUpdate(o, old) {
      const meta = obj(o, 'metadata');
      obj(meta, 'labels')['kubernetes.io/metadata.name'] = String(meta.name);
      o.spec = structuredClone(old.spec ?? {});
    },
  },
  Pod: {
    nameRule: 'subdomain',
    returnsDeletedObject: true,
    prepareForCreate(o) {
      defaultPodSpec(obj(o, 'spec'));
      const spec = obj(o, 'spec');
      spec.serviceAccountName ??= 'default';
      spec.serviceAccount ??= spec.serviceAccountName;
      spec.priority ??= 0;
      spec.preemptionPolicy ??= 'PreemptLowerPriority';
      o.status = { phase: 'Pending', qosClass: 'BestEffort' };
    },
    validate(o, old) {
      const errors = validateContainers(o.spec, 'spec');
      if (
        old &&
        !jsonEqual(
          podSpecWithoutMutable(o.spec),
          podSpecWithoutMutable(old.spec),
        )
      ) {
        errors.push(fieldError.forbidden('spec', MUTABLE_POD_SPEC));
      }
      return errors;
    },
  },
  PersistentVolumeClaim: {
    nameRule: 'subdomain',
    returnsDeletedObject: true,
    prepareForCreate(o) {
      obj(o, 'spec').volumeMode ??= 'Filesystem';
      o.status = { phase: 'Pending' };
    },
    validate(o, old) {
      const errors: FieldError[] = [];
      const spec = isObject(o.spec) ? o.spec : {};
      if (!Array.isArray(spec.accessModes) || !spec.accessModes.length) {
        errors.push(
          fieldError.required(
            'spec.accessModes',
            'at least 1 access mode is required',
          ),
        );
      }
      const requests =
        isObject(spec.resources) && isObject(spec.resources.requests)
          ? spec.resources.requests
          : {};
      if (requests.storage === undefined) {
        errors.push(fieldError.required('spec.resources[storage]'));
      }
      if (old) {
        // As ValidatePersistentVolumeClaimUpdate: the binder may set volumeName once.
        const bindable = !isObject(old.spec) || !old.spec.volumeName;
        const strip = (s: unknown) => {
          const c = structuredClone(isObject(s) ? s : {});
          delete c.resources;
          delete c.volumeAttributesClassName;
          if (bindable) delete c.volumeName;
          return c;
        };
        if (!jsonEqual(strip(o.spec), strip(old.spec))) {
          errors.push(
            fieldError.forbidden(
              'spec',
              'spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims',
            ),
          );
        }
      }
      return errors;
    },
  },
  Service: {
    nameRule: 'dns1035',
    returnsDeletedObject: true,
    prepareForCreate(o, ctx) {
      const spec = obj(o, 'spec');
      spec.type ??= 'ClusterIP';
      spec.sessionAffinity ??= 'None';
      if (spec.type !== 'ExternalName') {
        if (spec.clusterIP === undefined || spec.clusterIP === '') {
          spec.clusterIP = ctx.allocateClusterIP();
        }
        spec.clusterIPs ??= [spec.clusterIP];
        spec.ipFamilies ??= ['IPv4'];
        spec.ipFamilyPolicy ??= 'SingleStack';
        spec.internalTrafficPolicy ??= 'Cluster';
      }
      if (Array.isArray(spec.ports)) {
        for (const p of spec.ports) {
          if (!isObject(p)) continue;
          p.protocol ??= 'TCP';
          p.targetPort ??= p.port;
        }
      }
      o.status = { loadBalancer: {} };
    },
    prepareForUpdate(o, old) {
      // Like the service REST storage: an update that leaves allocated values unset keeps them.
      const spec = obj(o, 'spec');
      const oldSpec = isObject(old.spec) ? old.spec : {};
      if (spec.clusterIP === undefined || spec.clusterIP === '')
        spec.clusterIP = oldSpec.clusterIP;
      spec.clusterIPs ??= oldSpec.clusterIPs;
      spec.ipFamilies ??= oldSpec.ipFamilies;
      spec.ipFamilyPolicy ??= oldSpec.ipFamilyPolicy;
    },
    validate(o, old) {
      const errors: FieldError[] = [];
      const spec = isObject(o.spec) ? o.spec : {};
      const headless = spec.clusterIP === 'None';
      if (
        spec.type !== 'ExternalName' &&
        !headless &&
        (!Array.isArray(spec.ports) || !spec.ports.length)
      ) {
        errors.push(fieldError.required('spec.ports'));
      }
      if (Array.isArray(spec.ports)) {
        spec.ports.forEach((p, i) => {
          const port = isObject(p) ? p.port : undefined;
          if (typeof port !== 'number' || port < 1 || port > 65535) {
            errors.push(
              fieldError.invalid(
                `spec.ports[${i}].port`,
                port ?? 0,
                'must be between 1 and 65535, inclusive',
              ),
            );
          }
        });
      }
      if (
        old &&
        isObject(old.spec) &&
        old.spec.clusterIP &&
        spec.clusterIP !== old.spec.clusterIP
      ) {
        errors.push(
          fieldError.invalid(
            'spec.clusterIPs[0]',
            spec.clusterIP,
            'may not change once set',
          ),
        );
      }
      return errors;
    },
  },
  Secret: {
    nameRule: 'subdomain',
    returnsDeletedObject: false,
    prepareForCreate(o) {
      o.type ??= 'Opaque';
      foldStringData(o);
    },
    prepareForUpdate(o) {
      o.type ??= 'Opaque';
      foldStringData(o);
    },
    validate(o, old) {
      const errors: FieldError[] = [];
      if (old && old.type !== o.type) {
        errors.push(fieldError.invalid('type', o.type, 'field is immutable'));
      }
      if (old && old.immutable === true && !jsonEqual(o.data, old.data)) {
        errors.push(
          fieldError.forbidden(
            'data',
            'field is immutable when `immutable` is set',
          ),
        );
      }
      return errors;
    },
  },
  ConfigMap: {
    nameRule: 'subdomain',
    returnsDeletedObject: false,
    validate(o, old) {
      const errors: FieldError[] = [];
      const data = isObject(o.data) ? o.data : {};
      const binary = isObject(o.binaryData) ? o.binaryData : {};
      for (const key of Object.keys(data)) {
        if (key in binary) {
          errors.push(
            fieldError.invalid(
              'data',
              key,
              'duplicate of key present in binaryData',
            ),
          );
        }
      }
      if (
        old &&
        old.immutable === true &&
        (!jsonEqual(o.data, old.data) ||
          !jsonEqual(o.binaryData, old.binaryData))
      ) {
        errors.push(
          fieldError.forbidden(
            'data',
            'field is immutable when `immutable` is set',
          ),
        );
      }
      return errors;
    },
  },
  Event: {
    nameRule: 'pathSegment',
    returnsDeletedObject: false,
    validate(o) {
      const involved = isObject(o.involvedObject) ? o.involvedObject : {};
      const ns = isObject(o.metadata) ? o.metadata.namespace : undefined;
      if (involved.namespace && involved.namespace !== ns) {
        return [
          fieldError.invalid(
            'involvedObject.namespace',
            involved.namespace,
            'does not match event.namespace',
          ),
        ];
      }
      return [];
    },
  },
  StatefulSet: {
    nameRule: 'subdomain',
    returnsDeletedObject: true,
    prepareForCreate(o) {
      defaultStatefulSetSpec(obj(o, 'spec'));
      o.status = { replicas: 0, availableReplicas: 0 };
    },
    // Defaults apply to every write (the API server defaults what it decodes), so an update that
    // leaves a defaulted field out does not read as a change to an immutable one.
    prepareForUpdate(o) {
      defaultStatefulSetSpec(obj(o, 'spec'));
    },
    validate(o, old) {
      const spec = isObject(o.spec) ? o.spec : {};
      const template = isObject(spec.template) ? spec.template : {};
      const errors = validateContainers(template.spec, 'spec.template.spec');
      if (!isObject(spec.selector)) {
        errors.push(fieldError.required('spec.selector'));
      } else if (
        !selectorMatches(
          spec.selector,
          isObject(template.metadata) ? template.metadata.labels : undefined,
        )
      ) {
        errors.push(
          fieldError.invalid(
            'spec.template.metadata.labels',
            isObject(template.metadata) ? template.metadata.labels ?? {} : {},
            '`selector` does not match template `labels`',
          ),
        );
      }
      if (old) {
        const strip = (s: unknown) => {
          const c = structuredClone(isObject(s) ? s : {});
          STATEFULSET_MUTABLE.forEach(k => delete c[k]);
          return c;
        };
        if (!jsonEqual(strip(o.spec), strip(old.spec))) {
          errors.push(
            fieldError.forbidden(
              'spec',
              "updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden",
            ),
          );
        }
      }
      return errors;
    },
  },
};

function foldStringData(o: JsonObject) {
  if (isObject(o.stringData)) {
    const data = obj(o, 'data');
    for (const [k, v] of Object.entries(o.stringData)) {
      data[k] = Buffer.from(String(v)).toString('base64');
    }
    delete o.stringData;
  }
}

/** The strategy of custom resources: names are DNS subdomains, DELETE returns the object. */
export const CUSTOM_RESOURCE_STRATEGY: Strategy = {
  nameRule: 'subdomain',
  returnsDeletedObject: true,
};

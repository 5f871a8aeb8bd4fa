import { InputError } from '@backstage/errors';
import {
  ANNOTATION_CLONED_FROM,
  ANNOTATION_EXPIRES_AT,
} from '@k8s-kafka/plugin-kafka-clusters-common';
import { OperatorFacts } from '../facts';
import { findReferences } from '../references';
import {
  ENVIRONMENT_ANNOTATIONS,
  ENVIRONMENT_LABELS,
  RenderedObject,
  RequiredSecret,
} from '../render/environment';
import { RenderedFile, toFiles } from '../render/files';
import { copy, diffJson } from './json';
import { renameObject, renaming } from './rename';
import {
  CloneChange,
  CloneObjectNote,
  CloneSpec,
  CloneStep,
  CloneTransform,
  OperatorCloneRules,
  SourceAddress,
  SourceObject,
} from './types';

/**
 * The annotations a clone carries.
 *
 * @public
 */
export const CLONE_ANNOTATIONS = {
  /** `<cluster>/<namespace>/<Kind>/<name>@<generation>` of the object it was cloned from. */
  clonedFrom: ANNOTATION_CLONED_FROM,
  /** ISO time after which an ephemeral clone may be removed. */
  expiresAt: ANNOTATION_EXPIRES_AT,
  /** On what a clone adds to replicate data (not configuration of the source). */
  clonePart: 'k8s-kafka.io/clone-part',
} as const;

/** The file of the clone record, beside the resources (not a Kubernetes object: never applied). */
export const CLONE_RECORD_FILE = 'clone-record.json';

/**
 * What promote and expiry need to know about a clone: where it came from, every transform
 * applied (with the source's values), what was left out and added, and how it is delivered.
 *
 * @public
 */
export interface CloneRecord {
  apiVersion: 'k8s-kafka.io/v1alpha1';
  kind: 'KafkaEnvironmentClone';
  source: CloneSpec['source'];
  target: CloneSpec['target'];
  profile: CloneSpec['profile'];
  expiresAt?: string;
  delivery?: string;
  data?: { topics: string[]; groups: string[]; source: SourceAddress };
  transforms: CloneTransform[];
  dropped: CloneObjectNote[];
  added: CloneObjectNote[];
}

/**
 * A clone's resources, files (as create writes them, plus the clone record), the Secrets it
 * needs (named, never copied), warnings and a readable diff against its source.
 *
 * @public
 */
export interface ClonedEnvironment {
  objects: RenderedObject[];
  files: RenderedFile[];
  requiredSecrets: RequiredSecret[];
  warnings: string[];
  diff: string;
  record: CloneRecord;
}

// Fields the API server or the controllers write; a clone starts without them.
const SERVER_METADATA = [
  'uid',
  'resourceVersion',
  'generation',
  'creationTimestamp',
  'deletionTimestamp',
  'deletionGracePeriodSeconds',
  'managedFields',
  'ownerReferences',
  'finalizers',
  'selfLink',
  'generateName',
];
// What kubectl and GitOps agents add to track what they applied.
const TRACKING_ANNOTATIONS = [
  'kubectl.kubernetes.io/last-applied-configuration',
  'argocd.argoproj.io/tracking-id',
];
const TRACKING_LABELS = [
  'kustomize.toolkit.fluxcd.io/name',
  'kustomize.toolkit.fluxcd.io/namespace',
];

function strip(
  object: SourceObject,
  rules: OperatorCloneRules,
): RenderedObject {
  const { metadata, status: _status, ...rest } = copy(object);
  const drop = (
    map: Record<string, string> | undefined,
    keys: readonly string[],
  ) => {
    const out = Object.fromEntries(
      Object.entries(map ?? {}).filter(([k]) => !keys.includes(k)),
    );
    return Object.keys(out).length > 0 ? out : undefined;
  };
  const labels = drop(metadata.labels, TRACKING_LABELS);
  const annotations = drop(metadata.annotations, [
    ...TRACKING_ANNOTATIONS,
    ...rules.dropAnnotations,
  ]);
  const kept = Object.fromEntries(
    Object.entries(metadata).filter(
      ([k]) =>
        !SERVER_METADATA.includes(k) && k !== 'labels' && k !== 'annotations',
    ),
  );
  const { apiVersion, kind, spec, ...others } = rest;
  return {
    apiVersion,
    kind,
    metadata: {
      ...(kept as { name: string; namespace: string }),
      ...(labels ? { labels } : {}),
      ...(annotations ? { annotations } : {}),
    },
    spec: (spec ?? {}) as Record<string, unknown>,
    ...others,
  };
}

const idOf = (o: {
  kind: string;
  metadata: { name: string; namespace?: string };
}) => `${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`;

/**
 * The objects of `objects` that belong to the Kafka `root` by the operators' reference maps: what
 * points at a member (a topic at its Kafka, a connector at its Connect), and what a member points
 * at (a Kafka's KRaft controllers), but never another Kafka.
 */
export function environmentOf(
  root: SourceObject,
  objects: readonly SourceObject[],
  facts: readonly OperatorFacts[],
): SourceObject[] {
  // Keys by which a reference reaches an object: its name, and each of its Services.
  const keysOf = (o: SourceObject) => {
    const ns = o.metadata.namespace ?? '';
    const owner = facts.find(f => o.apiVersion.startsWith(`${f.group}/`));
    return [
      `${o.kind}/${ns}/${o.metadata.name}`,
      ...(owner?.serviceNames(o.kind, o) ?? []).map(
        s => `${o.kind}/${ns}/svc:${s}`,
      ),
    ];
  };
  const targetKey = (r: ReturnType<typeof findReferences>[number]) =>
    r.to.via === 'name'
      ? `${r.to.kind}/${r.to.namespace}/${r.to.name}`
      : `${r.to.kind}/${r.to.namespace}/svc:${r.to.service}`;
  const entries = objects.map(o => ({
    object: o,
    keys: keysOf(o),
    targets: findReferences(o, facts).map(targetKey),
  }));
  const memberKeys = new Set<string>();
  const wanted = new Set<string>();
  const members: SourceObject[] = [];
  const added = new Set<SourceObject>();
  const add = (e: (typeof entries)[number]) => {
    members.push(e.object);
    added.add(e.object);
    e.keys.forEach(k => memberKeys.add(k));
    e.targets.forEach(k => wanted.add(k));
  };
  add(entries.find(e => e.object === root)!);
  let grew = true;
  while (grew) {
    grew = false;
    for (const e of entries) {
      if (added.has(e.object)) continue;
      const pointsIn = e.targets.some(k => memberKeys.has(k));
      const pointedAt =
        e.object.kind !== root.kind && e.keys.some(k => wanted.has(k));
      if (pointsIn || pointedAt) {
        add(e);
        grew = true;
      }
    }
  }
  return members;
}

function kindOrder(facts: OperatorFacts, kind: string): number {
  const i = facts.kinds.findIndex(k => k.kind === kind);
  return i === -1 ? facts.kinds.length : i;
}

/** Topic names chosen by names and `*` patterns, each of which must match a topic of the source. */
export function chooseTopics(
  patterns: readonly string[],
  topics: readonly string[],
): string[] {
  const chosen = new Set<string>();
  for (const pattern of patterns) {
    const re = new RegExp(
      `^${pattern
        .split('*')
        .map(s => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
        .join('.*')}$`,
    );
    const matched = topics.filter(t => re.test(t));
    if (matched.length === 0) {
      throw new InputError(
        `data.topics: '${pattern}' matches no topic of the source (its topics: ${
          topics.join(', ') || 'none'
        })`,
      );
    }
    matched.forEach(t => chosen.add(t));
  }
  return [...chosen].sort();
}

function sourceRef(spec: CloneSpec, object: SourceObject): string {
  const { source } = spec;
  const where = source.kubernetesCluster
    ? `${source.kubernetesCluster}/${
        object.metadata.namespace ?? source.namespace
      }`
    : `${source.repoUrl ?? 'workspace'}#${source.path ?? ''}`;
  const generation = object.metadata.generation;
  return `${where}/${object.kind}/${object.metadata.name}${
    typeof generation === 'number' ? `@${generation}` : ''
  }`;
}

const STEP_LABELS: Record<CloneStep, string> = {
  'strip-server-fields': 'server-owned',
  rename: 'renamed',
  'ephemeral-size': 'ephemeral size',
  'drop-external-access': 'external access dropped',
  'stop-connector': 'connector kept stopped',
  ownership: 'ownership',
  'data-replication': 'data replication',
};

// A map shows its keys and a list its length: the record holds the values.
function show(value: unknown): string {
  if (Array.isArray(value) && value.some(v => v && typeof v === 'object'))
    return `[${value.length} items]`;
  if (value && typeof value === 'object' && !Array.isArray(value))
    return `{${Object.keys(value).join(', ')}}`;
  const text = JSON.stringify(value);
  return text.length > 100 ? `${text.slice(0, 97)}...` : text;
}

/**
 * Clones a Kafka environment: the Kafka named by `spec.source` and everything that belongs to
 * it, stripped of what the server owns, renamed and moved consistently, sized down, without
 * external access and connectors unless asked, owned by the clone, plus the replication of the
 * chosen topics. Pure: the same objects and spec give the same bytes.
 *
 * @throws InputError for a source Kafka that is not among the objects, a topic pattern that
 * matches nothing, or a source the clone cannot reach.
 * @public
 */
export function cloneEnvironment(
  objects: readonly SourceObject[],
  spec: CloneSpec,
  rules: OperatorCloneRules,
  allFacts: readonly OperatorFacts[],
): ClonedEnvironment {
  const { facts } = rules;
  const isOurs = (o: SourceObject) =>
    o.apiVersion.startsWith(`${facts.group}/`);
  const kafkas = objects.filter(
    o => isOurs(o) && o.kind === facts.presenceKind,
  );
  const root = kafkas.find(
    o =>
      o.metadata.name === spec.source.name &&
      (o.metadata.namespace ?? spec.source.namespace) === spec.source.namespace,
  );
  if (!root) {
    throw new InputError(
      `The source has no ${facts.title} Kafka '${
        spec.source.name
      }' in namespace '${spec.source.namespace}' (found: ${
        kafkas.map(k => k.metadata.name).join(', ') || 'none'
      })`,
    );
  }
  if (
    spec.source.kubernetesCluster === spec.target.kubernetesCluster &&
    spec.source.namespace === spec.target.namespace
  ) {
    throw new InputError(
      `The clone must go to another namespace or Kubernetes cluster than its source (${spec.source.namespace} on ${spec.source.kubernetesCluster})`,
    );
  }
  // An environment lives in one namespace; what it references elsewhere stays where it is.
  const inNamespace = objects
    .filter(isOurs)
    .map(o => ({
      ...o,
      metadata: {
        ...o.metadata,
        namespace: o.metadata.namespace ?? spec.source.namespace,
      },
    }))
    .filter(o => o.metadata.namespace === spec.source.namespace);
  const rootIn = inNamespace.find(
    o => o.kind === root.kind && o.metadata.name === root.metadata.name,
  )!;
  const members = environmentOf(rootIn, inNamespace, allFacts).sort(
    (a, b) =>
      kindOrder(facts, a.kind) - kindOrder(facts, b.kind) ||
      a.metadata.name.localeCompare(b.metadata.name),
  );

  const services = new Set(
    members.flatMap(m =>
      facts.serviceNames(m.kind, m).map(s => `${s}/${m.metadata.namespace}`),
    ),
  );
  const r = renaming({
    fromNamespace: spec.source.namespace,
    toNamespace: spec.target.namespace,
    fromKafka: spec.source.name,
    toKafka: spec.target.name,
    services,
  });
  const memberIds = new Set(members.map(idOf));

  const transforms: CloneTransform[] = [];
  const dropped: CloneObjectNote[] = [];
  const warnings: string[] = [];
  // Transforms are recorded under the source object's name, whatever the clone calls it.
  const recorderFor =
    (sourceName: string) =>
    (
      step: CloneStep,
      before: RenderedObject,
      after: RenderedObject,
      changes?: CloneChange[],
    ) => {
      const found = changes ?? diffJson(before, after);
      if (found.length > 0) {
        transforms.push({
          step,
          kind: before.kind,
          name: sourceName,
          changes: found,
        });
      }
      return after;
    };

  const environmentId = `${spec.target.kubernetesCluster}/${spec.target.namespace}/${spec.target.name}`;
  const rootLabels = root.metadata.labels ?? {};
  const rootAnnotations = root.metadata.annotations ?? {};
  const service = spec.service ?? rootLabels[ENVIRONMENT_LABELS.kubernetesId];
  const owner = spec.owner ?? rootAnnotations[ENVIRONMENT_ANNOTATIONS.owner];
  // Metadata in the order a reader expects: name, namespace, labels, annotations.
  const ownership = (
    object: RenderedObject,
    from: string | undefined,
  ): RenderedObject => {
    const { name, namespace, labels, annotations, ...rest } = object.metadata;
    const withService =
      service || labels
        ? {
            labels: {
              ...labels,
              ...(service
                ? { [ENVIRONMENT_LABELS.kubernetesId]: service }
                : {}),
            },
          }
        : {};
    return {
      ...object,
      metadata: {
        name,
        namespace,
        ...withService,
        annotations: {
          ...annotations,
          ...(owner ? { [ENVIRONMENT_ANNOTATIONS.owner]: owner } : {}),
          [ENVIRONMENT_ANNOTATIONS.environmentId]: environmentId,
          // A clone of a clone names the environment the configuration first came from.
          [CLONE_ANNOTATIONS.clonedFrom]:
            annotations?.[CLONE_ANNOTATIONS.clonedFrom] ?? from ?? '',
          ...(spec.expiresAt
            ? { [CLONE_ANNOTATIONS.expiresAt]: spec.expiresAt }
            : {}),
        },
        ...rest,
      },
    };
  };

  let clone: RenderedObject[] = [];
  const sourceNames = new Map<string, string>();
  for (const member of members) {
    const note = (reason: string) =>
      dropped.push({ kind: member.kind, name: member.metadata.name, reason });
    if (member.metadata.annotations?.[CLONE_ANNOTATIONS.clonePart]) {
      note('added by an earlier clone to replicate its data');
      continue;
    }
    if (rules.replicationKinds.includes(member.kind)) {
      note(
        'replicates data into the source from elsewhere; a clone takes its data from the data option',
      );
      warnings.push(
        `${member.kind} ${member.metadata.name} is not cloned: it replicates data into the source from elsewhere (use the data option for the clone's data)`,
      );
      continue;
    }
    if (
      member.kind === rules.connectorKind &&
      !spec.connectors.includes(member.metadata.name)
    ) {
      note(
        'a connector reads or writes external systems; list it in connectors to keep it',
      );
      continue;
    }
    const record = recorderFor(member.metadata.name);
    const stripped = strip(member, rules);
    const strippedPaths = diffJson(member, stripped).map(c => ({
      path: c.path,
    }));
    record('strip-server-fields', stripped, stripped, strippedPaths);
    let object = record(
      'rename',
      stripped,
      renameObject(stripped, r, allFacts, {
        isMember: (kind, name, namespace) =>
          memberIds.has(`${kind}/${namespace}/${name}`),
        keepName: member.kind === rules.topicKind,
        generatedSecretKeys: rules.generatedSecretKeys,
      }),
    );
    if (spec.profile === 'ephemeral') {
      object = record('ephemeral-size', object, rules.ephemeral(object));
    }
    if (!spec.keepExternalAccess) {
      object = record(
        'drop-external-access',
        object,
        rules.dropExternalAccess(object),
      );
    }
    if (member.kind === rules.connectorKind) {
      const kept = rules.keepConnector(object);
      warnings.push(...kept.warnings);
      object = record('stop-connector', object, kept.object);
    }
    object = record(
      'ownership',
      object,
      ownership(object, sourceRef(spec, member)),
    );
    sourceNames.set(idOf(object), member.metadata.name);
    clone.push(object);
  }
  for (const name of spec.connectors) {
    if (
      !members.some(
        m => m.kind === rules.connectorKind && m.metadata.name === name,
      )
    ) {
      throw new InputError(
        `connectors: '${name}' is not a ${
          rules.connectorKind
        } of the source (its connectors: ${
          members
            .filter(m => m.kind === rules.connectorKind)
            .map(m => m.metadata.name)
            .join(', ') || 'none'
        })`,
      );
    }
  }

  const added: CloneObjectNote[] = [];
  const requiredSecrets: RequiredSecret[] = [];
  let data: CloneRecord['data'];
  if (spec.data && spec.data.topics.length > 0) {
    const sourceTopics = members
      .filter(m => m.kind === rules.topicKind)
      .map(m => rules.topicName(m as unknown as RenderedObject));
    const topics = chooseTopics(spec.data.topics, sourceTopics);
    const mirror = rules.mirror({
      spec: { ...spec, data: spec.data },
      sourceKafka: root,
      sourceEnvironment: members,
      clone,
      topics,
      sameKubernetesCluster:
        spec.source.kubernetesCluster !== undefined &&
        spec.source.kubernetesCluster === spec.target.kubernetesCluster,
      metadata: name =>
        ownership(
          {
            apiVersion: '',
            kind: '',
            metadata: {
              name,
              namespace: spec.target.namespace,
              annotations: { [CLONE_ANNOTATIONS.clonePart]: 'data' },
            },
            spec: {},
          },
          sourceRef(spec, root),
        ).metadata,
    });
    for (const replacement of mirror.replaced) {
      const i = clone.findIndex(o => idOf(o) === idOf(replacement));
      if (i !== -1) {
        recorderFor(sourceNames.get(idOf(clone[i])) ?? clone[i].metadata.name)(
          'data-replication',
          clone[i],
          replacement,
        );
        clone[i] = replacement;
      }
    }
    for (const removed of mirror.removed) {
      clone = clone.filter(
        o => !(o.kind === removed.kind && o.metadata.name === removed.name),
      );
      dropped.push(removed);
    }
    for (const object of mirror.objects) {
      added.push({
        kind: object.kind,
        name: object.metadata.name,
        reason: `replicates ${topics.join(', ')} from the source`,
      });
    }
    clone.push(...mirror.objects);
    requiredSecrets.push(...mirror.requiredSecrets);
    warnings.push(...mirror.warnings);
    data = {
      topics,
      groups: spec.data.groups ?? [],
      source: mirror.source,
    };
  }

  for (const secret of rules.requiredSecrets(clone)) {
    if (!requiredSecrets.some(s => s.name === secret.name))
      requiredSecrets.push(secret);
  }
  requiredSecrets.sort((a, b) => a.name.localeCompare(b.name));

  const cloneRecord: CloneRecord = {
    apiVersion: 'k8s-kafka.io/v1alpha1',
    kind: 'KafkaEnvironmentClone',
    source: spec.source,
    target: spec.target,
    profile: spec.profile,
    ...(spec.expiresAt ? { expiresAt: spec.expiresAt } : {}),
    ...(spec.delivery ? { delivery: spec.delivery } : {}),
    ...(data ? { data } : {}),
    transforms,
    dropped,
    added,
  };
  return {
    objects: clone,
    files: [
      ...toFiles(clone, spec.target.namespace),
      {
        path: CLONE_RECORD_FILE,
        content: `${JSON.stringify(cloneRecord, null, 2)}\n`,
      },
    ],
    requiredSecrets,
    warnings,
    diff: diffText(spec, cloneRecord, members),
    record: cloneRecord,
  };
}

function diffText(
  spec: CloneSpec,
  record: CloneRecord,
  members: readonly SourceObject[],
): string {
  const lines = [
    `Clone of ${spec.source.namespace}/${spec.source.name}${
      spec.source.kubernetesCluster
        ? ` on ${spec.source.kubernetesCluster}`
        : ''
    } as ${spec.target.namespace}/${spec.target.name} on ${
      spec.target.kubernetesCluster
    } (${spec.profile} profile${
      spec.expiresAt ? `, expires ${spec.expiresAt}` : ''
    })`,
  ];
  const stripped = new Set<string>();
  for (const member of members) {
    const note = record.dropped.find(
      d => d.kind === member.kind && d.name === member.metadata.name,
    );
    if (note) {
      lines.push(
        `- ${member.kind} ${member.metadata.name}: not cloned (${note.reason})`,
      );
      continue;
    }
    const steps = record.transforms.filter(
      t => t.kind === member.kind && t.name === member.metadata.name,
    );
    lines.push(`~ ${member.kind} ${member.metadata.name}`);
    for (const step of steps) {
      if (step.step === 'strip-server-fields') {
        step.changes.forEach(c => stripped.add(c.path));
        continue;
      }
      // Later steps see the renamed object: say how each changed it.
      for (const change of step.changes) {
        lines.push(
          `    ${STEP_LABELS[step.step]}: ${change.path}: ${
            change.from === undefined ? '(none)' : show(change.from)
          } -> ${change.to === undefined ? '(removed)' : show(change.to)}`,
        );
      }
    }
  }
  for (const note of record.added) {
    lines.push(`+ ${note.kind} ${note.name}: added (${note.reason})`);
  }
  if (stripped.size > 0) {
    lines.push(
      `Server-owned fields left out of every object: ${[...stripped]
        .sort()
        .join(', ')}`,
    );
  }
  return `${lines.join('\n')}\n`;
}

import { findReferences } from '../references';
import { OperatorFacts } from '../facts';
import { RenderedObject } from '../render/environment';
import { copy, getAt, mapKeyedStrings, mapStrings, setAt } from './json';

/**
 * How the clone names what it copies: the Kafka gets its new name, every name that starts with
 * the Kafka's (`orders-kafka-connect`, Strimzi's `orders-kafka-cluster-ca-cert`) follows it, and
 * everything moves to the clone's namespace. Topic names never change: they are the Kafka topic
 * names that clients and mirroring use.
 */
export interface Renaming {
  fromNamespace: string;
  toNamespace: string;
  name(name: string): string;
  /** The clone's name of a Service of the source's environment, `undefined` when not one. */
  service(service: string, namespace: string): string | undefined;
}

export function renaming(options: {
  fromNamespace: string;
  toNamespace: string;
  fromKafka: string;
  toKafka: string;
  /** `service/namespace` of every Service the environment's objects get. */
  services: ReadonlySet<string>;
}): Renaming {
  const { fromKafka, toKafka } = options;
  const name = (n: string) => {
    if (fromKafka === toKafka) return n;
    if (n === fromKafka) return toKafka;
    return n.startsWith(`${fromKafka}-`)
      ? `${toKafka}${n.slice(fromKafka.length)}`
      : n;
  };
  return {
    fromNamespace: options.fromNamespace,
    toNamespace: options.toNamespace,
    name,
    service: (service, namespace) =>
      options.services.has(`${service}/${namespace}`)
        ? name(service)
        : undefined,
  };
}

const ENTRY = /^(\s*(?:[a-z][a-z0-9+._-]*:\/\/)?)([^:/\s,]+)(.*)$/i;

/**
 * Rewrites the in-cluster addresses of a `host:port` list or URL that name a Service of the
 * environment, keeping their form (`svc`, `svc.ns`, `svc.ns.svc.cluster.local`, a pod in front).
 */
export function rewriteAddresses(
  value: string,
  holderNamespace: string,
  r: Renaming,
): string {
  return value
    .split(',')
    .map(entry => {
      const m = ENTRY.exec(entry);
      if (!m) return entry;
      const labels = m[2].split('.');
      const svc = labels.findIndex(
        (l, i) => l.toLowerCase() === 'svc' && i >= 2,
      );
      let service: string;
      let namespace: string;
      let at: number;
      if (svc >= 2) {
        [service, namespace, at] = [labels[svc - 2], labels[svc - 1], svc - 2];
      } else if (labels.length <= 2 && !/^[\d]+$/.test(labels[0])) {
        [service, namespace, at] = [labels[0], labels[1] ?? holderNamespace, 0];
      } else {
        return entry;
      }
      const renamed = r.service(service.toLowerCase(), namespace.toLowerCase());
      if (!renamed || namespace.toLowerCase() !== r.fromNamespace) return entry;
      const out = [...labels];
      out[at] = renamed;
      if (labels.length > at + 1) out[at + 1] = r.toNamespace;
      return `${m[1]}${out.join('.')}${m[3]}`;
    })
    .join(',');
}

// `<svc>.<ns>.svc` anywhere in a free-form string (configOverrides lines, connector configs).
const FQDN =
  /\b([a-z0-9](?:[-a-z0-9]*[a-z0-9])?)\.([a-z0-9](?:[-a-z0-9]*[a-z0-9])?)\.svc\b/g;

function rewriteFqdns(value: string, r: Renaming): string {
  return value.replace(FQDN, (whole, service: string, namespace: string) => {
    if (namespace !== r.fromNamespace) return whole;
    const renamed = r.service(service, namespace);
    return renamed ? `${renamed}.${r.toNamespace}.svc` : whole;
  });
}

/**
 * An object under its clone's name and namespace, with every reference of the operator's
 * reference map that reaches the environment rewritten, every other in-cluster DNS name of the
 * environment's Services too, and the Secrets the operator generates renamed with their owners.
 */
export function renameObject(
  object: RenderedObject,
  r: Renaming,
  facts: readonly OperatorFacts[],
  options: {
    isMember(kind: string, name: string, namespace: string): boolean;
    keepName: boolean;
    generatedSecretKeys: readonly string[];
  },
): RenderedObject {
  const out = copy(object);
  for (const ref of findReferences(object, facts)) {
    const { to } = ref;
    if (to.via === 'name') {
      if (!options.isMember(to.kind, to.name, to.namespace)) continue;
      setAt(out, ref.path, r.name(to.name));
      const nsField = ref.reference.points.namespaceField;
      if (nsField) {
        const nsPath = [...ref.path.slice(0, -1), nsField[nsField.length - 1]];
        if (typeof getAt(out, nsPath) === 'string')
          setAt(out, nsPath, r.toNamespace);
      }
    } else {
      const current = getAt(out, ref.path);
      if (typeof current === 'string') {
        setAt(
          out,
          ref.path,
          rewriteAddresses(current, object.metadata.namespace, r),
        );
      }
    }
  }
  const spec = mapKeyedStrings(
    mapStrings(out.spec, s => rewriteFqdns(s, r)),
    options.generatedSecretKeys,
    r.name,
  );
  return {
    ...out,
    metadata: {
      ...out.metadata,
      name: options.keepName
        ? object.metadata.name
        : r.name(object.metadata.name),
      namespace: r.toNamespace,
    },
    spec,
  };
}

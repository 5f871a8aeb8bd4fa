import { ObjectApi } from '../cluster/objectApi';
import { asObject, asObjectList, isObject } from '../types';
import { CFK_API, CFK_GROUP } from './cfk/kinds';
import type { SimContext } from './context';
import { STRIMZI_GROUP } from './strimzi/names';

/*
 * What a Kafka client of the simulated operators (a ClusterLink's destination, MirrorMaker 2's
 * workers) reaches: the listeners Kafka CRs report in status, in the client's own cluster by
 * Service DNS name, and across the fleet by the address an external listener reports. A
 * connection succeeds when the address resolves to a listener whose Kafka answers (a broker
 * ready), with the TLS and the authentication the listener asks for; otherwise it fails with the
 * Kafka client's message for that failure.
 */

/** How a client authenticates (or what a listener accepts): none, a TLS client certificate, a SASL mechanism. @public */
export type KafkaAuthentication = 'none' | 'mtls' | `sasl:${string}`;

/** One address a Kafka listener answers on, as its Kafka CR's status reports it. @public */
export interface ListenerAddress {
  /** The sandbox cluster the Kafka runs on. */
  cluster: string;
  operator: 'cfk' | 'strimzi';
  namespace: string;
  kafka: string;
  listener: string;
  host: string;
  port: number;
  /** Reachable from every cluster of the fleet: a load balancer, an ingress host, CFK's `externalEndpoint`. */
  external: boolean;
  tls: boolean;
  /** What the listener accepts from clients. */
  authentication: KafkaAuthentication[];
  /** A broker of the Kafka is ready: connections are answered. */
  serving: boolean;
  /** The Kafka's cluster ID (Strimzi `status.clusterId`, CFK `status.clusterID`). */
  clusterId?: string;
}

/**
 * What a cluster's simulator can learn from the rest of its fleet: the addresses external
 * listeners of every cluster report (its own included), which any cluster can reach.
 * @public
 */
export interface FleetNetwork {
  externalListeners(): ListenerAddress[];
}

/** What the listeners of a cluster are read from. */
export interface NetworkView {
  name: string;
  api: ObjectApi;
  storedAt(group: string, kind: string): string | undefined;
}

/** A client's connection settings: its bootstrap servers, TLS and authentication. */
export interface KafkaClient {
  bootstrapServers?: string;
  tls: boolean;
  authentication: KafkaAuthentication;
}

/** A connection that failed: the Kafka client's exception and message. */
export interface ConnectionFailure {
  exception: string;
  message: string;
}

export type Connection =
  | { ok: true; listener: ListenerAddress }
  | ({ ok: false } & ConnectionFailure);

const obj = asObject;
const list = asObjectList;

const INTERNAL_HOST = /\.svc(\.cluster\.local)?\.?$/;

/** Strimzi's listener authentication, as what it accepts (`tls` client certificates, SCRAM, OAuth, custom SASL). */
function strimziAccepts(
  listener: Record<string, unknown>,
): KafkaAuthentication[] {
  const auth = obj(listener.authentication);
  switch (auth.type) {
    case 'tls':
      return ['mtls'];
    case 'scram-sha-512':
      return ['sasl:SCRAM-SHA-512'];
    case 'oauth':
      return [
        'sasl:OAUTHBEARER',
        ...(auth.enablePlain === true ? (['sasl:PLAIN'] as const) : []),
      ];
    case 'custom':
      return ['sasl:*'];
    default:
      // Without authentication a TLS listener does not ask for a certificate: one offered is ignored.
      return listener.tls === true ? ['none', 'mtls'] : ['none'];
  }
}

/** CFK's listener authentication types (`plain` and `ldap` are SASL/PLAIN, `oauth` and `bearer` OAUTHBEARER). */
function cfkAccepts(listener: Record<string, unknown>): KafkaAuthentication[] {
  const tls = obj(listener.tls).enabled === true;
  switch (obj(listener.authentication).type) {
    case 'mtls':
      return ['mtls'];
    case 'plain':
    case 'ldap':
      return ['sasl:PLAIN'];
    case 'oauth':
    case 'bearer':
      return ['sasl:OAUTHBEARER'];
    case 'digest':
      return ['sasl:DIGEST-MD5'];
    default:
      return tls ? ['none', 'mtls'] : ['none'];
  }
}

/** `host:port` split; undefined when the port is missing. */
function hostPort(address: string): { host: string; port: number } | undefined {
  const match = /^\[?([^\]]+?)\]?:(\d+)$/.exec(address.trim());
  return match
    ? { host: match[1].toLowerCase(), port: Number(match[2]) }
    : undefined;
}

function strimziAddresses(view: NetworkView): ListenerAddress[] {
  const api = view.storedAt(STRIMZI_GROUP, 'Kafka');
  if (!api) return [];
  return view.api.list(api, 'Kafka').flatMap(kafka => {
    const namespace = String(kafka.metadata.namespace);
    const name = String(kafka.metadata.name);
    const status = obj(kafka.status);
    const serving =
      !kafka.metadata.deletionTimestamp &&
      view.api
        .list('v1', 'Pod', namespace, {
          labelSelector: `strimzi.io/cluster=${name},strimzi.io/kind=Kafka,strimzi.io/broker-role=true`,
        })
        .some(pod =>
          list(obj(pod.status).conditions).some(
            c => c.type === 'Ready' && c.status === 'True',
          ),
        );
    const spec = new Map(
      list(obj(obj(kafka.spec).kafka).listeners).map(l => [String(l.name), l]),
    );
    return list(status.listeners).flatMap(reported => {
      const listener = spec.get(String(reported.name));
      if (!listener) return [];
      return list(reported.addresses).map(
        (a): ListenerAddress => ({
          cluster: view.name,
          operator: 'strimzi',
          namespace,
          kafka: name,
          listener: String(reported.name),
          host: String(a.host).toLowerCase(),
          port: Number(a.port),
          external: !INTERNAL_HOST.test(String(a.host)),
          tls: listener.tls === true,
          authentication: strimziAccepts(listener),
          serving,
          ...(typeof status.clusterId === 'string'
            ? { clusterId: status.clusterId }
            : {}),
        }),
      );
    });
  });
}

function cfkAddresses(view: NetworkView): ListenerAddress[] {
  if (!view.storedAt(CFK_GROUP, 'Kafka')) return [];
  return view.api.list(CFK_API, 'Kafka').flatMap(kafka => {
    const status = obj(kafka.status);
    const serving =
      !kafka.metadata.deletionTimestamp &&
      status.phase === 'RUNNING' &&
      Number(status.readyReplicas ?? 0) > 0;
    const spec = obj(obj(kafka.spec).listeners);
    return Object.entries(obj(status.listeners)).flatMap(([name, value]) => {
      const reported = obj(value);
      const listener = obj(spec[name]);
      return [
        [reported.internalEndpoint, false],
        [reported.externalEndpoint, true],
      ].flatMap(([endpoint, external]) => {
        const at =
          typeof endpoint === 'string' ? hostPort(endpoint) : undefined;
        if (!at) return [];
        return [
          {
            cluster: view.name,
            operator: 'cfk' as const,
            namespace: String(kafka.metadata.namespace),
            kafka: String(kafka.metadata.name),
            listener: name,
            ...at,
            external: external === true,
            tls: obj(listener.tls).enabled === true,
            authentication: cfkAccepts(listener),
            serving,
            ...(typeof status.clusterID === 'string'
              ? { clusterId: status.clusterID }
              : {}),
          },
        ];
      });
    });
  });
}

/** Every listener address the Kafka CRs of a cluster report in status (Strimzi and CFK). */
export function listenerAddresses(view: NetworkView): ListenerAddress[] {
  return [...strimziAddresses(view), ...cfkAddresses(view)];
}

/**
 * The Service a cluster-local name points at: `svc`, `svc.ns`, `svc.ns.svc[.cluster.local]`, or a
 * pod's `pod.svc.ns.svc[.cluster.local]`; the client's namespace when the name has none.
 */
function serviceOf(
  host: string,
  namespace: string,
): { service: string; namespace: string } | undefined {
  const qualified = INTERNAL_HOST.test(host);
  const labels = host.replace(INTERNAL_HOST, '').split('.');
  if (labels.length === 1) return { service: labels[0], namespace };
  if (labels.length === 2) return { service: labels[0], namespace: labels[1] };
  if (labels.length === 3 && qualified)
    return { service: labels[1], namespace: labels[2] };
  return undefined;
}

const sameService = (
  a: { service: string; namespace: string } | undefined,
  b: { service: string; namespace: string } | undefined,
) => !!a && !!b && a.service === b.service && a.namespace === b.namespace;

/** The Kafka client's failure when the listener asks for other TLS or authentication than the client's. */
function mismatch(
  listener: ListenerAddress,
  client: KafkaClient,
  address: string,
): ConnectionFailure | undefined {
  const node = `Connection to node -1 (${address}) failed authentication due to:`;
  if (client.tls && !listener.tls) {
    return {
      exception: 'org.apache.kafka.common.errors.SslAuthenticationException',
      message: `${node} SSL handshake failed`,
    };
  }
  if (!client.tls && listener.tls) {
    return {
      exception: 'org.apache.kafka.common.errors.DisconnectException',
      message: `Bootstrap broker ${address} (id: -1 rack: null) disconnected`,
    };
  }
  const accepted = listener.authentication;
  const auth = client.authentication;
  if (
    accepted.includes(auth) ||
    (accepted.includes('sasl:*') && auth.startsWith('sasl:'))
  ) {
    return undefined;
  }
  const mechanisms = accepted
    .filter(a => a.startsWith('sasl:'))
    .map(a => a.slice(5));
  if (accepted.includes('mtls') && !accepted.includes('none')) {
    // The listener asks for a client certificate the client does not present.
    return {
      exception: 'org.apache.kafka.common.errors.SslAuthenticationException',
      message: `${node} SSL handshake failed`,
    };
  }
  if (auth.startsWith('sasl:') && mechanisms.length) {
    return {
      exception:
        'org.apache.kafka.common.errors.UnsupportedSaslMechanismException',
      message: `${node} Client SASL mechanism '${auth.slice(
        5,
      )}' not enabled in the server, enabled mechanisms are [${mechanisms.join(
        ', ',
      )}]`,
    };
  }
  if (auth.startsWith('sasl:')) {
    return {
      exception: 'org.apache.kafka.common.errors.IllegalSaslStateException',
      message: `${node} Unexpected handshake request with client mechanism ${auth.slice(
        5,
      )}, enabled mechanisms are []`,
    };
  }
  return {
    exception: 'org.apache.kafka.common.errors.IllegalSaslStateException',
    message: `${node} Unexpected Kafka request of type METADATA during SASL handshake.`,
  };
}

/** One bootstrap address: resolved, answered, and agreeing on TLS and authentication. */
function attempt(
  view: NetworkView,
  known: ListenerAddress[],
  namespace: string,
  client: KafkaClient,
  address: string,
): Connection {
  const at = hostPort(address);
  if (!at) {
    return {
      ok: false,
      exception: 'org.apache.kafka.common.config.ConfigException',
      message: `Invalid url in bootstrap.servers: ${address}`,
    };
  }
  const wanted = serviceOf(at.host, namespace);
  const service = wanted
    ? view.api.get('v1', 'Service', wanted.service, wanted.namespace)
    : undefined;
  const sameHost = known.filter(l =>
    l.external
      ? l.host === at.host
      : l.cluster === view.name &&
        sameService(serviceOf(l.host, l.namespace), wanted),
  );
  if (!service && !sameHost.length) {
    return {
      ok: false,
      exception: 'org.apache.kafka.common.config.ConfigException',
      message: `Couldn't resolve server ${address} from bootstrap.servers as DNS resolution failed for ${at.host}`,
    };
  }
  const answering = sameHost.filter(l => l.port === at.port && l.serving);
  if (!answering.length) {
    const ip = obj(service?.spec).clusterIP;
    const shown =
      typeof ip === 'string' && ip !== 'None'
        ? `${at.host}/${ip}:${at.port}`
        : `${at.host}:${at.port}`;
    return {
      ok: false,
      exception: 'org.apache.kafka.common.errors.TimeoutException',
      message: `Connection to node -1 (${shown}) could not be established. Node may not be available.`,
    };
  }
  const listener = answering[0];
  const failure = mismatch(listener, client, `${at.host}:${at.port}`);
  return failure ? { ok: false, ...failure } : { ok: true, listener };
}

/**
 * Connects a client in `namespace` of the cluster `view` to its bootstrap servers: the first
 * address that connects wins; else the failure of the first address that resolved, else the
 * resolution failure, as the Kafka client tries them.
 */
export function connect(
  view: NetworkView,
  fleet: FleetNetwork | undefined,
  namespace: string,
  client: KafkaClient,
): Connection {
  const addresses = (client.bootstrapServers ?? '')
    .split(',')
    .map(a => a.trim())
    .filter(Boolean);
  if (!addresses.length) {
    return {
      ok: false,
      exception: 'org.apache.kafka.common.config.ConfigException',
      message:
        'Missing required configuration "bootstrap.servers" which has no default value.',
    };
  }
  const local = listenerAddresses(view);
  const known = [
    ...local,
    ...(fleet?.externalListeners() ?? []).filter(l => l.cluster !== view.name),
  ];
  const results = addresses.map(a =>
    attempt(view, known, namespace, client, a),
  );
  return (
    results.find(r => r.ok) ??
    results.find(
      r => !r.ok && !r.message.startsWith("Couldn't resolve server"),
    ) ??
    results[0]
  );
}

/** A Strimzi client's settings (KafkaMirrorMaker2 `target`, `mirrors[].source`, v1beta2 `clusters[]`). */
export function strimziClient(cluster: unknown): KafkaClient {
  const c = obj(cluster);
  const auth = obj(c.authentication);
  const sasl: Record<string, KafkaAuthentication> = {
    'scram-sha-256': 'sasl:SCRAM-SHA-256',
    'scram-sha-512': 'sasl:SCRAM-SHA-512',
    plain: 'sasl:PLAIN',
    oauth: 'sasl:OAUTHBEARER',
  };
  let authentication: KafkaAuthentication = 'none';
  if (auth.type === 'tls') authentication = 'mtls';
  else if (typeof auth.type === 'string' && sasl[auth.type])
    authentication = sasl[auth.type];
  else if (auth.type === 'custom')
    authentication =
      auth.sasl === true
        ? `sasl:${String(obj(auth.config)['sasl.mechanism'] ?? 'GSSAPI')}`
        : 'mtls';
  return {
    ...(typeof c.bootstrapServers === 'string'
      ? { bootstrapServers: c.bootstrapServers }
      : {}),
    tls: isObject(c.tls),
    authentication,
  };
}

/** One side of a CFK ClusterLink: `bootstrapEndpoint`, `tls.enabled`, `authentication.type`. */
export function cfkClient(side: unknown): KafkaClient {
  const s = obj(side);
  const sasl: Record<string, KafkaAuthentication> = {
    plain: 'sasl:PLAIN',
    oauth: 'sasl:OAUTHBEARER',
    oauthbearer: 'sasl:OAUTHBEARER',
    digest: 'sasl:DIGEST-MD5',
  };
  const type = obj(s.authentication).type;
  let authentication: KafkaAuthentication = 'none';
  if (type === 'mtls') authentication = 'mtls';
  else if (typeof type === 'string' && sasl[type]) authentication = sasl[type];
  return {
    ...(typeof s.bootstrapEndpoint === 'string'
      ? { bootstrapServers: s.bootstrapEndpoint }
      : {}),
    tls: obj(s.tls).enabled === true,
    authentication,
  };
}

/** The network view of a cluster the simulator runs on (or any sandbox cluster). */
export function networkView(cluster: {
  name: string;
  api: ObjectApi;
  servedVersions(
    group: string,
    kind: string,
  ): { versions: string[]; storage: string } | undefined;
}): NetworkView {
  return {
    name: cluster.name,
    api: cluster.api,
    storedAt: (group, kind) => {
      const served = cluster.servedVersions(group, kind);
      return served ? `${group}/${served.storage}` : undefined;
    },
  };
}

/** Connects a client of a simulated operator in `namespace` of the context's cluster. */
export function connectFrom(
  ctx: SimContext,
  namespace: string,
  client: KafkaClient,
): Connection {
  return connect(
    { name: ctx.clusterName, api: ctx.api, storedAt: ctx.storedAt },
    ctx.fleet,
    namespace,
    client,
  );
}

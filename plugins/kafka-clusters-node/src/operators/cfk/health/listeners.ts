import { KafkaListenerStatus } from '@k8s-kafka/plugin-kafka-clusters-common';
import { asObject, bool, get, list, num, str, strings } from '../../common/raw';

// Default ports of CFK's named listeners (CFK's docs); a status endpoint wins over them.
const DEFAULT_PORTS: Record<string, number> = {
  internal: 9071,
  external: 9092,
  replication: 9072,
};

function portOf(endpoint: string | undefined): number | undefined {
  const match = endpoint?.match(/:(\d+)$/);
  return match ? Number(match[1]) : undefined;
}

function specListeners(spec: unknown): Map<string, unknown> {
  const listeners = new Map<string, unknown>();
  for (const name of ['internal', 'external', 'replication']) {
    const listener = get(spec, 'listeners', name);
    if (asObject(listener)) {
      listeners.set(name, listener);
    }
  }
  for (const custom of list(get(spec, 'listeners', 'custom'))) {
    const name = str(get(custom, 'name'));
    if (name) {
      listeners.set(name, custom);
    }
  }
  return listeners;
}

/**
 * CFK listeners from spec and status. Only addresses, TLS and the authentication type are read:
 * `status.listeners.*.client` holds a ready-made client configuration and is never copied.
 */
export function projectCfkListeners(object: unknown): KafkaListenerStatus[] {
  const fromSpec = specListeners(get(object, 'spec'));
  const fromStatus = asObject(get(object, 'status', 'listeners')) ?? {};
  const names = [...new Set([...fromSpec.keys(), ...Object.keys(fromStatus)])];
  return names.map(name => {
    const spec = fromSpec.get(name);
    const status = fromStatus[name];
    const internal = str(get(status, 'internalEndpoint'));
    const listener: KafkaListenerStatus = { name };
    const type =
      str(get(status, 'externalAccessType')) ??
      str(get(spec, 'externalAccess', 'type')) ??
      (name === 'external' ? undefined : 'internal');
    const port =
      num(get(spec, 'port')) ?? portOf(internal) ?? DEFAULT_PORTS[name];
    const tls = bool(get(status, 'tls')) ?? bool(get(spec, 'tls', 'enabled'));
    const authentication =
      str(get(status, 'authenticationType')) ??
      str(get(spec, 'authentication', 'type')) ??
      (spec ? 'none' : undefined);
    const external = [
      str(get(status, 'externalEndpoint')),
      ...strings(get(status, 'advertisedExternalEndpoints')),
    ].filter((e): e is string => e !== undefined);
    if (type) listener.type = type;
    if (port !== undefined) listener.port = port;
    if (tls !== undefined) listener.tls = tls;
    if (authentication) listener.authentication = authentication;
    if (internal) listener.bootstrapServers = internal;
    if (external.length > 0)
      listener.externalAddresses = [...new Set(external)];
    return listener;
  });
}

/**
 * A failure injected into a simulated cluster. Each shows the way it shows on a real cluster:
 * through pods, PVCs, Events and the operators' status fields, never through a made-up phase.
 * @public
 */
export type SimulatorFault =
  /** A container killed again and again: restarts grow, CrashLoopBackOff, last state OOMKilled (exit 137) or Error (exit 1). */
  | {
      type: 'crashLoop';
      namespace: string;
      pod: string;
      reason?: 'OOMKilled' | 'Error';
    }
  /**
   * The pod's claims cannot be provisioned: PVC Pending with ProvisioningFailed events, the pod
   * Pending and unschedulable with FailedScheduling events. On an existing pod the pod and its
   * claims are replaced first (as when its node and local volumes are lost).
   */
  | {
      type: 'pvcPending';
      namespace: string;
      pod: string;
      /** The provisioner's message; default: the claim's storage class is not found. */
      message?: string;
    }
  /** The operator stops reconciling (a namespace, one resource by name, or everything): observedGeneration stays behind. */
  | { type: 'operatorStuck'; namespace?: string; name?: string }
  /**
   * Every pod of a resource (`app=<name>` or `strimzi.io/cluster=<name>`) goes unready: its
   * readiness probe fails (`Unhealthy` events, the default), or (`FailedMount`) the pods are
   * replaced and wait in ContainerCreating for a volume that cannot be mounted.
   */
  | {
      type: 'componentDown';
      namespace: string;
      name: string;
      reason?: 'Unhealthy' | 'FailedMount';
    }
  /** A task of a connector (CFK Connector or Strimzi KafkaConnector) fails. */
  | {
      type: 'connectorTaskFailed';
      namespace: string;
      name: string;
      task?: number;
      trace?: string;
    };

/** An injected fault with its id and when it started. @public */
export type ActiveFault = SimulatorFault & { id: string; since: string };

/** The id of a fault: its type and target, e.g. `crashLoop/orders/orders-kafka-broker-4`. @public */
export function faultId(fault: SimulatorFault): string {
  let target = '*';
  if ('pod' in fault) target = fault.pod;
  else if ('name' in fault && fault.name) target = fault.name;
  return `${fault.type}/${fault.namespace ?? '*'}/${target}`;
}

const TYPES = new Set([
  'crashLoop',
  'pvcPending',
  'operatorStuck',
  'componentDown',
  'connectorTaskFailed',
]);

/** Checks a fault read from JSON (the admin endpoint); throws a message naming what is wrong. */
export function parseFault(value: unknown): SimulatorFault {
  const f = (value ?? {}) as Record<string, unknown>;
  if (!TYPES.has(String(f.type))) {
    throw new Error(
      `fault type must be one of ${[...TYPES].join(', ')}, got ${JSON.stringify(
        f.type,
      )}`,
    );
  }
  const need = (key: string) => {
    if (typeof f[key] !== 'string' || !f[key]) {
      throw new Error(`a ${f.type} fault needs "${key}"`);
    }
  };
  if (f.type !== 'operatorStuck') need('namespace');
  if (f.type === 'crashLoop' || f.type === 'pvcPending') need('pod');
  if (f.type === 'componentDown' || f.type === 'connectorTaskFailed')
    need('name');
  if (
    f.type === 'crashLoop' &&
    f.reason !== undefined &&
    f.reason !== 'OOMKilled' &&
    f.reason !== 'Error'
  ) {
    throw new Error('a crashLoop reason is OOMKilled or Error');
  }
  if (
    f.type === 'componentDown' &&
    f.reason !== undefined &&
    f.reason !== 'Unhealthy' &&
    f.reason !== 'FailedMount'
  ) {
    throw new Error('a componentDown reason is Unhealthy or FailedMount');
  }
  return f as unknown as SimulatorFault;
}

/** The faults of one simulator, and the questions its controllers ask them. */
export interface FaultBook {
  add(fault: SimulatorFault, since: string): ActiveFault;
  remove(id: string): ActiveFault | undefined;
  list(): ActiveFault[];
  crashLoop(
    namespace: string,
    pod: string,
  ): Extract<ActiveFault, { type: 'crashLoop' }> | undefined;
  /** The pvcPending fault covering a claim, if any. */
  pvcPending(
    namespace: string,
    claim: string,
  ): Extract<ActiveFault, { type: 'pvcPending' }> | undefined;
  operatorStuck(namespace: string, name: string): boolean;
  /** The componentDown fault covering a pod with these labels, if any. */
  componentDown(
    namespace: string,
    labels: Readonly<Record<string, string>>,
  ): Extract<ActiveFault, { type: 'componentDown' }> | undefined;
  connectorTaskFailed(
    namespace: string,
    name: string,
  ): Extract<ActiveFault, { type: 'connectorTaskFailed' }> | undefined;
}

/** Creates an empty fault book; `claimsOf` names the claims of a pod that exists now. */
export function createFaultBook(
  claimsOf: (namespace: string, pod: string) => string[] | undefined,
): FaultBook {
  const faults = new Map<string, ActiveFault>();
  // Claims of a pvcPending fault's pod, read when injected (the pod may be replaced later).
  const claims = new Map<string, string[] | undefined>();
  const of = <T extends SimulatorFault['type']>(type: T) =>
    [...faults.values()].filter(
      (f): f is Extract<ActiveFault, { type: T }> => f.type === type,
    );
  return {
    add(fault, since) {
      const id = faultId(fault);
      const active = { ...fault, id, since } as ActiveFault;
      faults.set(id, active);
      if (fault.type === 'pvcPending') {
        claims.set(id, claimsOf(fault.namespace, fault.pod));
      }
      return active;
    },
    remove(id) {
      const fault = faults.get(id);
      faults.delete(id);
      claims.delete(id);
      return fault;
    },
    list: () => [...faults.values()],
    crashLoop: (namespace, pod) =>
      of('crashLoop').find(f => f.namespace === namespace && f.pod === pod),
    pvcPending: (namespace, claim) =>
      of('pvcPending').find(f => {
        if (f.namespace !== namespace) return false;
        const known = claims.get(f.id);
        return known?.length
          ? known.includes(claim)
          : claim.endsWith(`-${f.pod}`);
      }),
    operatorStuck: (namespace, name) =>
      of('operatorStuck').some(
        f =>
          (f.namespace === undefined || f.namespace === namespace) &&
          (f.name === undefined || f.name === name),
      ),
    componentDown: (namespace, labels) =>
      of('componentDown').find(
        f =>
          f.namespace === namespace &&
          (labels.app === f.name || labels['strimzi.io/cluster'] === f.name),
      ),
    connectorTaskFailed: (namespace, name) =>
      of('connectorTaskFailed').find(
        f => f.namespace === namespace && f.name === name,
      ),
  };
}

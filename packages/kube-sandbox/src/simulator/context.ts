import { Clock } from '../clock';
import { ObjectApi } from '../cluster/objectApi';
import { timestamp } from '../resources/metadata';
import { KubeObject } from '../types';
import { EventRecorder } from './kube/events';
import { FaultBook } from './faults';
import type { FleetNetwork } from './network';
import { SimulatorTimings } from './timings';

/** Everything a controller of the simulator works with. */
export interface SimContext {
  api: ObjectApi;
  clock: Clock;
  timings: SimulatorTimings;
  faults: FaultBook;
  events: EventRecorder;
  /** The API version a kind is stored at (and written in), or undefined when it is not served. */
  storedAt(group: string, kind: string): string | undefined;
  /** Queues a key (`controller|kind|namespace|name`) now or after a delay of the sandbox clock. */
  enqueue(key: string, delayMs?: number): void;
  /** State a controller keeps between reconciles (what a real operator keeps in memory). */
  memory: Map<string, unknown>;
  /** Names of the cluster's nodes, for scheduling. */
  nodes: readonly string[];
  /** The default storage class, set on claims that name none (as the admission plugin does). */
  storageClass: string;
  /** The sandbox cluster's name (its load balancers' hostnames, its listeners as the fleet sees them). */
  clusterName: string;
  /** The external listeners of the fleet the cluster belongs to, when it runs in a sandbox. */
  fleet?: FleetNetwork;
}

/** The sandbox time as Kubernetes writes it (RFC 3339, seconds). */
export function nowIso(ctx: Pick<SimContext, 'clock'>): string {
  return timestamp(new Date(ctx.clock.now()));
}

/** Milliseconds since an RFC 3339 time (Infinity when unset). */
export function since(ctx: Pick<SimContext, 'clock'>, time: unknown): number {
  const ms = typeof time === 'string' ? Date.parse(time) : NaN;
  return Number.isNaN(ms) ? Infinity : ctx.clock.now() - ms;
}

/** A queue key. */
export function key(
  controller: string,
  kind: string,
  namespace: string,
  name: string,
): string {
  return `${controller}|${kind}|${namespace}|${name}`;
}

/** The controller owning an object (its ownerReference with `controller: true`). */
export function controllerOf(object: Readonly<KubeObject>) {
  return object.metadata.ownerReferences?.find(r => r.controller);
}

/** An owner reference to an object, as controllers set them. */
export function ownerRef(owner: Readonly<KubeObject>) {
  return {
    apiVersion: String(owner.apiVersion),
    kind: String(owner.kind),
    name: String(owner.metadata.name),
    uid: String(owner.metadata.uid),
    controller: true,
    blockOwnerDeletion: true,
  };
}

/**
 * True at most once per `intervalMs` for a key: how the kubelet, the scheduler and the provisioner
 * pace their repeated Warning events.
 */
export function every(
  ctx: SimContext,
  id: string,
  intervalMs: number,
): boolean {
  const last = ctx.memory.get(`every|${id}`) as number | undefined;
  const now = ctx.clock.now();
  if (last !== undefined && now - last < intervalMs) return false;
  ctx.memory.set(`every|${id}`, now);
  return true;
}

import { isObject, JsonObject, KubeObject } from '../../types';
import { hexHash } from '../hash';

/*
 * Pure builders of the status fields a kubelet reports: container statuses and the pod's
 * conditions, in the shape `kubectl get pod -o yaml` shows.
 */

/** A container of the pod spec, as far as its status needs it. */
export interface ContainerSpec {
  name: string;
  image: string;
}

/** The containers (or init containers) of a pod spec. */
export function containersOf(
  pod: Readonly<KubeObject>,
  field: 'containers' | 'initContainers' = 'containers',
): ContainerSpec[] {
  const spec = (pod.spec ?? {}) as JsonObject;
  const list = Array.isArray(spec[field]) ? (spec[field] as unknown[]) : [];
  return list.filter(isObject).map(c => ({
    name: String(c.name),
    image: String(c.image),
  }));
}

/** The image as the container runtime reports it (`docker.io/…` for Docker Hub images). */
export function runtimeImage(image: string): string {
  const first = image.split('/')[0];
  const registry = image.includes('/') && /[.:]|^localhost$/.test(first);
  if (registry) return image;
  return image.includes('/')
    ? `docker.io/${image}`
    : `docker.io/library/${image}`;
}

/** A container status; `state` and `lastState` as the kubelet reports them. */
export function containerStatus(
  pod: Readonly<KubeObject>,
  container: ContainerSpec,
  fields: {
    state: JsonObject;
    lastState?: JsonObject;
    ready: boolean;
    started: boolean;
    restartCount: number;
  },
): JsonObject {
  const running =
    isObject(fields.state.running) || isObject(fields.state.terminated);
  const image = runtimeImage(container.image);
  return {
    name: container.name,
    state: fields.state,
    lastState: fields.lastState ?? {},
    ready: fields.ready,
    restartCount: fields.restartCount,
    image,
    imageID: running
      ? `${image.replace(/:[^:/@]+$/, '')}@sha256:${hexHash(image, 64)}`
      : '',
    ...(running
      ? {
          containerID: `containerd://${hexHash(
            `${pod.metadata.uid}/${container.name}/${fields.restartCount}`,
            64,
          )}`,
        }
      : {}),
    started: fields.started,
  };
}

/** The QoS class Kubernetes derives from the containers' requests and limits. */
export function qosClass(pod: Readonly<KubeObject>): string {
  const spec = (pod.spec ?? {}) as JsonObject;
  const containers = (
    Array.isArray(spec.containers) ? spec.containers : []
  ).filter(isObject);
  let any = false;
  let guaranteed = containers.length > 0;
  for (const c of containers) {
    const resources = isObject(c.resources) ? c.resources : {};
    const requests = isObject(resources.requests) ? resources.requests : {};
    const limits = isObject(resources.limits) ? resources.limits : {};
    if (Object.keys(requests).length || Object.keys(limits).length) any = true;
    for (const r of ['cpu', 'memory']) {
      if (limits[r] === undefined || (requests[r] ?? limits[r]) !== limits[r]) {
        guaranteed = false;
      }
    }
  }
  if (!any) return 'BestEffort';
  return guaranteed ? 'Guaranteed' : 'Burstable';
}

/** `containers with unready status: [kafka]`, the message of Ready=False. */
export function unreadyMessage(statuses: JsonObject[]): string {
  const names = statuses.filter(s => !s.ready).map(s => s.name);
  return `containers with unready status: [${names.join(' ')}]`;
}

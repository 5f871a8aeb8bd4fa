import { isObject, JsonObject, KubeObject } from '../../types';
import { SimContext } from '../context';
import { hexHash } from '../hash';
import { timestamp } from '../../resources/metadata';
import { ContainerSpec, containerStatus } from './podStatus';

/** What a container does next: its status now, when it changes next, and what it reports. */
export interface ContainerStep {
  status: JsonObject;
  /** Milliseconds until the next change (undefined: none planned). */
  dueMs?: number;
  /** The container was just killed (a BackOff event follows). */
  crashed?: boolean;
  /** Its readiness probe fails (an Unhealthy event follows). */
  probeFailing?: boolean;
}

/** What acts on a container: when it may start, and the faults covering it. */
export interface ContainerInput {
  startAt: number;
  crash?: { since: string; reason?: 'OOMKilled' | 'Error' };
  /** Its readiness probe fails. */
  down: boolean;
  /** A volume of the pod cannot be mounted: a container that has not started cannot. */
  mountBlocked?: boolean;
}

const iso = (ms: number) => timestamp(new Date(ms));
const ms = (time: unknown) =>
  typeof time === 'string' ? Date.parse(time) : Number.NaN;

/** The kubelet's restart back-off after `restarts` crashes: 10 s doubling up to 5 min. */
export function backOff(ctx: SimContext, restarts: number): number {
  const { backOffMs, maxBackOffMs } = ctx.timings;
  return Math.min(backOffMs * 2 ** Math.max(0, restarts - 1), maxBackOffMs);
}

/** A Go duration as the kubelet prints it: 10s, 1m20s, 5m0s. */
export function goDuration(milliseconds: number): string {
  const seconds = Math.round(milliseconds / 1000);
  if (seconds < 60) return `${seconds}s`;
  return `${Math.floor(seconds / 60)}m${seconds % 60}s`;
}

function containerId(
  pod: Readonly<KubeObject>,
  name: string,
  restarts: number,
) {
  return `containerd://${hexHash(
    `${pod.metadata.uid}/${name}/${restarts}`,
    64,
  )}`;
}

/**
 * One step of a container's life: ContainerCreating until `startAt`, then running; ready after
 * `podReadyMs` unless its probe fails; under a crashLoop fault, killed `crashAfterMs` after each
 * start and held in CrashLoopBackOff for the back-off before the next start.
 */
export function stepContainer(
  ctx: SimContext,
  pod: Readonly<KubeObject>,
  container: ContainerSpec,
  previous: JsonObject | undefined,
  input: ContainerInput,
): ContainerStep {
  const now = ctx.clock.now();
  const t = ctx.timings;
  let restartCount = Number(previous?.restartCount ?? 0);
  let lastState = isObject(previous?.lastState) ? previous!.lastState : {};
  const state = isObject(previous?.state) ? previous!.state : {};
  const waiting = isObject(state.waiting) ? state.waiting : undefined;
  let startedAt = isObject(state.running) ? ms(state.running.startedAt) : NaN;
  const build = (s: JsonObject, ready: boolean, started: boolean): JsonObject =>
    containerStatus(pod, container, {
      state: s,
      lastState,
      ready,
      started,
      restartCount,
    });

  if (waiting?.reason === 'CrashLoopBackOff') {
    const terminated = isObject(lastState.terminated)
      ? lastState.terminated
      : {};
    const restartAt = ms(terminated.finishedAt) + backOff(ctx, restartCount);
    if (now < restartAt) {
      return { status: build(state, false, false), dueMs: restartAt - now };
    }
    startedAt = now;
  } else if (Number.isNaN(startedAt)) {
    if (input.mountBlocked || now < input.startAt) {
      return {
        status: build(
          { waiting: { reason: 'ContainerCreating' } },
          false,
          false,
        ),
        dueMs: input.mountBlocked ? t.retryMs : input.startAt - now,
      };
    }
    startedAt = now;
  }

  const running = { running: { startedAt: iso(startedAt) } };
  if (input.crash) {
    const crashAt =
      Math.max(startedAt, ms(input.crash.since) || 0) + t.crashAfterMs;
    if (now < crashAt) {
      return { status: build(running, false, true), dueMs: crashAt - now };
    }
    const oom = (input.crash.reason ?? 'OOMKilled') === 'OOMKilled';
    lastState = {
      terminated: {
        exitCode: oom ? 137 : 1,
        reason: oom ? 'OOMKilled' : 'Error',
        startedAt: iso(startedAt),
        finishedAt: iso(now),
        containerID: containerId(pod, container.name, restartCount),
      },
    };
    restartCount++;
    const delay = backOff(ctx, restartCount);
    const { name, namespace, uid } = pod.metadata;
    return {
      status: build(
        {
          waiting: {
            reason: 'CrashLoopBackOff',
            message: `back-off ${goDuration(
              delay,
            )} restarting failed container=${
              container.name
            } pod=${name}_${namespace}(${uid})`,
          },
        },
        false,
        false,
      ),
      dueMs: delay,
      crashed: true,
    };
  }
  if (input.down) {
    return {
      status: build(running, false, true),
      dueMs: t.probePeriodMs,
      probeFailing: true,
    };
  }
  const readyAt = startedAt + t.podReadyMs;
  const ready = now >= readyAt;
  return {
    status: build(running, ready, true),
    dueMs: ready ? undefined : readyAt - now,
  };
}

/** An init container: running until the pod's containers may start, then Completed. */
export function stepInitContainer(
  ctx: SimContext,
  pod: Readonly<KubeObject>,
  container: ContainerSpec,
  scheduledAt: number,
  startAt: number,
  mountBlocked = false,
): ContainerStep {
  const now = ctx.clock.now();
  if (mountBlocked) {
    return {
      status: containerStatus(pod, container, {
        state: { waiting: { reason: 'PodInitializing' } },
        ready: false,
        started: false,
        restartCount: 0,
      }),
    };
  }
  const done = now >= startAt;
  return {
    status: containerStatus(pod, container, {
      state: done
        ? {
            terminated: {
              exitCode: 0,
              reason: 'Completed',
              startedAt: iso(scheduledAt),
              finishedAt: iso(startAt),
              containerID: containerId(pod, container.name, 0),
            },
          }
        : { running: { startedAt: iso(scheduledAt) } },
      ready: done,
      started: !done,
      restartCount: 0,
    }),
    dueMs: done ? undefined : startAt - now,
  };
}

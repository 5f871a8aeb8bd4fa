import {
  ago,
  crashLoop,
  normalEvent,
  pod,
  pvc,
  warningEvent,
} from '../../__fixtures__/core';
import { cfkPod } from '../../__fixtures__/cfk';
import { strimziNodePod } from '../../__fixtures__/strimzi';
import { cfkFacts } from '../cfk/facts';
import { eventWatch } from '../events';
import { strimziFacts } from '../strimzi/facts';
import { projectPod, projectPvc } from './core';
import { projectMeta } from './meta';

describe('projectPod', () => {
  it('keeps what the pod rules read and only the operators’ labels', () => {
    const raw = cfkPod('kafka', 'kafka', 2, {
      restarts: 4,
      readySince: ago(10),
      ...crashLoop('OOMKilled', 137, ago(3)),
    });
    raw.metadata.labels.team = 'orders';
    const projected = projectPod(raw, cfkFacts)!;
    expect(projected).toEqual({
      meta: {
        apiVersion: 'v1',
        kind: 'Pod',
        name: 'kafka-2',
        namespace: 'destination',
        uid: 'uid-pod-destination-kafka-2',
        creationTimestamp: projected.meta.creationTimestamp,
        labels: {
          app: 'kafka',
          'confluent-platform': 'true',
          'controller-revision-hash': 'kafka-7d9f8c6b5',
          'platform.confluent.io/type': 'kafka',
          type: 'kafka',
        },
        annotations: {},
      },
      phase: 'Running',
      ready: false,
      readySince: new Date(ago(10)).toISOString(),
      restarts: 4,
      waiting: {
        container: 'kafka',
        reason: 'CrashLoopBackOff',
        message: 'back-off 5m0s restarting failed container=kafka pod=…',
      },
      lastTermination: {
        container: 'kafka',
        reason: 'OOMKilled',
        exitCode: 137,
        at: new Date(ago(3)).toISOString(),
      },
      claims: ['data0-kafka-2'],
      nodeName: 'node-a',
    });
  });

  it('keeps Strimzi’s revision annotation when asked, and the scheduler’s complaint', () => {
    const raw = strimziNodePod('broker', 6, ['broker'], {
      revision: 'r2',
      ready: false,
      unschedulable: {
        message: '0/6 nodes are available: 6 Insufficient memory.',
        since: ago(5),
      },
    });
    const projected = projectPod(raw, strimziFacts, ['strimzi.io/revision'])!;
    expect(projected.meta.annotations).toEqual({ 'strimzi.io/revision': 'r2' });
    expect(projected.meta.labels['strimzi.io/pool-name']).toBe('broker');
    expect(projected.meta.labels['app.kubernetes.io/name']).toBeUndefined();
    expect(projected.phase).toBe('Pending');
    expect(projected.unschedulable).toEqual({
      reason: 'Unschedulable',
      message: '0/6 nodes are available: 6 Insufficient memory.',
      since: new Date(ago(5)).toISOString(),
    });
  });

  it('prefers a serious waiting reason over a benign one, and the newest termination', () => {
    const raw = pod({
      namespace: 'ns',
      name: 'p',
      labels: { app: 'x' },
      owner: { apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'x' },
      container: 'main',
      image: 'img',
      ready: false,
    });
    raw.status.containerStatuses = [
      {
        name: 'sidecar',
        restartCount: 1,
        state: { waiting: { reason: 'PodInitializing' } },
        lastState: {
          terminated: { reason: 'Error', exitCode: 1, finishedAt: ago(30) },
        },
      },
      {
        name: 'main',
        restartCount: 2,
        state: {
          waiting: {
            reason: 'ImagePullBackOff',
            message: 'Back-off pulling image "img"',
          },
        },
        lastState: {
          terminated: { reason: 'Completed', exitCode: 0, finishedAt: ago(5) },
        },
      },
    ];
    const projected = projectPod(raw, cfkFacts)!;
    expect(projected.restarts).toBe(3);
    expect(projected.waiting).toEqual({
      container: 'main',
      reason: 'ImagePullBackOff',
      message: 'Back-off pulling image "img"',
    });
    expect(projected.lastTermination).toMatchObject({
      container: 'main',
      reason: 'Completed',
    });
  });

  it('refuses objects without name or namespace', () => {
    expect(projectPod({ metadata: { name: 'x' } }, cfkFacts)).toBeUndefined();
    expect(projectPod(null, cfkFacts)).toBeUndefined();
  });
});

describe('projectPvc and projectEvent', () => {
  it('reduces a PVC to phase and storage class', () => {
    expect(
      projectPvc(
        pvc({
          namespace: 'ns',
          name: 'data0-kafka-0',
          phase: 'Pending',
          storageClass: 'fast',
        }),
      ),
    ).toMatchObject({
      meta: {
        name: 'data0-kafka-0',
        namespace: 'ns',
        labels: {},
        annotations: {},
      },
      phase: 'Pending',
      storageClass: 'fast',
    });
  });

  it('keeps warning events of the kinds that explain a verdict, and drops the rest', () => {
    const kept = warningEvent({
      namespace: 'ns',
      involved: { kind: 'Pod', name: 'kafka-0' },
      reason: 'BackOff',
      message: 'Back-off restarting failed container',
      first: ago(10),
      last: ago(1),
      count: 7,
    });
    expect(eventWatch.project(kept)).toEqual({
      involved: { kind: 'Pod', namespace: 'ns', name: 'kafka-0' },
      type: 'Warning',
      reason: 'BackOff',
      message: 'Back-off restarting failed container',
      count: 7,
      firstSeen: new Date(ago(10)).toISOString(),
      lastSeen: new Date(ago(1)).toISOString(),
    });
    expect(
      eventWatch.project(
        normalEvent({
          namespace: 'ns',
          pod: 'kafka-0',
          reason: 'Pulled',
          at: ago(1),
        }),
      ),
    ).toBeUndefined();
    expect(
      eventWatch.project(
        warningEvent({
          namespace: 'ns',
          involved: { kind: 'Deployment', name: 'web' },
          reason: 'X',
          message: 'y',
          first: ago(1),
          last: ago(1),
        }),
      ),
    ).toBeUndefined();
  });

  it('reads events.k8s.io-style events (regarding, note, series)', () => {
    const event = {
      apiVersion: 'events.k8s.io/v1',
      kind: 'Event',
      metadata: { name: 'e', namespace: 'ns', creationTimestamp: ago(20) },
      regarding: {
        kind: 'PersistentVolumeClaim',
        name: 'data0-kafka-0',
        namespace: 'ns',
      },
      reason: 'ProvisioningFailed',
      note: 'storageclass "x" not found',
      type: 'Warning',
      eventTime: ago(20),
      series: { count: 12, lastObservedTime: ago(2) },
    };
    expect(eventWatch.project(event)).toMatchObject({
      involved: { kind: 'PersistentVolumeClaim', name: 'data0-kafka-0' },
      message: 'storageclass "x" not found',
      count: 12,
      lastSeen: new Date(ago(2)).toISOString(),
    });
  });
});

describe('projectMeta', () => {
  it('takes the time of the last spec change from managedFields, ignoring status writers', () => {
    const meta = projectMeta({
      metadata: {
        name: 'k',
        namespace: 'ns',
        generation: 4,
        managedFields: [
          {
            manager: 'argocd',
            operation: 'Apply',
            time: ago(40),
            fieldsV1: { 'f:spec': { 'f:replicas': {} } },
          },
          {
            manager: 'kubectl-edit',
            operation: 'Update',
            time: ago(15),
            fieldsV1: { 'f:spec': { 'f:kafka': {} } },
          },
          {
            manager: 'kubectl-label',
            operation: 'Update',
            time: ago(5),
            fieldsV1: { 'f:metadata': { 'f:labels': {} } },
          },
          {
            manager: 'strimzi-cluster-operator',
            operation: 'Update',
            subresource: 'status',
            time: ago(1),
            fieldsV1: { 'f:status': {} },
          },
        ],
      },
    });
    expect(meta?.specChangedAt).toBe(new Date(ago(15)).toISOString());
    expect(meta?.generation).toBe(4);
  });

  it('keeps all labels of a CR for entity matching, and only the annotations asked for', () => {
    const meta = projectMeta(
      {
        metadata: {
          name: 'k',
          namespace: 'ns',
          labels: { 'backstage.io/kubernetes-id': 'orders' },
          annotations: { a: '1', 'strimzi.io/pause-reconciliation': 'true' },
        },
      },
      { annotations: ['strimzi.io/pause-reconciliation'] },
    );
    expect(meta?.labels).toEqual({ 'backstage.io/kubernetes-id': 'orders' });
    expect(meta?.annotations).toEqual({
      'strimzi.io/pause-reconciliation': 'true',
    });
  });
});

import { KubeObject } from '../types';

/**
 * Objects shaped like a Kafka broker pod of a real cluster (labels, owner reference, two
 * containers with env, probes and mounts, full status); managedFields come from the write path.
 */
export function brokerPod(
  namespace: string,
  cluster: string,
  ordinal: number,
): KubeObject {
  const name = `${cluster}-kafka-${ordinal}`;
  const env = Array.from({ length: 12 }, (_, i) => ({
    name: `KAFKA_SETTING_${i}`,
    value: `value-${i}-${cluster}`,
  }));
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace,
      labels: {
        app: 'kafka',
        'app.kubernetes.io/instance': cluster,
        'app.kubernetes.io/managed-by': 'confluent-operator',
        'platform.confluent.io/type': 'kafka',
        'statefulset.kubernetes.io/pod-name': name,
        'controller-revision-hash': `${cluster}-kafka-7d9f8c6b5`,
      },
      annotations: {
        'platform.confluent.io/config-hash': 'a3f1c2d4e5b6a7c8d9e0f1a2b3c4d5e6',
        'prometheus.io/scrape': 'true',
        'prometheus.io/port': '7778',
      },
      ownerReferences: [
        {
          apiVersion: 'apps/v1',
          kind: 'StatefulSet',
          name: `${cluster}-kafka`,
          uid: '5f0c6a5e-2f0b-4c4e-9a49-6c1f4b0f2d11',
          controller: true,
          blockOwnerDeletion: true,
        },
      ],
    },
    spec: {
      containers: [
        {
          name: 'kafka',
          image: 'confluentinc/cp-server:7.9.0',
          env,
          ports: [
            { name: 'external', containerPort: 9092 },
            { name: 'internal', containerPort: 9071 },
            { name: 'replication', containerPort: 9072 },
            { name: 'prometheus', containerPort: 7778 },
          ],
          resources: {
            requests: { cpu: '1', memory: '4Gi' },
            limits: { cpu: '2', memory: '8Gi' },
          },
          readinessProbe: {
            tcpSocket: { port: 9071 },
            initialDelaySeconds: 30,
            periodSeconds: 10,
          },
          livenessProbe: {
            httpGet: { path: '/v1/health', port: 7777 },
            initialDelaySeconds: 60,
          },
          volumeMounts: [
            { name: 'data0', mountPath: '/mnt/data/data0' },
            { name: 'config', mountPath: '/mnt/config' },
            { name: 'tls', mountPath: '/mnt/sslcerts', readOnly: true },
          ],
        },
        {
          name: 'metrics',
          image: 'confluentinc/cp-init-container:3.3.0',
          args: ['--metrics'],
        },
      ],
      volumes: [
        {
          name: 'data0',
          persistentVolumeClaim: { claimName: `data0-${name}` },
        },
        {
          name: 'config',
          configMap: { name: `${cluster}-kafka-shared-config` },
        },
        { name: 'tls', secret: { secretName: `${cluster}-tls` } },
      ],
      hostname: name,
      subdomain: `${cluster}-kafka`,
      nodeName: `node-${ordinal % 7}`,
      affinity: {
        podAntiAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: [
            {
              labelSelector: {
                matchLabels: {
                  app: 'kafka',
                  'app.kubernetes.io/instance': cluster,
                },
              },
              topologyKey: 'kubernetes.io/hostname',
            },
          ],
        },
      },
      tolerations: [
        {
          key: 'dedicated',
          operator: 'Equal',
          value: 'kafka',
          effect: 'NoSchedule',
        },
      ],
    },
  };
}

/** The status a kubelet reports for a running, ready broker pod. */
export function runningStatus(ordinal: number) {
  const time = '2026-01-01T00:00:00Z';
  const condition = (type: string) => ({
    type,
    status: 'True',
    lastProbeTime: null,
    lastTransitionTime: time,
  });
  const container = (name: string, image: string) => ({
    name,
    image,
    imageID: `docker.io/${image}@sha256:9f8e7d6c5b4a39281706f5e4d3c2b1a09f8e7d6c5b4a39281706f5e4d3c2b1a0`,
    containerID: `containerd://${'ab'.repeat(32)}`,
    ready: true,
    started: true,
    restartCount: ordinal % 3,
    state: { running: { startedAt: time } },
    lastState:
      ordinal % 3
        ? {
            terminated: {
              exitCode: 137,
              reason: 'OOMKilled',
              startedAt: time,
              finishedAt: time,
            },
          }
        : {},
  });
  return {
    phase: 'Running',
    conditions: [
      'PodReadyToStartContainers',
      'Initialized',
      'Ready',
      'ContainersReady',
      'PodScheduled',
    ].map(condition),
    hostIP: `10.0.${ordinal % 7}.10`,
    hostIPs: [{ ip: `10.0.${ordinal % 7}.10` }],
    podIP: `10.244.${ordinal % 250}.${(ordinal % 200) + 2}`,
    podIPs: [{ ip: `10.244.${ordinal % 250}.${(ordinal % 200) + 2}` }],
    startTime: time,
    containerStatuses: [
      container('kafka', 'confluentinc/cp-server:7.9.0'),
      container('metrics', 'confluentinc/cp-init-container:3.3.0'),
    ],
    qosClass: 'Burstable',
  };
}

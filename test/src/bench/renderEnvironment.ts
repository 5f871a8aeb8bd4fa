// The time kafka:environment:create's rendering takes for a 1,000-topic environment (target
// under 2 s): renderKafkaEnvironment, as the action calls it, and the files written to a
// temporary folder, for each operator with every component. Prints; asserts nothing.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import {
  EnvironmentOperator,
  EnvironmentSpec,
  renderKafkaEnvironment,
} from '@k8s-kafka/plugin-kafka-clusters-node';

export const TOPICS = 1000;
const RUNS = 5;

/** The environments the benches render: each operator with every component it has. */
export const BENCH_TARGETS: [
  string,
  EnvironmentOperator,
  Record<string, unknown>,
][] = [
  [
    'Strimzi v1',
    { operator: 'strimzi', strimziApiVersion: 'v1' },
    { connect: { connectors: [] }, bridge: true },
  ],
  [
    'CFK',
    { operator: 'cfk' },
    {
      schemaRegistry: true,
      connect: { connectors: [] },
      ksqlDb: true,
      controlCenter: true,
      restProxy: true,
      restClass: true,
    },
  ],
];

/** A production environment of 1,000 topics with the given components, as create gets it. */
export function benchEnvironmentSpec(
  components: Record<string, unknown>,
): EnvironmentSpec {
  return {
    name: 'bench-kafka',
    namespace: 'bench',
    profile: 'production',
    service: 'bench-service',
    owner: 'group:default/bench',
    environmentId: 'bench/bench/bench-kafka',
    topics: Array.from({ length: TOPICS }, (_, i) => ({
      name: `bench.topic-${i}`,
      partitions: 6,
    })),
    components,
    security: {
      tls: true,
      authentication: true,
      authorization: 'simple',
    },
  };
}

export async function benchRenderEnvironment(): Promise<string[]> {
  const targets = BENCH_TARGETS;
  const lines = [
    `render of a ${TOPICS}-topic production environment with every component (median of ${RUNS}):`,
  ];
  for (const [title, target, components] of targets) {
    const times: number[] = [];
    let files = 0;
    for (let run = 0; run < RUNS; run++) {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'k8s-kafka-render-'));
      const start = performance.now();
      const rendered = renderKafkaEnvironment(
        benchEnvironmentSpec(components),
        target,
      );
      for (const file of rendered.files) {
        fs.writeFileSync(path.join(dir, file.path), file.content);
      }
      times.push(performance.now() - start);
      files = rendered.files.length;
      fs.rmSync(dir, { recursive: true, force: true });
    }
    times.sort((a, b) => a - b);
    lines.push(
      `  ${title}: ${(times[Math.floor(RUNS / 2)] / 1000).toFixed(
        2,
      )} s for ${files} files (target < 2 s)`,
    );
  }
  return lines;
}

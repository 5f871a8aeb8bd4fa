// The time kafka:environment:clone's transform takes for a 1,000-topic environment (target
// under 2 s): a production environment as create renders it (every component), cloned as the
// action clones it (ephemeral, 111 topics mirrored (bench.topic-1*)) and its files written to a temporary
// folder, for each operator. Prints; asserts nothing.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import {
  cloneKafkaEnvironment,
  renderKafkaEnvironment,
  SourceObject,
} from '@k8s-kafka/plugin-kafka-clusters-node';
import {
  BENCH_TARGETS,
  benchEnvironmentSpec,
  TOPICS,
} from './renderEnvironment';

const RUNS = 5;

export async function benchCloneEnvironment(): Promise<string[]> {
  const lines = [
    `clone of a ${TOPICS}-topic production environment with every component, 111 topics mirrored (bench.topic-1*) (median of ${RUNS}):`,
  ];
  for (const [title, target, components] of BENCH_TARGETS) {
    const source = renderKafkaEnvironment(
      benchEnvironmentSpec(components),
      target,
    ).objects as unknown as SourceObject[];
    const times: number[] = [];
    let files = 0;
    for (let run = 0; run < RUNS; run++) {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'k8s-kafka-clone-'));
      const start = performance.now();
      const clone = cloneKafkaEnvironment(source, {
        source: {
          kubernetesCluster: 'bench',
          namespace: 'bench',
          name: 'bench-kafka',
          live: false,
        },
        target: {
          kubernetesCluster: 'bench',
          namespace: 'bench-clone',
          name: 'bench-clone',
        },
        profile: 'ephemeral',
        keepExternalAccess: false,
        connectors: [],
        data: { topics: ['bench.topic-1*'] },
        expiresAt: '2026-12-10T00:00:00Z',
      });
      for (const file of clone.files) {
        fs.writeFileSync(path.join(dir, file.path), file.content);
      }
      times.push(performance.now() - start);
      files = clone.files.length;
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

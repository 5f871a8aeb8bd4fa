import { Sandbox } from '../sandbox';
import { KubeObject } from '../types';
import { apply } from './apply';
import { dev } from './dev';
import { CRASHING_BROKER, prodUs } from './prodUs';
import { prodEu } from './prodEu';
import { ROLLING_KAFKA, staging } from './staging';

/**
 * The demo fleet's objects, by cluster. With the state folder, objects that need key material
 * kept there (dev's CA Secrets) are included.
 */
export const FLEET_OBJECTS: Record<
  string,
  (context?: { stateDir: string }) => KubeObject[]
> = {
  'prod-eu': prodEu,
  'prod-us': prodUs,
  staging,
  dev,
};

/** When the demo's environments came to be, before the sandbox starts. @public */
export interface FleetTimeline {
  /** How long ago the fleet was applied (objects' ages). Default 3 days. */
  historyMs: number;
  /** How long ago prod-us's broker started crash-looping. Default 45 minutes. */
  crashLoopMs: number;
  /** How soon after start staging's roll begins (sandbox time). Default 20 s. */
  rollAfterMs: number;
}

/** The default {@link FleetTimeline}. @public */
export const DEFAULT_TIMELINE: Readonly<FleetTimeline> = Object.freeze({
  historyMs: 3 * 24 * 3600_000,
  crashLoopMs: 45 * 60_000,
  rollAfterMs: 20_000,
});

/** What a seeded fleet leaves running: the pending staging roll, which `cancel` drops. @public */
export interface SeededFleet {
  cancel(): void;
}

/**
 * Seeds the demo fleet: applies every cluster's objects while the sandbox clock stands at
 * `now - historyMs`, lets the simulators provision them as the clock moves to the present
 * (prod-us's broker starting to crash-loop `crashLoopMs` before it), then lets the clock run at
 * `speed` and schedules staging's roll. The sandbox must have been started on a stopped clock
 * (speed 0) at `now - historyMs`, with the simulator on.
 * @public
 */
export function seedFleet(
  sandbox: Sandbox,
  options: { now: number; speed: number; timeline?: Partial<FleetTimeline> },
): SeededFleet {
  const timeline = { ...DEFAULT_TIMELINE, ...options.timeline };
  const { clock } = sandbox;
  for (const cluster of sandbox.clusters) {
    for (const object of FLEET_OBJECTS[cluster.name]?.({
      stateDir: sandbox.stateDir,
    }) ?? []) {
      apply(cluster.api, object);
    }
  }
  clock.advanceTo(options.now - timeline.crashLoopMs);
  const prodUsCluster = sandbox.clusters.find(c => c.name === 'prod-us');
  prodUsCluster?.simulator?.inject({
    type: 'crashLoop',
    ...CRASHING_BROKER,
    reason: 'OOMKilled',
  });
  clock.advanceTo(Math.max(options.now, Date.now()));
  clock.setSpeed(options.speed);
  const stagingCluster = sandbox.clusters.find(c => c.name === 'staging');
  return {
    cancel: clock.schedule(clock.now() + timeline.rollAfterMs, () => {
      if (stagingCluster?.simulator) {
        try {
          stagingCluster.simulator.roll(ROLLING_KAFKA);
        } catch {
          // The demo's Kafka was deleted or changed by hand: nothing to roll.
        }
      }
    }),
  };
}

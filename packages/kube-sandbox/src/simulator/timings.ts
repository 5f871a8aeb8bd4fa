/**
 * How long things take in a simulated cluster, in milliseconds of the sandbox clock. The defaults
 * are those of a small real cluster: a broker is ready about half a minute after its pod is
 * created, so a 3-broker roll takes a minute and a half.
 * @public
 */
export interface SimulatorTimings {
  /** A new PVC is provisioned and bound after this long. Default 2 s. */
  pvcBindMs: number;
  /** A scheduled pod's containers run after this long (image pull, init containers). Default 4 s. */
  containerStartMs: number;
  /** A running container passes its readiness probe after this long. Default 20 s. */
  podReadyMs: number;
  /** A crash-looping container runs this long before it is killed again. Default 20 s. */
  crashAfterMs: number;
  /** The kubelet's first restart back-off, doubled after each crash. Default 10 s. */
  backOffMs: number;
  /** The kubelet's longest restart back-off. Default 5 min. */
  maxBackOffMs: number;
  /** Readiness probe period: how often a failing probe records an Unhealthy event. Default 10 s. */
  probePeriodMs: number;
  /** How often the scheduler and provisioner retry (and count their Warning events). Default 60 s. */
  retryMs: number;
  /** How soon an operator reacts to a change of its resources. Default 1 s. */
  operatorDelayMs: number;
  /** Strimzi's periodic reconciliation interval. Default 2 min. */
  strimziReconcileMs: number;
  /** Strimzi's operation timeout: how long a reconcile waits for pods before it fails. Default 5 min. */
  strimziOperationTimeoutMs: number;
}

/** The default {@link SimulatorTimings}. @public */
export const DEFAULT_TIMINGS: Readonly<SimulatorTimings> = Object.freeze({
  pvcBindMs: 2_000,
  containerStartMs: 4_000,
  podReadyMs: 20_000,
  crashAfterMs: 20_000,
  backOffMs: 10_000,
  maxBackOffMs: 300_000,
  probePeriodMs: 10_000,
  retryMs: 60_000,
  operatorDelayMs: 1_000,
  strimziReconcileMs: 120_000,
  strimziOperationTimeoutMs: 300_000,
});

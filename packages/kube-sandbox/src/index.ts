/**
 * A Kubernetes API server for development, demos and tests: a test double that
 * `@kubernetes/client-node` and kubectl talk to like a real cluster. Product packages never
 * import it; tests, benchmarks and the local demo do.
 *
 * @packageDocumentation
 */

export { startSandbox, startSimulator, DEFAULT_STATE_DIR } from './sandbox';
export { createClock } from './clock';
export type { Clock, ClockOptions } from './clock';
export type {
  Simulator,
  SimulatorOptions,
  SimulatorError,
  RollTarget,
} from './simulator/simulator';
export type {
  FleetNetwork,
  KafkaAuthentication,
  ListenerAddress,
} from './simulator/network';
export { DEFAULT_TIMINGS } from './simulator/timings';
export type { SimulatorTimings } from './simulator/timings';
export { SIMULATOR_SWITCH } from './simulator/router';
export { faultId, parseFault } from './simulator/faults';
export type { SimulatorFault, ActiveFault } from './simulator/faults';
export type { RequestCounts, RequestCounter } from './cluster/requests';
export type {
  Sandbox,
  SandboxCluster,
  SandboxOptions,
  ClusterOptions,
  TokenOptions,
} from './sandbox';
export { startKubectlProxy } from './kubectlProxy';
export { startAdminServer } from './admin/server';
export type { AdminServer } from './admin/server';
export { DEFAULT_FLEET, DEFAULT_ADMIN_PORT } from './fleet';
export { seedFleet, DEFAULT_TIMELINE } from './demo/seed';
export type { FleetTimeline, SeededFleet } from './demo/seed';
export type { AccessRule } from './cluster/auth';
export type { Faults, FaultSettings, ErrorFault } from './cluster/faults';
export type { ObjectApi, PatchType } from './cluster/objectApi';
export type {
  Store,
  StoreEvent,
  StoredObject,
  StoreListener,
  WatchEventType,
} from './store/store';
export type { ListOptions } from './resources/list';
export type { ApplyOptions, ApplyResult } from './resources/apply';
export type {
  WriteOptions,
  DeleteOptions,
  FieldValidation,
} from './resources/target';
export type { CrdSetName } from './resources/crdSets';
export { ApiError } from './api/status';
export type { Status, StatusCause } from './api/status';
export type { KubeObject, ObjectMeta, ResourceType } from './types';

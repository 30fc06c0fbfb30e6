/** Operations: Prometheus metrics, health signals and the /healthz + /metrics HTTP endpoint. */
export { createMetrics, metrics, type Metrics } from './metrics.js';
export {
  assessHealth,
  createHealthSignals,
  healthSignals,
  STALE_BUILD_MS,
  type HealthAssessment,
  type HealthInput,
  type HealthSignals,
  type RemoteName,
  type RemoteState,
} from './health.js';
export { redactUrlPasswords } from './redact.js';
export {
  startOpsServer,
  type HealthStatus,
  type OpsServer,
  type OpsServerOptions,
} from './server.js';

/** Operations: Prometheus metrics and the /healthz + /metrics HTTP endpoint. */
export { createMetrics, metrics, type Metrics } from './metrics.js';
export {
  startOpsServer,
  type HealthStatus,
  type OpsServer,
  type OpsServerOptions,
} from './server.js';

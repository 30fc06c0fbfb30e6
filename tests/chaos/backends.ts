/** The stores every chaos scenario runs on: SQLite always, Redis when TEST_REDIS_URL is set. */
import { testBackends } from '../contract/store/backends.js';

export const chaosBackends = testBackends().filter(
  (b) => b.name === 'sqlite' || b.name === 'redis',
);

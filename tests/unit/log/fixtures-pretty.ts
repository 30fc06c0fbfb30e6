/** Child process for the colour test: one pretty log line to stderr. */
import { createLogger } from '../../../src/log.js';

createLogger({ pretty: true }).info('pretty line');

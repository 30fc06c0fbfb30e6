import { describe, expect, it } from 'vitest';
import { classifyError } from '../../../src/translate/errors.js';

const http = (code: number, message = 'x', reason?: string) =>
  Object.assign(new Error(message), { code, errors: reason ? [{ reason, message }] : undefined });

describe('classifyError', () => {
  it.each([
    ['429', http(429), 'rate-limit', true],
    ['500', http(500), 'server', true],
    ['503', http(503), 'server', true],
    [
      '403 user rate limit',
      http(403, 'User Rate Limit Exceeded', 'userRateLimitExceeded'),
      'quota',
      true,
    ],
    [
      '403 bad key',
      http(403, 'API key not valid. Please pass a valid API key.'),
      'rejected',
      false,
    ],
    ['403 daily limit', http(403, 'Daily Limit Exceeded', 'dailyLimitExceeded'), 'rejected', false],
    ['400', http(400, 'Invalid target'), 'rejected', false],
    ['gRPC UNAVAILABLE', Object.assign(new Error('unavailable'), { code: 14 }), 'server', true],
    ['gRPC RESOURCE_EXHAUSTED', Object.assign(new Error('quota'), { code: 8 }), 'rate-limit', true],
    ['gRPC INVALID_ARGUMENT', Object.assign(new Error('bad'), { code: 3 }), 'rejected', false],
    ['reset', Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }), 'network', true],
    [
      'fetch timeout',
      Object.assign(new Error('network timeout'), { type: 'request-timeout' }),
      'timeout',
      false,
    ],
    ['bad JSON', new SyntaxError('Unexpected end of JSON input'), 'malformed', true],
    [
      'gaxios 429',
      Object.assign(new Error('{"error":{}}'), { response: { status: 429 } }),
      'rate-limit',
      true,
    ],
  ])('%s', (_, err, kind, retryable) => {
    const e = classifyError(err, 'google-v2');
    expect(e.kind).toBe(kind);
    expect(e.retryable).toBe(retryable);
    expect(e.name).toBe('TranslationError');
    expect(e.cause).toBe(err);
  });
});

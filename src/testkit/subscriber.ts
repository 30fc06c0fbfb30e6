/** A subscriber record with everyday defaults, for seeding stores in tests and benches. */
import type { Subscriber } from '../store/types.js';

export function testSubscriber(chatId: number, over: Partial<Subscriber> = {}): Subscriber {
  return {
    chatId,
    chatType: chatId < 0 ? 'group' : 'private',
    language: 'ar',
    deliveryTime: '07:00',
    timeZone: 'UTC',
    topics: [],
    active: true,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    ...over,
  };
}

/**
 * Time zones and the delivery-time rule, in one place: which zones exist, when a local "HH:MM"
 * is due in UTC across daylight-saving changes (as an instant, for the scheduler, and as local
 * minutes per UTC minute, for the store's due index). Pure: no I/O, no clock, nothing of ours.
 */
export { canonicalZone, isValidTimeZone, zoneOf } from './zone.js';
export {
  dueMinutes,
  dueMinutesBetween,
  floorMinute,
  hhmm,
  localMinute,
  minuteOfDay,
} from './minutes.js';
export {
  dueInstantOn,
  floorToMinute,
  isDueAt,
  isDueSameDaySince,
  nextDelivery,
  type DeliverySlot,
} from './instant.js';

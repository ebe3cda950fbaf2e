export * from './events';
export * from './month';
export { calendarIcs } from './ics';

export * from './error-codes';
export * from './event-schemas';
export * from './live-messages';
export * from './parse-event';
export * from './rest-schemas';
export * from './scope';
export * from './version';

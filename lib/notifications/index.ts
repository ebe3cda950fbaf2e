export * from './kinds';
export * from './email';
export * from './preferences';
export * from './titles';

export * from './organisations';
export * from './users';
export * from './standards';
export * from './apprenticeships';
export * from './audit';
export * from './coding';
export * from './evidence';
export * from './progress';

export * from './repository';
export * from './forums';
export * from './reports';

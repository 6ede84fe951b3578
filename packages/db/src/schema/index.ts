export * from './repository';
export * from './forums';

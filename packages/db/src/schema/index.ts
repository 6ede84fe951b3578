export * from './repository';
export * from './forums';
export * from './reports';
export * from './oai';
export * from './reliability';
export * from './insight';
export * from './taxonomy';

export * from './types';
export * from './schedules';
export * from './forward';
export * from './ddpm';
export * from './ddim';
export * from './score';
export * from './guidance';
export * from './oracles';

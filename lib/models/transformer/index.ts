export * from './types';
export * from './config';
export * from './init';
export * from './masks';
export * from './model';
export * from './losses';

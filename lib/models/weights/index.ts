export * from './format';
export * from './load';
export * from './shipped';

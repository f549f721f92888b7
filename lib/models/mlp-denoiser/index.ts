export * from './config';
export * from './model';
export * from './weights';
export * from './train';

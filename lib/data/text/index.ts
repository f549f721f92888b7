export * from './tokenizer';
export * from './stories';
export * from './tasks';
export * from './corpus';
export * from './validator';

export interface HeaderRule { source: string; headers: { key: string; value: string }[] }
export function pagePolicy(options?: { dev?: boolean }): string;
export function lessonPolicy(options?: { dev?: boolean }): string;
export function embedPolicy(options?: { dev?: boolean }): string;
export function workerPolicy(): string;
export const IMMUTABLE: string;
export const WORKER_ENTRY_SOURCE: string;
export const WORKER_ENTRY_FILE: RegExp;
export function securityHeaders(options?: { dev?: boolean }): HeaderRule[];

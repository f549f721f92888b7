export interface HeaderRule { source: string; headers: { key: string; value: string }[] }
export function pagePolicy(options?: { dev?: boolean }): string;
export function embedPolicy(options?: { dev?: boolean }): string;
export function cellWorkerPolicy(): string;
export const IMMUTABLE: string;
export const CELL_WORKER_SOURCE: string;
export function securityHeaders(options?: { dev?: boolean }): HeaderRule[];

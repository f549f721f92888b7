/** Resolves after one macrotask turn: lets the event loop deliver messages, input and timers queued meanwhile. */
export const nextMacrotask = () => new Promise<void>((resolve) => { setTimeout(resolve, 0); });

/**
 * The one tfjs entry point for Marble code: tfjs-core (ops, optimizers) with every gradient
 * registered, without tfjs-layers or the converter (which we do not use and would only add weight).
 * Backends are registered by ensureBackend (browser) or test/support/tf-node.ts (Node).
 */
import '@tensorflow/tfjs-core/dist/register_all_gradients';

export * from '@tensorflow/tfjs-core';

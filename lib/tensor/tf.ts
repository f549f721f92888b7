/**
 * The one tfjs entry point for Marble code: tfjs-core (ops, optimizers) with every gradient
 * registered, without tfjs-layers or the converter (which we do not use and would only add weight).
 * Backends are registered by ensureBackend (browser) or test/support/tf-node.ts (Node).
 *
 * Order matters: the core (and its flags) must be evaluated before the gradient registrations,
 * or bundlers evaluate the gradients' imports first and tfjs fails with "Cannot evaluate flag".
 */
export * from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-core/dist/register_all_gradients';

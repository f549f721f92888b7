// Node ESM resolve hook for tsx scripts: tfjs-core's ESM files import './x' and './dir' without
// extensions (bundler style). Retry such specifiers with '.js' and '/index.js'.
export async function resolve(specifier, context, next) {
  try {
    return await next(specifier, context);
  } catch (err) {
    const relative = specifier.startsWith('.') || specifier.startsWith('/') || specifier.startsWith('file:');
    const fromTf = context.parentURL?.includes('/node_modules/@tensorflow/');
    if (!relative || !fromTf) throw err;
    if (err?.code !== 'ERR_UNSUPPORTED_DIR_IMPORT' && err?.code !== 'ERR_MODULE_NOT_FOUND') throw err;
    try {
      return await next(`${specifier}.js`, context);
    } catch {
      return next(`${specifier}/index.js`, context);
    }
  }
}

// Builds the site, serves the production build with `next start`, runs the Chromium tests against
// it, and stops the server. SKIP_BUILD=1 reuses an existing .next build.
import { spawn, spawnSync } from 'node:child_process';

const port = Number(process.env.MARBLE_E2E_PORT ?? 3123);
const baseUrl = `http://127.0.0.1:${port}`;
const started = Date.now();

function run(command, args, env = {}) {
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  return result.status ?? 1;
}

if (process.env.SKIP_BUILD !== '1') {
  const status = run('npx', ['next', 'build']);
  if (status !== 0) process.exit(status);
}

// Port and build folder can be moved (MARBLE_E2E_PORT, MARBLE_DIST_DIR) so two runs can coexist.
const server = spawn('npx', ['next', 'start', '-p', String(port), '-H', '127.0.0.1'], { stdio: ['ignore', 'inherit', 'inherit'], detached: true });
const stopServer = () => {
  try {
    process.kill(-server.pid, 'SIGTERM');
  } catch {
    // already gone
  }
};
process.on('exit', stopServer);
process.on('SIGINT', () => process.exit(130));

async function waitForServer() {
  for (let i = 0; i < 120; i++) {
    try {
      const response = await fetch(baseUrl);
      if (response.ok) return;
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`the site did not come up at ${baseUrl} within 60 s`);
}

await waitForServer();
const status = run('npx', ['vitest', 'run', '--config', 'vitest.e2e.config.ts', ...process.argv.slice(2)], { MARBLE_BASE_URL: baseUrl });
console.log(`e2e: finished in ${((Date.now() - started) / 1000).toFixed(0)} s (build included: ${process.env.SKIP_BUILD !== '1'})`);
process.exit(status);

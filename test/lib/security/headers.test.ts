import { describe, expect, it } from 'vitest';
import { embedPolicy, IMMUTABLE, lessonPolicy, pagePolicy, securityHeaders, WORKER_ENTRY_FILE, workerPolicy } from '@/security-headers.mjs';
import { isMalformedPath } from '@/lib/security/malformed-path';

const directives = (policy: string) => new Map(policy.split('; ').map((d) => { const [name, ...values] = d.split(' '); return [name, values]; }));

describe('security headers (security-headers.mjs)', () => {
  it('pages load nothing from another origin, allow wasm but not eval, and are framed only by the site', () => {
    const page = directives(pagePolicy());
    expect(page.get('script-src')).toEqual(["'self'", "'unsafe-inline'", "'wasm-unsafe-eval'"]);
    for (const [name, values] of page) {
      if (name === 'frame-ancestors') expect(values).toEqual(["'self'"]);
      // Every source list names only this origin, data:/blob: or keywords: never a host.
      for (const v of values) expect(v).toMatch(/^('self'|'none'|'unsafe-inline'|'wasm-unsafe-eval'|data:|blob:)$/);
    }
    expect(directives(pagePolicy({ dev: true })).get('script-src')).toContain("'unsafe-eval'");
  });

  it('lesson pages add only unsafe-eval (mdx-bundler evaluates the compiled lesson), never another origin', () => {
    expect(lessonPolicy()).toBe(pagePolicy().replace("'wasm-unsafe-eval'", "'wasm-unsafe-eval' 'unsafe-eval'"));
    expect(securityHeaders().find((r) => r.source === '/lessons/:path*')?.headers).toEqual([{ key: 'Content-Security-Policy', value: lessonPolicy() }]);
  });

  it('embeds may be framed by any site; nothing else changes', () => {
    expect(directives(embedPolicy()).get('frame-ancestors')).toEqual(['*']);
    expect(embedPolicy().replace('frame-ancestors *', "frame-ancestors 'self'")).toBe(pagePolicy());
  });

  it('workers get no fonts, no images, scripts and connections from this origin only', () => {
    expect(WORKER_ENTRY_FILE.test('turbopack-worker-1hrsqshz0gfey.js')).toBe(true);
    expect(WORKER_ENTRY_FILE.test('3a4qel4hpg_k1.js')).toBe(false);
    const worker = directives(workerPolicy());
    expect(worker.get('default-src')).toEqual(["'none'"]);
    expect(worker.get('font-src')).toEqual(["'none'"]);
    expect(worker.get('img-src')).toEqual(["'none'"]);
    // Running a cell is evaluating code; what the worker loses is every other origin.
    expect(worker.get('script-src')).toEqual(["'self'", "'unsafe-eval'", "'wasm-unsafe-eval'"]);
    expect(worker.get('connect-src')).toEqual(["'self'"]);
  });

  it('versioned weights and wasm are immutable for a year; every route gets nosniff and a CSP', () => {
    const rules = securityHeaders();
    expect(IMMUTABLE).toBe('public, max-age=31536000, immutable');
    expect(rules.find((r) => r.source.startsWith('/models/'))?.headers).toEqual([{ key: 'Cache-Control', value: IMMUTABLE }]);
    expect(rules.find((r) => r.source.startsWith('/tfjs-wasm/'))?.headers).toEqual([{ key: 'Cache-Control', value: IMMUTABLE }]);
    const all = rules.find((r) => r.source === '/:path*')!.headers;
    expect(all).toContainEqual({ key: 'X-Content-Type-Options', value: 'nosniff' });
    expect(all.find((h) => h.key === 'Content-Security-Policy')?.value).toBe(pagePolicy());
  });
});

describe('malformed percent-encoding (lib/security/malformed-path.ts)', () => {
  it('finds the probe addresses and leaves good ones', () => {
    for (const bad of ['/lessons/%ZZ', '/lessons/%C0%AE%C0%AE', '/embed/%ZZ', '/%', '/lessons/a%2', '/x/%E2%82']) expect(isMalformedPath(bad), bad).toBe(true);
    for (const good of ['/', '/lessons/welcome', '/lessons/%20x', '/embed/sampler-race', '/a/%E2%82%AC', '/%25ZZ']) expect(isMalformedPath(good), good).toBe(false);
  });
});

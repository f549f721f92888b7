/**
 * Runs before routing on `next start` (a static export has no server; its host answers such paths
 * with its own 400 or 404, see docs/hosting.md). Its one job: an address whose percent-encoding does
 * not decode gets 400 with a short text, never the router's 500.
 */
import { NextResponse, type NextRequest } from 'next/server';
import { isMalformedPath, MALFORMED_PATH_MESSAGE } from '@/lib/security/malformed-path';

export function proxy(request: NextRequest): NextResponse {
  // The raw path, before any decoding: request.nextUrl may already be normalised.
  const raw = new URL(request.url).pathname;
  if (isMalformedPath(raw)) {
    return new NextResponse(MALFORMED_PATH_MESSAGE, { status: 400, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff' } });
  }
  return NextResponse.next();
}

export const config = {
  // Only page routes: static files, the model weights and the wasm binaries never need the check.
  matcher: ['/((?!_next/static|_next/image|models/|tfjs-wasm/|favicon.ico|icon.svg).*)'],
};

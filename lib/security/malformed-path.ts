/**
 * Whether a request path carries percent-encoding that cannot be decoded (`%ZZ`, a lone `%`, or
 * bytes that are not UTF-8 such as the overlong `%C0%AE`). Next's router would throw on such a
 * path and answer 500; proxy.ts answers 400 instead. Pure, so it is tested in Node.
 */
export function isMalformedPath(pathname: string): boolean {
  if (!pathname.includes('%')) return false;
  for (const segment of pathname.split('/')) {
    if (!segment.includes('%')) continue;
    try {
      decodeURIComponent(segment);
    } catch {
      return true;
    }
  }
  return false;
}

export const MALFORMED_PATH_MESSAGE = 'Bad request: the address has percent-encoding that does not decode (for example %ZZ or bytes that are not UTF-8).';

export type Params = Record<string, string>;

/** Matches `/documents/:id` style patterns; returns the decoded params or null. */
export function matchPath(pattern: string, pathname: string): Params | null {
  const patternParts = pattern.split('/').filter(Boolean);
  const pathParts = pathname.split('/').filter(Boolean);
  if (patternParts.length !== pathParts.length) return null;
  const params: Params = {};
  for (let i = 0; i < patternParts.length; i++) {
    const expected = patternParts[i] as string;
    const actual = pathParts[i] as string;
    if (expected.startsWith(':')) {
      try {
        params[expected.slice(1)] = decodeURIComponent(actual);
      } catch {
        return null; // malformed escape: treat as no match (the not-found page) rather than crash
      }
    } else if (expected !== actual) {
      return null;
    }
  }
  return params;
}

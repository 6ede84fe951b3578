/**
 * A tiny history store: the location is the single source of truth for page state, so links can be
 * shared and the back button works. React subscribes with useSyncExternalStore.
 */
export interface LocationSnapshot {
  pathname: string;
  search: string;
  hash: string;
}

type Listener = () => void;
const listeners = new Set<Listener>();
let snapshot: LocationSnapshot = readLocation();

function readLocation(): LocationSnapshot {
  const { pathname, search, hash } = window.location;
  return { pathname, search, hash };
}

function notify(): void {
  const next = readLocation();
  if (next.pathname === snapshot.pathname && next.search === snapshot.search && next.hash === snapshot.hash) return;
  snapshot = next;
  for (const listener of listeners) listener();
}

let listening = false;
function listenToBrowser(): void {
  if (listening) return;
  listening = true;
  window.addEventListener('popstate', () => {
    navigations++;
    notify();
  });
  window.addEventListener('hashchange', notify);
}

export function subscribeToLocation(listener: Listener): () => void {
  listenToBrowser();
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function getLocationSnapshot(): LocationSnapshot {
  return snapshot;
}

let navigations = 0;

/** True once the reader has moved within the app (page headings then take focus). */
export function hasNavigated(): boolean {
  return navigations > 0;
}

export function navigate(to: string, options: { replace?: boolean } = {}): void {
  navigations++;
  if (options.replace) window.history.replaceState(null, '', to);
  else window.history.pushState(null, '', to);
  notify();
}

/** Re-reads window.location; tests that set the URL directly call this. */
export function syncLocation(): void {
  notify();
}

/**
 * Test helpers for the forums, accounts and realtime features: a cookie-keeping HTTP client that
 * speaks the CSRF protocol, users of every role, and Socket.IO clients authenticated by cookie.
 * Used by tests and by the realtime benchmark; never by the running server.
 */
import type { Db, UserRole } from '@mep/db';
import { io as connectSocket, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '../../realtime/events';
import { CSRF_HEADER, SOCKET_PATH } from '@mep/vocabulary';
import { createUser } from '../accounts';
import { createSession, csrfTokenFor, SESSION_COOKIE } from '../sessions';

export type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export interface JsonResponse<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

/** A browser-like HTTP client: keeps cookies, fetches and sends the CSRF token. */
export class SessionClient {
  readonly cookies = new Map<string, string>();
  /** Sent with every request, e.g. X-Forwarded-For to pose as a client behind a trusted proxy. */
  readonly headers: Record<string, string> = {};
  constructor(readonly baseUrl: string) {}

  get cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('; ');
  }

  private keepCookies(headers: Headers): void {
    for (const line of headers.getSetCookie()) {
      const [pair] = line.split(';');
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq).trim();
      const value = decodeURIComponent(pair!.slice(eq + 1).trim());
      if (/expires=Thu, 01 Jan 1970/i.test(line) || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  /** Sends a request; state-changing methods carry the CSRF header unless `csrf: false`. */
  async request<T = any>(method: string, path: string, body?: unknown, options: { csrf?: boolean | string; headers?: Record<string, string> } = {}): Promise<JsonResponse<T>> {
    const headers: Record<string, string> = { ...this.headers, ...options.headers };
    // Fetch the token first: doing so may set the CSRF cookie this request must carry.
    if (method !== 'GET' && options.csrf !== false) {
      headers[CSRF_HEADER] = typeof options.csrf === 'string' ? options.csrf : await this.csrfToken();
    }
    if (this.cookies.size) headers.cookie = this.cookieHeader;
    // Bytes (an upload) go as they are; anything else as JSON.
    const raw = body instanceof Uint8Array;
    if (body !== undefined) headers['content-type'] = raw ? 'application/octet-stream' : 'application/json';
    const response = await fetch(this.baseUrl + path, { method, headers, body: body === undefined ? undefined : raw ? body : JSON.stringify(body) });
    this.keepCookies(response.headers);
    const text = await response.text();
    let parsed: any = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // not JSON
    }
    return { status: response.status, body: parsed, headers: response.headers };
  }

  async csrfToken(): Promise<string> {
    const existing = this.cookies.get('mep_csrf');
    if (existing) return existing;
    const response = await this.request<{ csrfToken: string }>('GET', '/api/auth/csrf');
    return response.body.csrfToken;
  }

  get = <T = any>(path: string) => this.request<T>('GET', path);
  post = <T = any>(path: string, body: unknown = {}) => this.request<T>('POST', path, body);
  put = <T = any>(path: string, body: unknown = {}) => this.request<T>('PUT', path, body);
  patch = <T = any>(path: string, body: unknown = {}) => this.request<T>('PATCH', path, body);
  del = <T = any>(path: string, body?: unknown) => this.request<T>('DELETE', path, body);

  /** Opens a Socket.IO connection with this client's cookies. */
  socket(options: { autoConnect?: boolean; forceNew?: boolean; reconnection?: boolean } = {}): ClientSocket {
    return connectSocket(this.baseUrl, {
      path: SOCKET_PATH,
      transports: ['websocket'],
      extraHeaders: this.cookies.size ? { cookie: this.cookieHeader } : {},
      forceNew: options.forceNew ?? true,
      autoConnect: options.autoConnect ?? true,
      reconnection: options.reconnection ?? true,
      reconnectionDelay: 50,
      reconnectionDelayMax: 200,
    }) as ClientSocket;
  }
}

/** A client of `url` with the cookies (session) of `from`: the same browser talking to another node. */
export function sameBrowser(from: SessionClient, url: string): SessionClient {
  const client = new SessionClient(url);
  for (const [k, v] of from.cookies) client.cookies.set(k, v);
  return client;
}

let counter = 0;

/**
 * Creates a user with a role straight in the database and returns a client signed in as them
 * (faster than the registration flow, which has its own tests).
 */
export async function signedInClient(db: Db, baseUrl: string, role: UserRole, name?: string): Promise<{ client: SessionClient; userId: string }> {
  counter += 1;
  const user = await createUser(db, {
    email: `${role}-${counter}-${process.pid}@mep.test`,
    password: 'a long enough password',
    displayName: name ?? `${role} ${counter}`,
    role,
    party: role === 'focal_point' ? 'party:BRA' : null,
  });
  const { token } = await createSession(db, user.id);
  const client = new SessionClient(baseUrl);
  client.cookies.set(SESSION_COOKIE, token);
  client.cookies.set('mep_csrf', csrfTokenFor(token, undefined) as string);
  return { client, userId: user.id };
}

/** Resolves when the socket is connected (rejects on a connection error). */
export function connected(socket: ClientSocket): Promise<void> {
  if (socket.connected) return Promise.resolve();
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
}

/** Emits an event and resolves with its acknowledgement. */
export function emitWithAck<R = any>(socket: ClientSocket, event: string, payload: unknown, timeoutMs = 5000): Promise<R> {
  return (socket as unknown as { timeout(ms: number): { emitWithAck(event: string, payload: unknown): Promise<R> } }).timeout(timeoutMs).emitWithAck(event, payload);
}

/** Resolves with the next event of that name (or rejects after a timeout). */
export function nextEvent<T = any>(socket: ClientSocket, event: keyof ServerToClientEvents, timeoutMs = 5000, filter: (payload: T) => boolean = () => true): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.off(event, listener as never);
      reject(new Error(`No ${event} within ${timeoutMs} ms`));
    }, timeoutMs);
    const listener = (payload: T) => {
      if (!filter(payload)) return;
      clearTimeout(timer);
      socket.off(event, listener as never);
      resolve(payload);
    };
    socket.on(event, listener as never);
  });
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

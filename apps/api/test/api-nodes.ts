/**
 * Several real API nodes for tests: `mep serve --migrate` child processes sharing one database, one
 * Meilisearch and one redis-server, and a TCP balancer in front of them that a test can point at another
 * node or cut (as a load balancer does when a node dies or is taken out).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { closeDatabase, isPostgresUrl, openDatabase, type Db } from '@mep/db';
import { createTestDatabaseTarget } from '@mep/db/testing';
import { startEmbeddedMeilisearch, type EmbeddedMeilisearch } from '@mep/ingest';
import { startRedis } from './redis-server';

const repoRoot = resolve(import.meta.dirname, '../../..');

export interface ApiNode {
  url: string;
  port: number;
  child: ChildProcess;
}

export interface ApiCluster {
  nodes: ApiNode[];
  /** The shared database, opened by the test process too. */
  db: Db;
  close(): Promise<void>;
}

/** Starts one API process as `mep serve` does with `env`; resolves once it listens. */
function startNode(env: Record<string, string>, children: ChildProcess[]): Promise<ApiNode> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(repoRoot, 'apps/api/src/cli/main.ts'), 'serve', '--migrate', '--host', '127.0.0.1'], {
    cwd: repoRoot,
    env: { ...process.env, ...env, PORT: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let output = '';
  return new Promise((resolveStart, reject) => {
    const timer = setTimeout(() => reject(new Error(`API process did not start: ${output}`)), 120_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        const url = match[1]!.replace('localhost', '127.0.0.1');
        resolveStart({ url, port: Number(new URL(url).port), child });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code, signal) => reject(new Error(`API process exited with ${code ?? signal}: ${output}`)));
  });
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([exited, new Promise((r) => (timer = setTimeout(r, 5000))).then(() => child.kill('SIGKILL'))]);
  clearTimeout(timer);
}

/** Starts `count` API nodes with REDIS_URL set, sharing SQLite (or the PostgreSQL run's database), Meilisearch and Redis. */
export async function startApiCluster(count: number, extraEnv: Record<string, string> = {}): Promise<ApiCluster> {
  const dataDir = mkdtempSync(join(tmpdir(), 'mep-nodes-'));
  const children: ChildProcess[] = [];
  let meili: EmbeddedMeilisearch | undefined;
  let db: Db | undefined;
  const close = async () => {
    if (db) await closeDatabase(db);
    for (const child of [...children].reverse()) await stopChild(child);
    await meili?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    const redis = await startRedis();
    children.push(redis.child);
    meili = await startEmbeddedMeilisearch({ dataDir: join(dataDir, 'meili') });
    const database = await createTestDatabaseTarget(join(dataDir, 'data'));
    const env: Record<string, string> = { MEP_DATA_DIR: join(dataDir, 'data'), MEILI_URL: meili.url, MEILI_MASTER_KEY: meili.masterKey, REDIS_URL: redis.url, ...extraEnv };
    if (isPostgresUrl(database)) env.DATABASE_URL = database;
    // One after the other: the first applies the migrations and seeds the forums.
    const nodes: ApiNode[] = [];
    for (let i = 0; i < count; i += 1) nodes.push(await startNode(env, children));
    db = await openDatabase(database);
    return { nodes, db, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/** A TCP balancer on a free loopback port: forwards every new connection to the node it points at. */
export interface Balancer {
  url: string;
  /** Sends new connections to `port`; `null` refuses them (every node out of rotation). */
  pointAt(port: number | null): void;
  /** Cuts every open connection, as a balancer does when its backend dies. */
  cutAll(): void;
  close(): Promise<void>;
}

export async function startBalancer(port: number | null): Promise<Balancer> {
  let target = port;
  const open = new Set<Socket>();
  const server: Server = createServer((client) => {
    if (target === null) {
      client.destroy();
      return;
    }
    const upstream = createConnection({ host: '127.0.0.1', port: target });
    open.add(client).add(upstream);
    const drop = () => {
      client.destroy();
      upstream.destroy();
      open.delete(client);
      open.delete(upstream);
    };
    client.on('error', drop).on('close', drop);
    upstream.on('error', drop).on('close', drop);
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('balancer has no port');
  return {
    url: `http://127.0.0.1:${address.port}`,
    pointAt: (next) => (target = next),
    cutAll: () => {
      for (const socket of open) socket.destroy();
      open.clear();
    },
    close: () =>
      new Promise((r) => {
        for (const socket of open) socket.destroy();
        server.close(() => r());
      }),
  };
}

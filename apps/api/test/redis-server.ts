import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { findFreePort } from '@mep/ingest';

/** The Debian redis-server binary, when installed (scripts/ensure-system-deps.sh installs it). */
export const redisBinary = ['/usr/bin/redis-server', '/usr/local/bin/redis-server'].find((path) => spawnSync(path, ['--version']).status === 0);

export interface RedisServer {
  url: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

/** Starts a throw-away redis-server on a free loopback port (no persistence). */
export async function startRedis(): Promise<RedisServer> {
  if (!redisBinary) throw new Error('no redis-server binary (apt-get install -y redis-server)');
  const port = await findFreePort();
  const child = spawn(redisBinary, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: ['ignore', 'pipe', 'pipe'] });
  await new Promise<void>((resolveStart, reject) => {
    const timer = setTimeout(() => reject(new Error('redis-server did not start')), 10_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('Ready to accept connections')) {
        clearTimeout(timer);
        resolveStart();
      }
    });
    child.once('exit', (code) => reject(new Error(`redis-server exited with ${code}`)));
  });
  return {
    url: `redis://127.0.0.1:${port}`,
    child,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

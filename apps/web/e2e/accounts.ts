import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const repoRoot = join(import.meta.dirname, '..', '..', '..');

/**
 * Creates an account with `mep user create` in the platform's data directory (a moderator, say:
 * the web cannot make one). Returns the CLI's exit status and stderr for the test's message.
 */
export function createUserWithCli(dataDir: string, user: { email: string; role: string; name: string; password: string }): { status: number | null; stderr: string } {
  const created = spawnSync('pnpm', ['--silent', 'mep', 'user', 'create', '--email', user.email, '--role', user.role, '--name', user.name, '--password-stdin'], {
    cwd: repoRoot,
    env: { ...process.env, MEP_DATA_DIR: dataDir },
    input: user.password,
    encoding: 'utf8',
  });
  return { status: created.status, stderr: created.stderr };
}

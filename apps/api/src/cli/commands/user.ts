import { randomBytes } from 'node:crypto';
import { closeDatabase, openDatabase } from '@mep/db';
import { USER_ROLES, type UserRole } from '@mep/vocabulary';
import { InvalidArgumentError, type Command } from 'commander';
import { readConfig, type Config } from '../../config';
import { createUser, PASSWORD_MIN_LENGTH } from '../../services/accounts';

const ROLES: readonly UserRole[] = USER_ROLES;

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
}

/**
 * Registers `mep user create`: the way to create the first administrator (and any account with a
 * role) without the web app. Only SQLite is opened; Meilisearch is not needed.
 */
export function registerUserCommands(program: Command, config: () => Config = () => readConfig()): void {
  const user = program.command('user').description('manage accounts');
  user
    .command('create')
    .description('create an account, e.g. the first administrator')
    .requiredOption('--email <email>', 'e-mail address (the sign-in name)')
    .option('--role <role>', `one of ${ROLES.join(', ')}`, (value: string) => {
      if (!ROLES.includes(value as UserRole)) throw new InvalidArgumentError(`Choose one of ${ROLES.join(', ')}.`);
      return value as UserRole;
    }, 'member' as UserRole)
    .option('--name <name>', 'display name (defaults to the part of the e-mail before @)')
    .option('--party <party>', 'party:<ISO3>, required for a focal point')
    .option('--password <password>', `password (at least ${PASSWORD_MIN_LENGTH} characters); prefer --password-stdin`)
    .option('--password-stdin', 'read the password from standard input')
    .action(async (options: { email: string; role: UserRole; name?: string; party?: string; password?: string; passwordStdin?: boolean }) => {
      let password = options.passwordStdin ? await readStdin() : options.password;
      const generated = !password;
      password ??= randomBytes(12).toString('base64url');
      const db = await openDatabase(config().database);
      try {
        const created = await createUser(db, {
          email: options.email,
          password,
          displayName: options.name ?? options.email.split('@')[0] ?? options.email,
          role: options.role,
          party: options.party ?? null,
        });
        process.stdout.write(`Created ${created.role} ${created.email} (id ${created.id}).\n`);
        // Shown once, so the operator can sign in; it is stored only as a scrypt hash.
        if (generated) process.stdout.write(`Generated password: ${password}\n`);
      } finally {
        await closeDatabase(db);
      }
    });
}

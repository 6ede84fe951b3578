import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { SMTPServer } from 'smtp-server';

/**
 * The e2e platform's SMTP server: each message becomes `<n>.json` ({ to, raw }) in `dir`, with
 * quoted-printable soft line breaks and `=3D` undone, so tests (other processes) can read the links.
 */
export async function startMailCatcher(dir: string): Promise<{ url: string; close(): Promise<void> }> {
  let count = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      let raw = '';
      stream.on('data', (chunk: Buffer) => (raw += chunk.toString()));
      stream.on('end', () => {
        count += 1;
        const to = session.envelope.rcptTo.map((r) => r.address);
        writeFileSync(join(dir, `${String(count).padStart(5, '0')}.json`), JSON.stringify({ to, raw: raw.replace(/=\r?\n/g, '').replace(/=3D/g, '=') }));
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return { url: `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** The path and query of the newest link to `path` e-mailed to `address` (waits up to 30 s for it). */
export async function linkFromMail(dir: string, address: string, path: string): Promise<string> {
  const deadline = Date.now() + 30_000;
  const pattern = new RegExp(`https?://[^/\\s]+(${path.replace(/[/]/g, '\\/')}\\?token=[A-Za-z0-9_-]+)`);
  for (;;) {
    const mails = readdirSync(dir)
      .sort()
      .reverse()
      .flatMap((name) => {
        try {
          return [JSON.parse(readFileSync(join(dir, name), 'utf8')) as { to: string[]; raw: string }];
        } catch {
          return []; // still being written
        }
      });
    const match = mails.filter((m) => m.to.includes(address.toLowerCase())).map((m) => pattern.exec(m.raw)).find(Boolean);
    if (match) return match[1]!;
    if (Date.now() > deadline) throw new Error(`no ${path} link e-mailed to ${address} within 30 s`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

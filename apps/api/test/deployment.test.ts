import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { Ajv } from 'ajv';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { configEnvSchema, readConfig } from '../src/config';

const repoRoot = resolve(import.meta.dirname, '../../..');
const read = (file: string) => readFileSync(join(repoRoot, file), 'utf8');
const COMPOSE_ONLY_HEADING = /^# ─+ compose\.yaml only/m;

/** Every variable the API's configuration reads: the zod schema's keys and whatever readConfig looks up itself. */
function configKeys(): Set<string> {
  const schemaKeys = new Set(Object.keys(configEnvSchema.shape));
  const looked = new Set<string>(schemaKeys);
  // Answer every key read outside the schema, so that settings read only when another is set
  // (the S3 ones, once a bucket is named) are read on the next pass; stop when no new key appears.
  for (let size = -1; size !== looked.size; ) {
    size = looked.size;
    const answered = new Set([...looked].filter((key) => !schemaKeys.has(key)));
    readConfig(
      new Proxy({} as NodeJS.ProcessEnv, {
        get(_target, key) {
          if (typeof key !== 'string') return undefined;
          looked.add(key);
          return answered.has(key) ? 'x' : undefined;
        },
      }),
    );
  }
  return looked;
}

/** `KEY=` lines of a part of .env.example, commented out or not. */
function envKeys(text: string): string[] {
  return [...text.matchAll(/^#? ?([A-Z][A-Z0-9_]*)=/gm)].map((m) => m[1]!);
}

const envExample = read('.env.example');
const [apiPart, composePart] = envExample.split(COMPOSE_ONLY_HEADING) as [string, string];
const composeText = read('compose.yaml');
const compose = parse(composeText) as { services: Record<string, any> };

describe('.env.example', () => {
  it('documents every setting the API reads, and nothing it does not', () => {
    expect(composePart, 'the compose-only heading is missing').toBeDefined();
    expect(new Set(envKeys(apiPart))).toEqual(configKeys());
    expect(envKeys(apiPart).length, 'a setting is listed twice').toBe(new Set(envKeys(apiPart)).size);
  });

  it('documents every variable compose.yaml interpolates, and lists none it does not use', () => {
    const interpolated = new Set([...composeText.matchAll(/\$\{([A-Z][A-Z0-9_]*)/g)].map((m) => m[1]!));
    expect(new Set(envKeys(composePart))).toEqual(new Set([...interpolated].filter((key) => !configKeys().has(key))));
    for (const key of interpolated) expect(envKeys(envExample)).toContain(key);
  });

  it('is accepted by the configuration as it stands (a fresh .env works)', () => {
    const values = Object.fromEntries([...apiPart.matchAll(/^([A-Z][A-Z0-9_]*)=(.*)$/gm)].map((m) => [m[1]!, m[2]!]));
    expect(() => readConfig(values)).not.toThrow();
  });
});

describe('compose.yaml', () => {
  it('is valid against the Compose Specification schema', () => {
    const schemaFile = join(dirname(createRequire(import.meta.url).resolve('dclint/package.json')), 'schemas/compose.schema.json');
    const ajv = new Ajv({ strict: false, allErrors: true, validateSchema: false });
    const validate = ajv.compile(JSON.parse(readFileSync(schemaFile, 'utf8')));
    const valid = validate(compose);
    expect(validate.errors ?? [], JSON.stringify(validate.errors, null, 2)).toEqual([]);
    expect(valid).toBe(true);
  });

  it('passes dclint (schema and best practices) without a problem', () => {
    const dclint = resolve(import.meta.dirname, '../node_modules/.bin/dclint');
    const result = spawnSync(dclint, [join(repoRoot, 'compose.yaml')], { encoding: 'utf8' });
    expect(`${result.stdout}${result.stderr}`.trim()).toBe('');
    expect(result.status).toBe(0);
  });

  it('runs the app beside official Meilisearch, PostgreSQL, Redis and MinIO images, wired by settings the API reads', () => {
    const images = Object.values(compose.services).map((service) => String(service.image ?? ''));
    for (const official of [/^getmeili\/meilisearch:v\d/, /^postgres:\d+/, /^redis:\d/, /^minio\/minio:RELEASE\./]) {
      expect(images.some((image) => official.test(image)), String(official)).toBe(true);
    }
    const api = compose.services.api;
    expect(api.build).toBe('.');
    // The API starts after the one-shot `mep migrate` (which waits for PostgreSQL): it refuses an unmigrated database.
    expect(Object.keys(api.depends_on).sort()).toEqual(['meilisearch', 'migrate', 'minio-bucket', 'redis']);
    const migrate = compose.services.migrate;
    expect(migrate.command).toEqual(['migrate']);
    expect(Object.keys(migrate.depends_on)).toEqual(['postgres']);
    expect(migrate.environment.DATABASE_URL).toBe(api.environment.DATABASE_URL);
    // Every key is a setting the API reads.
    const unknown = Object.keys(api.environment).filter((key) => !configKeys().has(key));
    expect(unknown).toEqual([]);
    expect(api.environment.DATABASE_URL).toMatch(/^postgres:\/\/.*@postgres:5432\//);
  });
});

describe('Dockerfile', () => {
  const dockerfile = read('Dockerfile');
  const stages = [...dockerfile.matchAll(/^FROM\s+(\S+)(?:\s+AS\s+(\S+))?/gim)].map((m) => ({ image: m[1]!, name: m[2] }));
  const finalStage = dockerfile.slice(dockerfile.lastIndexOf('\nFROM '));

  it('is multi-stage on Node 24 and runs as an unprivileged user', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    expect(dockerfile).toMatch(/^ARG NODE_VERSION=24$/m);
    expect(stages.at(-1)!.image).toBe('node:${NODE_VERSION}-bookworm-slim');
    const user = /^USER\s+(\S+)/m.exec(finalStage)?.[1];
    expect(user).toBeDefined();
    expect(['root', '0']).not.toContain(user);
    expect(finalStage).not.toMatch(/pnpm install(?![^\n]*--prod)/);
  });

  it('copies only files that exist, and keeps secrets and local data out of the build context', () => {
    for (const [, source] of dockerfile.matchAll(/^COPY (?!--from)(?:--\S+ )*(\S+) /gm)) {
      if (source === '.') continue;
      expect(existsSync(join(repoRoot, source!)), `${source} is missing`).toBe(true);
    }
    const ignored = read('.dockerignore').split('\n');
    for (const entry of ['.env', 'data', '**/node_modules']) expect(ignored).toContain(entry);
  });
});

describe('LICENSE', () => {
  it('is the Apache License 2.0, as every package.json says', () => {
    expect(read('LICENSE')).toMatch(/Apache License\s+Version 2\.0, January 2004/);
    for (const manifest of ['package.json', 'apps/api/package.json', 'apps/web/package.json', 'packages/db/package.json', 'packages/ingest/package.json', 'packages/taxonomy/package.json']) {
      expect(JSON.parse(read(manifest)).license, manifest).toBe('Apache-2.0');
    }
  });
});

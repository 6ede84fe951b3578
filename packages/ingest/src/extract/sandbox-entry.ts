/**
 * How the sandbox child starts. From the TypeScript source, a child would load the tsx loader and
 * compile its modules at every start (about 2.5 s on a busy 2-core machine, 1.5 s of which is tsx);
 * instead the child's code is bundled once per process with esbuild (tsx's own dependency) into
 * node_modules/.cache, and children start from plain JavaScript (under 1 s). When esbuild cannot be
 * loaded or the bundle fails, children fall back to the tsx loader: slower, never broken.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export interface ChildCommand {
  entry: string;
  execArgv: string[];
}

/** npm packages stay outside the bundle (resolved from the ingest package); the workspace's TypeScript goes in. */
function externalPackages(packageDir: string): string[] {
  const names = new Set<string>();
  for (const dir of [packageDir, join(packageDir, '../taxonomy'), join(packageDir, '../vocabulary')]) {
    try {
      const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> };
      for (const name of Object.keys(manifest.dependencies ?? {})) if (!name.startsWith('@mep/')) names.add(name);
    } catch {
      // A package without a manifest adds nothing.
    }
  }
  // Subpath imports ("eld/small") are external with their package.
  return [...names].flatMap((name) => [name, `${name}/*`]);
}

interface EsbuildApi {
  buildSync(options: Record<string, unknown>): { outputFiles?: { text: string }[] };
}

function bundleChild(sourceEntry: string): string | undefined {
  try {
    const here = fileURLToPath(import.meta.url);
    const packageDir = join(dirname(here), '../..');
    const requireFromTsx = createRequire(createRequire(here).resolve('tsx'));
    const esbuild = requireFromTsx('esbuild') as EsbuildApi;
    const result = esbuild.buildSync({
      entryPoints: [sourceEntry],
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node22',
      write: false,
      external: externalPackages(packageDir),
      logLevel: 'silent',
    });
    const text = result.outputFiles?.[0]?.text;
    if (!text) return undefined;
    // Inside the package, so the external packages resolve from its node_modules; named by content,
    // so two processes (or two versions of the code) never overwrite each other's bundle.
    const cacheDir = join(packageDir, 'node_modules/.cache/mep-sandbox');
    mkdirSync(cacheDir, { recursive: true });
    const file = join(cacheDir, `sandbox-child-${createHash('sha256').update(text).digest('hex').slice(0, 16)}.mjs`);
    writeFileSync(file, text);
    return file;
  } catch {
    return undefined;
  }
}

let cached: ChildCommand | undefined;

/** The command that starts a sandbox child: compiled JavaScript, a bundle of the source, or the source with tsx. */
export function resolveChildCommand(): ChildCommand {
  if (cached) return cached;
  const here = import.meta.url;
  if (!here.endsWith('.ts')) {
    cached = { entry: fileURLToPath(new URL('./sandbox-child.js', here)), execArgv: [] };
    return cached;
  }
  const source = fileURLToPath(new URL('./sandbox-child.ts', here));
  const bundled = process.env.MEP_SANDBOX_BUNDLE === '0' ? undefined : bundleChild(source);
  if (bundled) cached = { entry: bundled, execArgv: [] };
  else cached = { entry: source, execArgv: ['--import', pathToFileURL(createRequire(here).resolve('tsx')).href] };
  return cached;
}

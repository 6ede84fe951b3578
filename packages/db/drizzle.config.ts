import { defineConfig } from 'drizzle-kit';

/** SQLite migrations (the embedded default): `pnpm --filter @mep/db generate <name>` writes both dialects. */
export default defineConfig({
  dialect: 'sqlite',
  schema: './src/schema/index.ts',
  out: './drizzle/sqlite',
});

import { defineConfig } from 'drizzle-kit';

/** PostgreSQL migrations, generated from the same tables (`src/pg-schema.ts` derives the PostgreSQL DDL). */
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/pg-schema.ts',
  out: './drizzle/pg',
});

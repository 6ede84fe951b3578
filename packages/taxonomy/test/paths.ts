import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** ../shared from the repository root, seen from this test folder. */
export const SHARED = resolve(dirname(fileURLToPath(import.meta.url)), '../../../../shared');
export const REFERENCE = resolve(SHARED, 'reference');
export const CORPUS = resolve(SHARED, 'corpus');

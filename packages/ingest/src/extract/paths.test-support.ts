/** Locations of the shared corpus and the fixtures, resolved from this file (never copied). */
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
export const SHARED = fileURLToPath(new URL('../../../../../shared/', import.meta.url));
export const CORPUS = `${SHARED}corpus/`;
export const ROBUSTNESS = `${SHARED}robustness/`;
export const FIXTURES = `${REPO_ROOT}fixtures/`;

/**
 * zod schemas of @mep/vocabulary's lists, shared by the route schemas: request validation, response
 * contracts and the OpenAPI document all take their enums from here.
 */
import { CONCEPT_SCHEMES, DOCUMENT_LANGUAGES, UN_LANGUAGES, USER_ROLES, type Lang } from '@mep/vocabulary';
import { z } from 'zod';

/** `z.object` with the same schema under each of `keys`: an object the OpenAPI document spells out key by key. */
export function objectOf<K extends string, T extends z.ZodType>(keys: readonly K[], value: T): z.ZodObject<Record<K, T>> {
  return z.object(Object.fromEntries(keys.map((key) => [key, value])) as Record<K, T>);
}

export const languageSchema = z.enum(UN_LANGUAGES);
export const documentLanguageSchema = z.enum(DOCUMENT_LANGUAGES);
export const roleSchema = z.enum(USER_ROLES);
export const schemeSchema = z.enum(CONCEPT_SCHEMES);
/** A text in each of the six UN languages. */
export const labelsSchema = objectOf<Lang, z.ZodString>(UN_LANGUAGES, z.string());

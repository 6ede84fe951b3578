/**
 * Display names are what other users trust when they read a post, so they are normalised (NFKC,
 * spaces collapsed) and may not carry invisible or direction-changing characters, nor pass for a
 * moderator's or administrator's name. The web app also marks staff roles beside every name.
 */
import { users, type Db, type UserRole } from '@mep/db';
import { and, inArray, isNull } from 'drizzle-orm';
import { ApiError } from '../errors';

export const DISPLAY_NAME_MIN = 2;
export const DISPLAY_NAME_MAX = 80;

/**
 * Control (Cc), format (Cf: zero-width spaces and joiners, bidi embeddings / overrides / isolates,
 * the BOM…), private-use (Co), unassigned (Cn) and line / paragraph separators.
 */
const FORBIDDEN = /[\p{Cc}\p{Cf}\p{Co}\p{Cn}\p{Zl}\p{Zp}]/u;

/** Latin look-alikes from other scripts and digits, for the comparison with staff names only. */
const CONFUSABLES: Record<string, string> = {
  а: 'a', в: 'b', е: 'e', ё: 'e', к: 'k', м: 'm', н: 'h', о: 'o', р: 'p', с: 'c', т: 't', у: 'y', х: 'x', і: 'i', ї: 'i', ј: 'j', ѕ: 's', ԁ: 'd', ԛ: 'q', ԝ: 'w', ɡ: 'g',
  α: 'a', β: 'b', ε: 'e', η: 'n', ι: 'i', κ: 'k', ν: 'v', ο: 'o', ρ: 'p', τ: 't', υ: 'u', χ: 'x', γ: 'y', ω: 'w',
  '0': 'o', '1': 'l', '3': 'e', '4': 'a', '5': 's', '7': 't', '8': 'b', '|': 'l', '!': 'l', '$': 's', '@': 'a', i: 'l',
};

/** Names nobody may take, whatever their role: they would read as the platform speaking. */
const RESERVED = ['admin', 'administrator', 'moderator', 'secretariat', 'system', 'minamata exchange platform', 'deleted user'];

/**
 * A comparison key that ignores case, accents, spacing, punctuation and look-alike letters:
 * "Ada  Lovelace", "ada lovelace" and "Аda Lоvelace" (Cyrillic А and о) share one.
 */
export function nameSkeleton(name: string): string {
  return [...name.normalize('NFKD').toLowerCase().replace(/\p{M}/gu, '')]
    .map((c) => CONFUSABLES[c] ?? c)
    .join('')
    .replace(/rn/g, 'm')
    .replace(/vv/g, 'w')
    .replace(/[^\p{L}\p{N}]/gu, '');
}

/**
 * Normalises a display name and checks it; returns the name to store.
 *
 * @param who the user being named: their own name is no impersonation, and staff (moderators,
 *   administrators) may use any name, since their role badge is shown beside it.
 * @throws ApiError (400) `display_name_invalid` for invisible / control / bidi characters or a bad
 *   length, `display_name_reserved` for a name that reads as a staff member's or the platform's.
 */
export async function normalizeDisplayName(db: Db, raw: string, who: { id?: string; role?: UserRole } = {}): Promise<string> {
  const normalized = raw.normalize('NFKC');
  if (FORBIDDEN.test(normalized)) throw invalid('The name contains invisible, control or text-direction characters.');
  const name = normalized.replace(/\s+/gu, ' ').trim();
  const length = [...name].length;
  if (length < DISPLAY_NAME_MIN || length > DISPLAY_NAME_MAX) throw invalid(`The name must have ${DISPLAY_NAME_MIN} to ${DISPLAY_NAME_MAX} characters.`);
  if (!/[\p{L}\p{N}]/u.test(name)) throw invalid('The name must contain letters or digits.');
  if (who.role === 'moderator' || who.role === 'admin') return name;
  const skeleton = nameSkeleton(name);
  const staff = await db
    .select({ id: users.id, displayName: users.displayName })
    .from(users)
    .where(and(inArray(users.role, ['moderator', 'admin']), isNull(users.deletedAt)))
    .all();
  if (RESERVED.some((word) => nameSkeleton(word) === skeleton) || staff.some((s) => s.id !== who.id && nameSkeleton(s.displayName) === skeleton)) {
    throw new ApiError('display_name_reserved', 'This name is too close to the name of a moderator, an administrator or the platform; choose another.', 400);
  }
  return name;
}

function invalid(message: string): ApiError {
  return new ApiError('display_name_invalid', message, 400);
}

/**
 * The password strength policy, one function for every place a password is chosen: registration,
 * password change, the CLI, and password reset (issue 12). Length alone let through ten spaces,
 * `aaaaaaaaaa`, `1234567890` and `password12`; zxcvbn-ts estimates how guessable a password is from
 * dictionaries of common passwords, words and names, keyboard patterns, repeats and sequences.
 */
import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as en from '@zxcvbn-ts/language-en';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '@mep/vocabulary';
import { ApiError } from '../errors';

/** Shared with the web app's forms (@mep/vocabulary). */
export { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH };
/** zxcvbn score 0–4; 3 means "safely unguessable: moderate protection from offline slow-hash attacks". */
export const PASSWORD_MIN_SCORE = 3;

let estimator: ZxcvbnFactory | undefined;
const estimate = (password: string, userInputs: string[]) =>
  (estimator ??= new ZxcvbnFactory({ dictionary: { ...common.dictionary, ...en.dictionary }, graphs: common.adjacencyGraphs, translations: en.translations })).check(password, userInputs);

/** A 400 with code `weak_password`; `details.reason` is stable, `details.warning` is zxcvbn's (English) hint. */
export class WeakPasswordError extends ApiError {
  constructor(message: string, reason: 'too_short' | 'too_long' | 'blank' | 'guessable', warning?: string | null) {
    super('weak_password', message, 400, { reason, ...(warning ? { warning } : {}) });
  }
}

/**
 * Throws {@link WeakPasswordError} unless `password` is long enough, not blank and hard to guess.
 * `related` are things about the user (e-mail, display name) that must not make up the password.
 */
export function assertStrongPassword(password: string, related: ReadonlyArray<string | null | undefined> = []): void {
  const normalized = password.normalize('NFKC');
  if ([...normalized].length < PASSWORD_MIN_LENGTH) throw new WeakPasswordError(`The password must have at least ${PASSWORD_MIN_LENGTH} characters.`, 'too_short');
  if (normalized.length > PASSWORD_MAX_LENGTH) throw new WeakPasswordError(`The password must have at most ${PASSWORD_MAX_LENGTH} characters.`, 'too_long');
  // \s covers the no-break and other Unicode spaces; format characters (zero-width…) are invisible too.
  if (/^[\s\p{Cf}]*$/u.test(normalized)) throw new WeakPasswordError('The password cannot be only spaces.', 'blank');
  const inputs = related.flatMap((value) => (value ? [value, ...value.split(/[@\s.]+/)] : [])).filter((value) => value.length >= 3);
  const result = estimate(normalized, inputs);
  if (result.score < PASSWORD_MIN_SCORE) {
    throw new WeakPasswordError('This password is too easy to guess: use a longer phrase of unrelated words.', 'guessable', result.feedback.warning);
  }
}

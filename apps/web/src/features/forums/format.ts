import type { PublicUserDto } from '@mep/api/realtime-events';
import type { TranslateFn } from '../../i18n/LanguageProvider';
import type { Lang } from '../../i18n/languages';
import type { ForumKey } from './messages';

export { formatDateTime } from '../../i18n/dates';

/** The localized title of a forum (English when a language is missing). */
export function forumTitle(title: Record<string, string>, lang: Lang): string {
  return title[lang] ?? title.en ?? Object.values(title)[0] ?? '';
}

/** A badge for roles other readers should notice (focal points speak for a party). */
export function roleBadge(t: TranslateFn<ForumKey>, author: PublicUserDto): string | null {
  if (author.deleted) return null;
  if (author.role === 'focal_point' && author.party) return t('focalPoint', { party: author.party.replace(/^party:/, '') });
  if (author.role === 'moderator') return t('moderator');
  if (author.role === 'admin') return t('admin');
  return null;
}

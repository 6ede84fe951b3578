import type { ComponentType } from 'react';
import type { SelfUserDto } from '@mep/api/realtime-events';
import { translate, type MessageBundle } from '../i18n/catalog';
import type { Lang } from '../i18n/languages';
import type { Params } from '../router/match';

export interface PageProps {
  params: Params;
}

export interface NavEntry {
  href: string;
  label: (lang: Lang) => string;
  /** Path prefixes under which this entry is the current section (aria-current). */
  activeFor: string[];
  /** Shown only when this says so for the signed-in user (null: nobody signed in), e.g. moderators. */
  visibleTo?: (user: SelfUserDto | null) => boolean;
}

export interface RouteDef {
  path: string;
  component: ComponentType<PageProps>;
  /** Present when the route also appears in the main navigation. */
  nav?: NavEntry;
}

/** A nav label from any feature's catalog, typed on that catalog's keys. */
export function navLabel<K extends string>(bundle: MessageBundle<K>, key: K): (lang: Lang) => string {
  return (lang) => translate(bundle, lang, key);
}

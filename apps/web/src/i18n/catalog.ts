import type { Lang } from './languages';

/**
 * A message is plain text with `{name}` placeholders, or a plural set chosen by Intl.PluralRules
 * for the `count` variable (Arabic and Russian need more than one/other).
 */
export type PluralMessage = { other: string } & Partial<Record<Intl.LDMLPluralRule, string>>;
export type Message = string | PluralMessage;

/** English is the source language: its keys define what every other language must translate. */
export type Catalog<K extends string> = { en: Record<K, Message> } & Record<Exclude<Lang, 'en'>, Record<K, Message>>;

export type Vars = Record<string, string | number>;

/** A feature's registered catalog; `useT(messages)` turns it into a typed translate function. */
export interface MessageBundle<K extends string> {
  readonly namespace: string;
  readonly catalog: Catalog<K>;
}

const registry = new Map<string, MessageBundle<string>>();

/**
 * Registers a feature's catalog. Features own their messages (src/features/<feature>/messages.ts),
 * so a new feature adds a file instead of editing a shared catalog.
 */
export function registerMessages<K extends string>(namespace: string, catalog: Catalog<K>): MessageBundle<K> {
  const bundle: MessageBundle<K> = { namespace, catalog };
  registry.set(namespace, bundle as MessageBundle<string>);
  return bundle;
}

/** All registered namespaces; used by tests to check every catalog is complete. */
export function listRegisteredBundles(): MessageBundle<string>[] {
  return [...registry.values()];
}

const pluralRulesCache = new Map<Lang, Intl.PluralRules>();

function selectPlural(lang: Lang, count: number): Intl.LDMLPluralRule {
  let rules = pluralRulesCache.get(lang);
  if (!rules) {
    rules = new Intl.PluralRules(lang);
    pluralRulesCache.set(lang, rules);
  }
  return rules.select(count);
}

export function formatNumber(lang: Lang, value: number): string {
  return new Intl.NumberFormat(lang).format(value);
}

function interpolate(lang: Lang, text: string, vars: Vars | undefined): string {
  if (!vars) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = vars[name];
    if (value === undefined) return whole;
    return typeof value === 'number' ? formatNumber(lang, value) : value;
  });
}

/** Looks a key up in one language, falling back to English so a gap never shows a raw key. */
export function translate<K extends string>(bundle: MessageBundle<K>, lang: Lang, key: K, vars?: Vars): string {
  const message = bundle.catalog[lang][key] ?? bundle.catalog.en[key];
  if (message === undefined) return key;
  if (typeof message === 'string') return interpolate(lang, message, vars);
  const count = typeof vars?.count === 'number' ? vars.count : 0;
  const text = message[selectPlural(lang, count)] ?? message.other;
  return interpolate(lang, text, vars);
}

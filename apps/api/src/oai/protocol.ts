/**
 * OAI-PMH 2.0 requests: which arguments each verb takes, dates with seconds granularity, stateless
 * resumption tokens (the filter plus the last (datestamp, id) delivered), and the protocol's errors.
 */
import { z } from 'zod';

export const VERBS = ['Identify', 'ListMetadataFormats', 'ListSets', 'ListIdentifiers', 'ListRecords', 'GetRecord'] as const;
export type Verb = (typeof VERBS)[number];

export type OaiErrorCode =
  | 'badArgument'
  | 'badResumptionToken'
  | 'badVerb'
  | 'cannotDisseminateFormat'
  | 'idDoesNotExist'
  | 'noRecordsMatch'
  | 'noMetadataFormats'
  | 'noSetHierarchy';

/** A protocol error: answered with HTTP 200 and an `<error code="…">` element. */
export class OaiError extends Error {
  constructor(
    readonly code: OaiErrorCode,
    message: string,
  ) {
    super(message);
  }
}

const ARGUMENTS: Record<Verb, { required: string[]; optional: string[]; exclusive?: string }> = {
  Identify: { required: [], optional: [] },
  ListMetadataFormats: { required: [], optional: ['identifier'] },
  ListSets: { required: [], optional: [], exclusive: 'resumptionToken' },
  ListIdentifiers: { required: ['metadataPrefix'], optional: ['from', 'until', 'set'], exclusive: 'resumptionToken' },
  ListRecords: { required: ['metadataPrefix'], optional: ['from', 'until', 'set'], exclusive: 'resumptionToken' },
  GetRecord: { required: ['identifier', 'metadataPrefix'], optional: [] },
};

/** The filter a list request (or its resumption token) stands for. */
export interface ListFilter {
  metadataPrefix: string;
  set: string | null;
  /** Inclusive bounds as full ISO timestamps with milliseconds, comparable with stored ones. */
  from: string | null;
  until: string | null;
}

export interface ListPosition {
  cursor: number;
  after: [string, string] | null;
}

export type OaiRequest =
  | { verb: 'Identify' }
  | { verb: 'ListMetadataFormats'; identifier?: string }
  | { verb: 'ListSets' }
  | { verb: 'GetRecord'; identifier: string; metadataPrefix: string }
  | { verb: 'ListIdentifiers' | 'ListRecords'; filter: ListFilter; position: ListPosition };

/** The arguments as echoed in `<request>`: only when the request was valid (the spec's rule). */
export type EchoArguments = Record<string, string>;

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const SECOND = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;
/** setSpec syntax of the protocol: unreserved characters, `:` separating levels. */
export const SET_SPEC = /^[A-Za-z0-9\-_.!~*'()]+(?::[A-Za-z0-9\-_.!~*'()]+)*$/;

function toBound(value: string, edge: 'from' | 'until'): string {
  const valid = DAY.test(value) || SECOND.test(value);
  const date = new Date(DAY.test(value) ? `${value}T00:00:00Z` : value);
  if (!valid || Number.isNaN(date.getTime()) || date.toISOString().slice(0, value.length - (SECOND.test(value) ? 1 : 0)) !== value.replace(/Z$/, '')) {
    throw new OaiError('badArgument', `${edge} must be a date (YYYY-MM-DD) or a UTC time (YYYY-MM-DDThh:mm:ssZ), not "${value.slice(0, 40)}".`);
  }
  if (DAY.test(value)) return edge === 'from' ? `${value}T00:00:00.000Z` : `${value}T23:59:59.999Z`;
  return value.replace(/Z$/, edge === 'from' ? '.000Z' : '.999Z');
}

/**
 * Validates a request's arguments (every value must be given once) and returns the typed request.
 *
 * @throws OaiError badVerb / badArgument / badResumptionToken
 */
export function parseOaiRequest(raw: Record<string, unknown>): { request: OaiRequest; echo: EchoArguments } {
  const verb = raw.verb;
  if (Array.isArray(verb)) throw new OaiError('badVerb', 'The verb argument is repeated.');
  if (typeof verb !== 'string' || !VERBS.includes(verb as Verb)) throw new OaiError('badVerb', verb ? `"${String(verb).slice(0, 40)}" is not an OAI-PMH verb.` : 'The verb argument is missing.');
  const spec = ARGUMENTS[verb as Verb];
  const args: Record<string, string> = {};
  for (const [key, value] of Object.entries(raw)) {
    if (key === 'verb') continue;
    if (Array.isArray(value) || typeof value !== 'string') throw new OaiError('badArgument', `The argument ${key} is repeated.`);
    if (![...spec.required, ...spec.optional, spec.exclusive].includes(key)) throw new OaiError('badArgument', `${verb} does not take the argument ${key}.`);
    args[key] = value;
  }
  const echo: EchoArguments = { verb, ...args };
  if (spec.exclusive && args[spec.exclusive] !== undefined) {
    if (Object.keys(args).length > 1) throw new OaiError('badArgument', `${spec.exclusive} is an exclusive argument.`);
    if (verb === 'ListSets') throw new OaiError('badResumptionToken', 'ListSets answers in one response: there is no token to resume.');
    const { filter, position } = decodeToken(args.resumptionToken!);
    return { request: { verb: verb as 'ListRecords', filter, position }, echo };
  }
  for (const key of spec.required) if (!args[key]) throw new OaiError('badArgument', `${verb} needs the argument ${key}.`);
  switch (verb as Verb) {
    case 'Identify':
    case 'ListSets':
      return { request: { verb: verb as 'Identify' }, echo };
    case 'ListMetadataFormats':
      return { request: { verb: 'ListMetadataFormats', identifier: args.identifier }, echo };
    case 'GetRecord':
      return { request: { verb: 'GetRecord', identifier: args.identifier!, metadataPrefix: args.metadataPrefix! }, echo };
    default: {
      if (args.set !== undefined && !SET_SPEC.test(args.set)) throw new OaiError('badArgument', `"${args.set.slice(0, 60)}" is not a setSpec.`);
      const from = args.from !== undefined ? toBound(args.from, 'from') : null;
      const until = args.until !== undefined ? toBound(args.until, 'until') : null;
      if (args.from && args.until && args.from.length !== args.until.length) throw new OaiError('badArgument', 'from and until must have the same granularity.');
      if (from && until && from > until) throw new OaiError('badArgument', 'from is later than until.');
      const filter: ListFilter = { metadataPrefix: args.metadataPrefix!, set: args.set ?? null, from, until };
      return { request: { verb: verb as 'ListRecords', filter, position: { cursor: 0, after: null } }, echo };
    }
  }
}

const tokenSchema = z
  .object({
    v: z.literal(1),
    p: z.string().min(1).max(40),
    s: z.string().regex(SET_SPEC).max(200).nullable(),
    f: z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/).nullable(),
    u: z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/).nullable(),
    c: z.number().int().min(0).max(1e9),
    a: z.tuple([z.string().max(40), z.string().max(80)]),
  })
  .strict();

/** A token is the filter and the position, base64url JSON: nothing is kept on the server, nothing expires. */
export function encodeToken(filter: ListFilter, position: { cursor: number; after: [string, string] }): string {
  const payload = { v: 1, p: filter.metadataPrefix, s: filter.set, f: filter.from, u: filter.until, c: position.cursor, a: position.after };
  return Buffer.from(JSON.stringify(payload)).toString('base64url');
}

function decodeToken(token: string): { filter: ListFilter; position: ListPosition } {
  let parsed: z.infer<typeof tokenSchema>;
  try {
    if (token.length > 2000 || !/^[A-Za-z0-9_-]+$/.test(token)) throw new Error('shape');
    parsed = tokenSchema.parse(JSON.parse(Buffer.from(token, 'base64url').toString('utf8')));
  } catch {
    throw new OaiError('badResumptionToken', 'The resumption token is not one this repository issued.');
  }
  return { filter: { metadataPrefix: parsed.p, set: parsed.s, from: parsed.f, until: parsed.u }, position: { cursor: parsed.c, after: parsed.a } };
}

/** A stored ISO timestamp as an OAI datestamp (seconds granularity). */
export const toDatestamp = (iso: string): string => `${iso.slice(0, 19)}Z`;

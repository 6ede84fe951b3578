/** The six verbs: a parsed request in, the OAI-PMH XML document out (errors included, always HTTP 200). */
import type { AppContext } from '../context';
import { FORMATS, type MetadataFormat } from './formats';
import { encodeToken, OaiError, parseOaiRequest, toDatestamp, type EchoArguments, type ListFilter, type ListPosition } from './protocol';
import { countRecords, documentIdOf, earliestDatestamp, findRecord, identifierOf, listHeaders, loadDocuments, REPOSITORY_ID, SET_SCHEMES, type OaiDocument, type OaiHeader } from './records';
import { el, textEl } from './xml';

export interface OaiSite {
  /** The endpoint as the harvester called it, e.g. http://host/oai. */
  baseUrl: string;
  /** The site's origin, for links to documents and files. */
  siteUrl: string;
}

const SCHEME_NAMES: Record<(typeof SET_SCHEMES)[number], string> = { theme: 'Thematic areas', doctype: 'Document types', party: 'Parties' };

/** Answers one OAI-PMH request (its query or form arguments) with a complete XML document. */
export async function respondToOai(context: AppContext, site: OaiSite, raw: Record<string, unknown>, now = new Date()): Promise<string> {
  let echo: EchoArguments = {};
  try {
    const parsed = parseOaiRequest(raw);
    echo = parsed.echo;
    const request = parsed.request;
    let body: string;
    switch (request.verb) {
      case 'Identify':
        body = await identify(context, site);
        break;
      case 'ListMetadataFormats':
        body = await listMetadataFormats(context, site, request.identifier);
        break;
      case 'ListSets':
        body = listSets(context);
        break;
      case 'GetRecord':
        body = await getRecord(context, site, request.identifier, request.metadataPrefix);
        break;
      default:
        body = await listRecords(context, site, request.verb, request.filter, request.position);
    }
    return envelope(now, site.baseUrl, echo, el(request.verb, {}, body));
  } catch (error) {
    if (!(error instanceof OaiError)) throw error;
    // badVerb and badArgument echo no arguments: the spec says only valid requests are echoed.
    const shown = error.code === 'badVerb' || error.code === 'badArgument' ? {} : echo;
    return envelope(now, site.baseUrl, shown, textEl('error', error.message, { code: error.code }));
  }
}

function envelope(now: Date, baseUrl: string, echo: EchoArguments, body: string): string {
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    el(
      'OAI-PMH',
      {
        xmlns: 'http://www.openarchives.org/OAI/2.0/',
        'xmlns:xsi': 'http://www.w3.org/2001/XMLSchema-instance',
        'xsi:schemaLocation': 'http://www.openarchives.org/OAI/2.0/ http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd',
      },
      textEl('responseDate', toDatestamp(now.toISOString())) + textEl('request', baseUrl, echo) + body,
    ) +
    '\n'
  );
}

async function identify(context: AppContext, site: OaiSite): Promise<string> {
  return [
    textEl('repositoryName', 'Minamata Exchange Platform'),
    textEl('baseURL', site.baseUrl),
    textEl('protocolVersion', '2.0'),
    textEl('adminEmail', context.config.oaiAdminEmail),
    textEl('earliestDatestamp', toDatestamp(await earliestDatestamp(context))),
    textEl('deletedRecord', 'persistent'),
    textEl('granularity', 'YYYY-MM-DDThh:mm:ssZ'),
    el(
      'description',
      {},
      el(
        'oai-identifier',
        { xmlns: 'http://www.openarchives.org/OAI/2.0/oai-identifier', 'xsi:schemaLocation': 'http://www.openarchives.org/OAI/2.0/oai-identifier http://www.openarchives.org/OAI/2.0/oai-identifier.xsd' },
        textEl('scheme', 'oai') + textEl('repositoryIdentifier', REPOSITORY_ID) + textEl('delimiter', ':') + textEl('sampleIdentifier', identifierOf('0123456789abcdef0123')),
      ),
    ),
  ].join('');
}

function formatFor(prefix: string): MetadataFormat {
  const format = FORMATS.find((f) => f.prefix === prefix);
  if (!format) throw new OaiError('cannotDisseminateFormat', `The metadata format "${prefix.slice(0, 40)}" is not served here: use oai_dc or mep.`);
  return format;
}

async function requireRecord(context: AppContext, identifier: string) {
  const id = documentIdOf(identifier);
  const found = id ? (await findRecord(context, id)) : undefined;
  if (!found) throw new OaiError('idDoesNotExist', `No record has the identifier "${identifier.slice(0, 120)}".`);
  return found;
}

async function listMetadataFormats(context: AppContext, site: OaiSite, identifier?: string): Promise<string> {
  // Every record, deleted ones included, can be disseminated in every format: noMetadataFormats never applies.
  if (identifier !== undefined) await requireRecord(context, identifier);
  return FORMATS.map((f) => el('metadataFormat', {}, textEl('metadataPrefix', f.prefix) + textEl('schema', f.schema(site.siteUrl)) + textEl('metadataNamespace', f.namespace))).join('');
}

function listSets(context: AppContext): string {
  const sets: string[] = [];
  for (const scheme of SET_SCHEMES) {
    sets.push(el('set', {}, textEl('setSpec', scheme) + textEl('setName', SCHEME_NAMES[scheme])));
    for (const concept of context.taxonomy.listConcepts(scheme)) sets.push(el('set', {}, textEl('setSpec', concept.id) + textEl('setName', concept.prefLabel.en)));
  }
  return sets.join('');
}

function header(h: OaiHeader): string {
  return el('header', { status: h.deleted ? 'deleted' : undefined }, textEl('identifier', identifierOf(h.documentId)) + textEl('datestamp', toDatestamp(h.datestamp)) + h.sets.map((s) => textEl('setSpec', s)).join(''));
}

function record(h: OaiHeader, doc: OaiDocument | undefined, format: MetadataFormat, context: AppContext, site: OaiSite): string {
  if (h.deleted || !doc) return el('record', {}, header(h));
  return el('record', {}, header(h) + el('metadata', {}, format.render(doc, { taxonomy: context.taxonomy, siteUrl: site.siteUrl })));
}

async function getRecord(context: AppContext, site: OaiSite, identifier: string, prefix: string): Promise<string> {
  const format = formatFor(prefix);
  const found = await requireRecord(context, identifier);
  return record(found.header, found.document, format, context, site);
}

async function listRecords(context: AppContext, site: OaiSite, verb: 'ListIdentifiers' | 'ListRecords', filter: ListFilter, position: ListPosition): Promise<string> {
  const format = formatFor(filter.metadataPrefix);
  const pageSize = context.config.oaiPageSize;
  const headers = await listHeaders(context, filter, position.after, pageSize);
  if (headers.length === 0) {
    if (position.after) throw new OaiError('badResumptionToken', 'The resumption token points past the end of the list.');
    throw new OaiError('noRecordsMatch', 'No record matches these arguments.');
  }
  const page = headers.slice(0, pageSize);
  const more = headers.length > pageSize;
  const docs = verb === 'ListRecords' ? (await loadDocuments(context, page.filter((h) => !h.deleted).map((h) => h.documentId))) : new Map<string, OaiDocument>();
  const items = page.map((h) => (verb === 'ListRecords' ? record(h, docs.get(h.documentId), format, context, site) : header(h))).join('');
  let token = '';
  if (more || position.after) {
    const completeListSize = await countRecords(context, filter);
    const next = more ? encodeToken(filter, { cursor: position.cursor + page.length, after: page[page.length - 1]!.position }) : '';
    // The last page of a resumed list carries an empty token, as the protocol asks.
    token = more ? textEl('resumptionToken', next, { completeListSize, cursor: position.cursor }) : el('resumptionToken', { completeListSize, cursor: position.cursor });
  }
  return items + token;
}


/** Metadata formats: Dublin Core (`oai_dc`) and `mep`, which carries the taxonomy's concept ids and URIs. */
import { conceptIri, type Taxonomy } from '@mep/taxonomy';
import type { OaiDocument } from './records';
import { el, textEl } from './xml';

export const MEP_NAMESPACE = 'https://www.mercuryconvention.org/mep/oai/1.0/';

export interface MetadataFormat {
  prefix: string;
  schema: (baseUrl: string) => string;
  namespace: string;
  render: (doc: OaiDocument, context: { taxonomy: Taxonomy; siteUrl: string }) => string;
}

const XSI = 'http://www.w3.org/2001/XMLSchema-instance';

function dublinCore(doc: OaiDocument, { taxonomy, siteUrl }: { taxonomy: Taxonomy; siteUrl: string }): string {
  const label = (id: string) => taxonomy.getConcept(id)?.prefLabel.en ?? id;
  const parts = [
    textEl('dc:title', doc.title),
    ...doc.concepts.filter((id) => id.startsWith('theme:') || id.startsWith('topic:')).map((id) => textEl('dc:subject', label(id))),
    textEl('dc:type', label(doc.doctype)),
    ...(doc.date ? [textEl('dc:date', doc.date)] : doc.year ? [textEl('dc:date', String(doc.year))] : []),
    textEl('dc:format', doc.mime),
    textEl('dc:identifier', `${siteUrl}/documents/${doc.id}`),
    ...(doc.symbol ? [textEl('dc:identifier', doc.symbol)] : []),
    ...(doc.language !== 'other' ? [textEl('dc:language', doc.language)] : []),
    ...[...new Set([...doc.concepts.filter((id) => id.startsWith('party:')), ...(doc.reportParty ? [doc.reportParty] : [])])].map((id) => textEl('dc:coverage', label(id))),
    textEl('dc:relation', `${siteUrl}/api/documents/${doc.id}/file`),
  ];
  return el(
    'oai_dc:dc',
    {
      'xmlns:oai_dc': 'http://www.openarchives.org/OAI/2.0/oai_dc/',
      'xmlns:dc': 'http://purl.org/dc/elements/1.1/',
      'xmlns:xsi': XSI,
      'xsi:schemaLocation': 'http://www.openarchives.org/OAI/2.0/oai_dc/ http://www.openarchives.org/OAI/2.0/oai_dc.xsd',
    },
    parts.join(''),
  );
}

function mep(doc: OaiDocument, { siteUrl }: { taxonomy: Taxonomy; siteUrl: string }): string {
  const concepts = [...new Set([doc.doctype, ...doc.concepts, ...(doc.reportParty ? [doc.reportParty] : [])])];
  const parts = [
    textEl('mep:id', doc.id),
    textEl('mep:title', doc.title),
    textEl('mep:language', doc.language),
    ...(doc.date ? [textEl('mep:date', doc.date)] : []),
    ...(doc.symbol ? [textEl('mep:symbol', doc.symbol)] : []),
    ...concepts.map((id) => el('mep:concept', { id, scheme: id.slice(0, id.indexOf(':')), uri: conceptIri(id) })),
    el('mep:file', { url: `${siteUrl}/api/documents/${doc.id}/file`, mimeType: doc.mime }),
    el('mep:page', { url: `${siteUrl}/documents/${doc.id}` }),
  ];
  return el('mep:document', { 'xmlns:mep': MEP_NAMESPACE, 'xmlns:xsi': XSI, 'xsi:schemaLocation': `${MEP_NAMESPACE} ${siteUrl}/oai/mep.xsd` }, parts.join(''));
}

export const FORMATS: readonly MetadataFormat[] = [
  { prefix: 'oai_dc', schema: () => 'http://www.openarchives.org/OAI/2.0/oai_dc.xsd', namespace: 'http://www.openarchives.org/OAI/2.0/oai_dc/', render: dublinCore },
  { prefix: 'mep', schema: (siteUrl) => `${siteUrl}/oai/mep.xsd`, namespace: MEP_NAMESPACE, render: mep },
];

/** The XML Schema of the `mep` format, served at /oai/mep.xsd. */
export const MEP_XSD = `<?xml version="1.0" encoding="UTF-8"?>
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="${MEP_NAMESPACE}" xmlns:mep="${MEP_NAMESPACE}" elementFormDefault="qualified">
  <xs:element name="document">
    <xs:complexType>
      <xs:sequence>
        <xs:element name="id" type="xs:string"/>
        <xs:element name="title" type="xs:string"/>
        <xs:element name="language" type="xs:string"/>
        <xs:element name="date" type="xs:string" minOccurs="0"/>
        <xs:element name="symbol" type="xs:string" minOccurs="0"/>
        <xs:element name="concept" minOccurs="0" maxOccurs="unbounded">
          <xs:complexType>
            <xs:attribute name="id" type="xs:string" use="required"/>
            <xs:attribute name="scheme" type="xs:string" use="required"/>
            <xs:attribute name="uri" type="xs:anyURI" use="required"/>
          </xs:complexType>
        </xs:element>
        <xs:element name="file">
          <xs:complexType>
            <xs:attribute name="url" type="xs:anyURI" use="required"/>
            <xs:attribute name="mimeType" type="xs:string" use="required"/>
          </xs:complexType>
        </xs:element>
        <xs:element name="page">
          <xs:complexType><xs:attribute name="url" type="xs:anyURI" use="required"/></xs:complexType>
        </xs:element>
      </xs:sequence>
    </xs:complexType>
  </xs:element>
</xs:schema>
`;

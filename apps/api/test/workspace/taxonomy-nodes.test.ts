/**
 * A taxonomy edit made on one API node reaches the others (two real `mep serve` processes on one database): their
 * `/api/taxonomy` and SKOS answers at once (each read checks the stored version), and their tagger within the
 * background check's interval, without a read in between.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sameBrowser, signedInClient, sleep } from '../../src/services/testing/forum-harness';
import { TAXONOMY_POLL_MS } from '../../src/services/taxonomy/taxonomy-sync';
import { startApiCluster, type ApiCluster } from '../api-nodes';
import { redisBinary } from '../redis-server';

let cluster: ApiCluster;

const labels = { ar: 'برنامج الخلايا', en: 'Cell programme', es: 'Programa de celdas', fr: 'Programme des cellules', ru: 'Программа электролизеров', zh: '电解槽计划' };

describe.skipIf(!redisBinary)('taxonomy edits across API nodes', () => {
  beforeAll(async () => {
    cluster = await startApiCluster(2);
  }, 180_000);
  afterAll(async () => cluster?.close());

  it('reach the other node’s tagger in the background and its taxonomy answers at once', async () => {
    const [a, b] = cluster.nodes as [ApiCluster['nodes'][number], ApiCluster['nodes'][number]];
    const onA = (await signedInClient(cluster.db, a.url, 'curator')).client;
    const onB = sameBrowser(onA, b.url);
    const saved = await onA.post('/api/taxonomy/concepts', { scheme: 'topic', slug: 'cell-programme', prefLabel: labels, altLabels: { en: ['QXCP'] }, broader: ['theme:processes'] });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);

    // No read on node B: its background check alone must load the edit before this upload is tagged.
    await sleep(TAXONOMY_POLL_MS + 1500);
    const text = 'Mercury cell plants\n\nThe QXCP closes mercury cells. Mercury from the QXCP is stored. Mercury emissions fall.\n';
    const upload = await onB.post('/api/workspace/uploads?name=qxcp.txt', new TextEncoder().encode(text));
    expect(upload.status, JSON.stringify(upload.body)).toBe(200);
    let documentId: string | null = null;
    for (let i = 0; i < 300 && !documentId; i++) {
      const job = ((await onB.get('/api/workspace/uploads')).body.jobs as { id: string; stage: string; documentId: string | null }[]).find((j) => j.id === upload.body.id);
      if (job?.stage === 'failed') throw new Error(JSON.stringify(job));
      if (job?.stage === 'indexed') documentId = job.documentId;
      else await sleep(200);
    }
    const concepts = (await onB.get(`/api/documents/${documentId}`)).body.concepts as { id: string }[];
    expect(concepts.map((c) => c.id)).toContain('topic:cell-programme');

    // A second edit, on A; B's very next read shows it.
    const current = (await onA.get('/api/taxonomy/concepts/topic:cell-programme')).body;
    const edited = await onA.put('/api/taxonomy/concepts/topic:cell-programme', { version: current.version, prefLabel: { ...labels, en: 'Cell phase-out programme' }, altLabels: current.altLabels, broader: current.broader });
    expect(edited.status, JSON.stringify(edited.body)).toBe(200);
    const list = (await onB.get('/api/taxonomy?scheme=topic')).body.concepts as { id: string; prefLabel: { en: string } }[];
    expect(list.find((c) => c.id === 'topic:cell-programme')?.prefLabel.en).toBe('Cell phase-out programme');
    expect((await onB.get('/api/taxonomy/skos?format=ttl')).body).toContain('"Cell phase-out programme"@en');
  }, 180_000);
});

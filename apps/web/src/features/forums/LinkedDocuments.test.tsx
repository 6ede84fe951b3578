import { render, screen } from '@testing-library/react';
import type { PostDto } from '@mep/api/realtime-events';
import { describe, expect, it } from 'vitest';
import { documentFixture, taxonomyFixture } from '../../../test/fixtures';
import { stubApi } from '../../../test/renderApp';
import { LanguageProvider } from '../../i18n/LanguageProvider';
import { TaxonomyProvider } from '../../taxonomy/TaxonomyProvider';
import { LinkedDocuments } from './LinkedDocuments';

const post = {
  id: 1,
  threadId: 3,
  forumId: 'products',
  author: { id: 'u1', displayName: 'Amina', role: 'member', party: null, deleted: false },
  html: '',
  status: 'visible',
  createdAt: '2025-01-10T10:00:00.000Z',
  editedAt: null,
  documents: [{ id: 'doc-note', title: 'COP-6 note on dental amalgam', doctype: 'doctype:meeting-document', year: 2025 }],
} as PostDto;

describe('documents discussed in a thread', () => {
  it('shows titles, from the posts’ cards or, for a document no post links, from the document API', async () => {
    const { calls } = stubApi({ '/api/taxonomy': () => taxonomyFixture, '/api/documents/doc-convention': () => documentFixture });
    render(
      <LanguageProvider initialLang="en">
        <TaxonomyProvider>
          <LinkedDocuments documentIds={['doc-note', 'doc-convention']} posts={[post]} postsLoaded />
        </TaxonomyProvider>
      </LanguageProvider>,
    );
    expect(screen.getByRole('link', { name: /^COP-6 note on dental amalgam/ }).getAttribute('href')).toBe('/documents/doc-note');
    const fetched = await screen.findByRole('link', { name: /^Minamata Convention on Mercury/ });
    expect(fetched.getAttribute('href')).toBe('/documents/doc-convention');
    expect(screen.queryByText('doc-convention')).toBeNull();
    expect(calls).not.toContain('/api/documents/doc-note');
  });
});

import { render, screen } from '@testing-library/react';
import type { PublicUserDto } from '@mep/api/realtime-events';
import { describe, expect, it } from 'vitest';
import { LanguageProvider } from '../../i18n/LanguageProvider';
import { RoleBadge } from './RoleBadge';

const user = (role: PublicUserDto['role'], displayName = 'Grace Hopper'): PublicUserDto => ({ id: 'u1', displayName, role, party: role === 'focal_point' ? 'party:BRA' : null, deleted: false });

describe('staff role badges beside names (finding 8)', () => {
  it('marks moderators and administrators from their role, translated; a member named like staff gets none', () => {
    const { unmount } = render(
      <LanguageProvider initialLang="en">
        <RoleBadge user={user('moderator')} /> <RoleBadge user={user('admin')} /> <RoleBadge user={user('member', 'Moderator')} />
      </LanguageProvider>,
    );
    expect(document.querySelectorAll('.role-badge')).toHaveLength(2);
    expect(screen.getAllByText(/moderator|secretariat|admin/i).length).toBeGreaterThanOrEqual(2);
    unmount();
    render(
      <LanguageProvider initialLang="ar">
        <RoleBadge user={user('moderator')} />
      </LanguageProvider>,
    );
    expect(document.querySelector('.role-badge')?.textContent).toMatch(/\p{Script=Arabic}/u);
  });
});

import type { AppContext } from '../../context';
import { defineRoute } from '../../http/define-route';
import { authorize, canManageOwnAccount, canManageUsers } from '../../policies';
import { presentPublicUser, presentSelf } from '../../presenters/users';
import { deleteAccount, exportUserData, listUsers, setUserRole, updateProfile } from '../../services/accounts';
import { clearSessionCookies, viewerOf } from '../auth/auth.middleware';
import { deleteMeBody, deletedResponse, userExportResponse, listUsersQuery, meResponse, setRoleBody, updateMeBody, userIdParams, userListResponse, userResponse } from './users.schemas';

export function userRoutes(context: AppContext) {
  return [
    defineRoute({
      method: 'get',
      path: '/api/users/me/export',
      tag: 'users',
      summary: 'Downloads everything the platform holds about the signed-in user, as JSON.',
      response: userExportResponse,
      errors: [401],
      handler: async ({ req, res }) => {
        const viewer = viewerOf(req);
        authorize(canManageOwnAccount(viewer), viewer);
        res.setHeader('Cache-Control', 'no-store');
        res.attachment('mep-my-data.json');
        return exportUserData(context.db, viewer.userId);
      },
    }),
    defineRoute({
      method: 'patch',
      path: '/api/users/me',
      tag: 'users',
      summary: 'Updates the display name, language or digest e-mails of the signed-in user.',
      body: updateMeBody,
      response: meResponse,
      errors: [401, 403],
      handler: async ({ req, body }) => {
        const viewer = viewerOf(req);
        authorize(canManageOwnAccount(viewer), viewer);
        return { user: presentSelf(await updateProfile(context.db, viewer.userId, body)) };
      },
    }),
    defineRoute({
      method: 'delete',
      path: '/api/users/me',
      tag: 'users',
      summary: 'Deletes the signed-in account (password required). Posts stay, shown as by "deleted user".',
      body: deleteMeBody,
      response: deletedResponse,
      errors: [401, 403],
      handler: async ({ req, res, body }) => {
        const viewer = viewerOf(req);
        authorize(canManageOwnAccount(viewer), viewer);
        await deleteAccount(context.db, context.events, viewer.userId, body.password);
        clearSessionCookies(context, res);
        return { deleted: true as const };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/users',
      tag: 'users',
      summary: 'Lists accounts, optionally filtered by name or e-mail (administrators).',
      query: listUsersQuery,
      response: userListResponse,
      errors: [401, 403],
      handler: async ({ req, query }) => {
        const viewer = viewerOf(req);
        authorize(canManageUsers(viewer), viewer);
        return { users: (await listUsers(context.db, query.q)).map(presentSelf) };
      },
    }),
    defineRoute({
      method: 'put',
      path: '/api/users/:id/role',
      tag: 'users',
      summary: 'Sets the role of an account (administrators); a focal point needs its party (`party:<ISO3>`). The last administrator cannot be demoted (409 `last_admin`).',
      params: userIdParams,
      body: setRoleBody,
      response: userResponse,
      errors: [400, 401, 403, 404, 409],
      handler: async ({ req, params, body }) => {
        const viewer = viewerOf(req);
        authorize(canManageUsers(viewer), viewer);
        const user = await setUserRole(context.db, context.events, viewer, params.id, body.role, body.party ?? null);
        return { user: presentPublicUser(user) };
      },
    }),
  ];
}

import type { AppContext } from '../../context';
import { defineRoute } from '../../http/define-route';
import { authorize, canManageOwnAccount } from '../../policies';
import { confirmEmailToken, requestEmailChange, requestPasswordReset, resendEmailVerification, resetPassword } from '../../services/account-email';
import { viewerOf } from './auth.middleware';
import {
  changeEmailBody,
  checkEmailResponse,
  emailTokenBody,
  emailTokenResponse,
  passwordResetBody,
  passwordResetConfirmBody,
  passwordResetConfirmResponse,
} from './auth.schemas';

const CHECK_EMAIL = { status: 'check_email' as const, message: 'If this address can be used, an e-mail with a link is on its way.' };

/** Password reset, address verification and address change: everything done through an e-mailed link. */
export function accountEmailRoutes(context: AppContext) {
  return [
    defineRoute({
      method: 'post',
      path: '/api/auth/password-reset',
      tag: 'auth',
      summary: 'Sends a password-reset link (one hour, single use) if the address has an account; answers the same either way.',
      body: passwordResetBody,
      response: checkEmailResponse,
      rateLimit: 'passwordReset',
      errors: [403, 429],
      handler: async ({ body, res }) => {
        await requestPasswordReset(context, body.email);
        res.status(202);
        return CHECK_EMAIL;
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/auth/password-reset/confirm',
      tag: 'auth',
      summary: "Sets a new password with a reset link's token (strength rules apply) and ends every session of the account.",
      body: passwordResetConfirmBody,
      response: passwordResetConfirmResponse,
      rateLimit: 'passwordReset',
      errors: [400, 403, 429],
      handler: async ({ body }) => ({ sessionsEnded: await resetPassword(context, body.token, body.newPassword) }),
    }),
    defineRoute({
      method: 'post',
      path: '/api/auth/verify-email',
      tag: 'auth',
      summary: "Opens an address link's token: confirms the account's address, or moves the account to the new one.",
      body: emailTokenBody,
      response: emailTokenResponse,
      rateLimit: 'passwordReset',
      errors: [400, 403, 409, 429],
      handler: async ({ body }) => ({ result: await confirmEmailToken(context, body.token) }),
    }),
    defineRoute({
      method: 'post',
      path: '/api/auth/verify-email/resend',
      tag: 'auth',
      summary: "Sends the signed-in user's address a new verification link (nothing when it is already verified).",
      response: checkEmailResponse,
      rateLimit: 'passwordChange',
      errors: [401, 403, 429],
      handler: async ({ req, res }) => {
        const viewer = viewerOf(req);
        authorize(canManageOwnAccount(viewer), viewer);
        await resendEmailVerification(context, viewer);
        res.status(202);
        return CHECK_EMAIL;
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/auth/email',
      tag: 'auth',
      summary: 'Asks to move the signed-in account to another address (current password required); it changes when the link sent there is opened.',
      body: changeEmailBody,
      response: checkEmailResponse,
      rateLimit: 'passwordChange',
      errors: [400, 401, 403, 429],
      handler: async ({ req, body, res }) => {
        const viewer = viewerOf(req);
        authorize(canManageOwnAccount(viewer), viewer);
        await requestEmailChange(context, viewer, body.password, body.newEmail);
        res.status(202);
        return CHECK_EMAIL;
      },
    }),
  ];
}

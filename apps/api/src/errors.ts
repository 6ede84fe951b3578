/**
 * Errors with stable codes. Route handlers and services throw these; one middleware maps them to HTTP
 * (see http/error-middleware.ts), so a client always gets `{ error: { code, message } }`.
 */
export class ApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: number,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class ValidationError extends ApiError {
  constructor(message: string, details?: unknown) {
    super('invalid_request', message, 400, details);
  }
}

export class AuthenticationRequiredError extends ApiError {
  constructor(message = 'Sign in to do this.') {
    super('authentication_required', message, 401);
  }
}

export class ForbiddenError extends ApiError {
  constructor(message = 'You are not allowed to do this.') {
    super('forbidden', message, 403);
  }
}

/** A signed-in user whose e-mail address is not confirmed yet tried to post. */
export class EmailUnverifiedError extends ApiError {
  constructor() {
    super('email_unverified', 'Confirm your e-mail address (open the link we sent) before posting; you can ask for a new link from your account page.', 403);
  }
}

export class NotFoundError extends ApiError {
  constructor(what: string) {
    super('not_found', `${what} was not found.`, 404);
  }
}

export class ConflictError extends ApiError {
  constructor(code: string, message: string) {
    super(code, message, 409);
  }
}

export class PayloadTooLargeError extends ApiError {
  constructor(message = 'The request body is too large.') {
    super('payload_too_large', message, 413);
  }
}

export class RateLimitedError extends ApiError {
  constructor(
    message = 'Too many requests; try again shortly.',
    readonly retryAfterSeconds = 30,
  ) {
    super('rate_limited', message, 429);
  }
}

export class ServiceUnavailableError extends ApiError {
  constructor(code: string, message: string) {
    super(code, message, 503);
  }
}

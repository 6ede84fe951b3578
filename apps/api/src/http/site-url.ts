import type { Request } from 'express';

/**
 * The site's origin as this request reached it. Harvesters (OAI-PMH, InforMEA) get links that work
 * from where they stand; the API is behind a trusted loopback proxy only (`trust proxy`).
 */
export function siteUrlOf(req: Request): string {
  return `${req.protocol}://${req.get('host') ?? 'localhost'}`;
}

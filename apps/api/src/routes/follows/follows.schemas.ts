import { z } from 'zod';
import { conceptIdSchema } from '../workspace/workspace.schemas';

export const followConceptParams = z.object({ conceptId: conceptIdSchema });

export const conceptFollowResponse = z.object({ conceptId: z.string(), following: z.boolean() });
export const followedConceptsResponse = z.object({
  concepts: z.array(z.object({ conceptId: z.string(), followedAt: z.string() })).describe('Newest first; the web app labels each concept in the reader\'s language.'),
});

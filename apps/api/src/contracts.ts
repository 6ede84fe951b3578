/**
 * The JSON bodies the HTTP API answers, as clients see them: each type is `z.infer` of the response schema
 * its route declares (routes/<domain>/<domain>.schemas.ts), and `defineRoute` makes the handler return
 * exactly that type, so schema, handler, OpenAPI document and this catalogue are one definition.
 *
 * The web app imports this module (`@mep/api/contracts`) for types only. Every import here is
 * `import type`, and the schema modules it reads import nothing but zod and @mep/vocabulary, so neither the
 * web bundle nor its type check pulls in server code.
 */
import type { z } from 'zod';
import type { answersResponse, answerView } from './routes/answers/answers.schemas';
import type { partyProfileResponse, partySummary } from './routes/parties/parties.schemas';
import type { conventionSectionResponse } from './routes/convention/convention.schemas';
import type { changePasswordResponse, publicUserSchema, registerResponse, selfUserSchema, sessionResponse } from './routes/auth/auth.schemas';
import type { documentResponse, pageResponse, pagesResponse, relatedResponse } from './routes/documents/documents.schemas';
import type { discussionsResponse, documentCardSchema, forumSchema, historyResponse, postSchema, threadSchema } from './routes/forums/forums.schemas';
import type { auditResponse, flagListResponse } from './routes/moderation/moderation.schemas';
import type { notificationSchema } from './routes/notifications/notifications.schemas';
import type { conceptFollowResponse, followedConceptsResponse } from './routes/follows/follows.schemas';
import type { userListResponse, userResponse } from './routes/users/users.schemas';
import type { auditResponse as workspaceAuditResponse, queueResponse, revisionsResponse, uploadJobSchema, uploadsResponse } from './routes/workspace/workspace.schemas';
import type { highlightTermsResponseSchema, searchResponseSchema } from './routes/search/search.schemas';
import type { coverageResponse, feedbackBody, feedbackItemResponse, feedbackListResponse, forumActivityResponse, satisfactionResponse, searchReportResponse } from './routes/insight/insight.schemas';
import type { openSurveysResponse, surveyAnsweredResponse, surveyBody, surveyForReaderResponse, surveyListResponse, surveyResponse, surveyResultsResponse } from './routes/surveys/surveys.schemas';
import type { conceptEditBody, conceptEditResponse, conceptResponse, conceptSummarySchema, deprecateBody, newConceptBody, retagJobSchema, retagJobsResponse, taxonomyResponse } from './routes/taxonomy/taxonomy.schemas';

export type { Labels, Lang as LanguageCode, Role, SearchFacet } from '@mep/vocabulary';

/** The body of every error answer (HTTP) and of every failed socket acknowledgement. */
export interface ErrorBody {
  code: string;
  message: string;
}

// ---------------------------------------------------------------------------------------------
// People, forums and posts (also carried by Socket.IO events)

/** Another user as everyone may see them: never their e-mail. */
export type PublicUserDto = z.infer<typeof publicUserSchema>;
/** The signed-in user, as they see themselves. */
export type SelfUserDto = z.infer<typeof selfUserSchema>;
export type ForumDto = z.infer<typeof forumSchema>;
export type ThreadDto = z.infer<typeof threadSchema>;
export type DocumentCardDto = z.infer<typeof documentCardSchema>;
/** A post; `id` is ever-increasing (order by it, de-duplicate on it); `html` is sanitized and empty when hidden or deleted; `body` (Markdown) only for the author and moderators. */
export type PostDto = z.infer<typeof postSchema>;
export type NotificationDto = z.infer<typeof notificationSchema>;
/** GET /api/posts/:id/history: earlier versions (author and moderators) and audit events (moderators). */
export type PostHistoryResponse = z.infer<typeof historyResponse>;

// ---------------------------------------------------------------------------------------------
// Accounts (POST /api/auth/register, /api/auth/sign-in, /api/auth/password)

/** 202: the same answer whether or not the address already had an account (the e-mail sent says which). */
export type RegisterResponse = z.infer<typeof registerResponse>;
export type SessionResponse = z.infer<typeof sessionResponse>;
/** How many other sessions the password change ended. */
export type ChangePasswordResponse = z.infer<typeof changePasswordResponse>;

// ---------------------------------------------------------------------------------------------
// Search (GET /api/search)

export type SearchDocumentsResult = z.infer<typeof searchResponseSchema>;
/** Per facet, how many documents carry each value. */
export type FacetCounts = SearchDocumentsResult['facets'];
/** A hit; its `snippet` (and its passages') is HTML-escaped text with <mark> only: safe to inject. */
export type SearchHit = SearchDocumentsResult['hits'][number];
/** GET /api/search/highlight-terms: words to highlight (whole words) on a document page. */
export type HighlightTerms = z.infer<typeof highlightTermsResponseSchema>;
export type SearchPassage = SearchHit['passages'][number];

// ---------------------------------------------------------------------------------------------
// Documents (GET /api/documents/:id, …/pages, …/pages/:n, …/related)

/** The public shape of a document: never the storage key or internal columns. */
export type DocumentDetail = z.infer<typeof documentResponse>;
export type DocumentConcept = DocumentDetail['concepts'][number];
/** `page` is 1-based; 0 means the document title. */
export type ConceptEvidence = DocumentConcept['evidence'][number];
/** Every page's text, in order. */
export type DocumentPages = z.infer<typeof pagesResponse>;
/** One page's text (empty for a page within the count that has none). */
export type PageText = z.infer<typeof pageResponse>;

/** The OCR job of a document, as GET /api/documents/:id reports it. */
export type OcrJobState = NonNullable<DocumentDetail['ocr']>;
export type RelatedResponse = z.infer<typeof relatedResponse>;
export type RelatedDocument = RelatedResponse['documents'][number];

// ---------------------------------------------------------------------------------------------
// Taxonomy (GET /api/taxonomy, GET /api/taxonomy/concepts/:id)

export type TaxonomyConcept = z.infer<typeof conceptSummarySchema>;
export type TaxonomyResponse = z.infer<typeof taxonomyResponse>;
/** A concept with everything the vocabulary knows of it. */
export type ConceptDetail = z.infer<typeof conceptResponse>;
/** Curators' taxonomy edits (POST/PUT /api/taxonomy/concepts…): the saved concept and its background retag. */
export type ConceptEditResult = z.infer<typeof conceptEditResponse>;
export type RetagJobDto = z.infer<typeof retagJobSchema>;
export type RetagJobsResponse = z.infer<typeof retagJobsResponse>;
/** Request bodies, as the web form sends them. */
export type NewConceptRequest = z.input<typeof newConceptBody>;
export type ConceptEditRequest = z.input<typeof conceptEditBody>;
export type DeprecateConceptRequest = z.input<typeof deprecateBody>;

// ---------------------------------------------------------------------------------------------
// Discussions (GET /api/discussions/search)

export type DiscussionSearchResponse = z.infer<typeof discussionsResponse>;
/** A post found by search; `snippet` is highlighted with <mark>, cropped, everything else HTML-escaped. */
export type DiscussionHit = DiscussionSearchResponse['hits'][number];

// ---------------------------------------------------------------------------------------------
// Moderation (GET /api/moderation/flags, GET /api/moderation/audit)

export type FlagDto = z.infer<typeof flagListResponse>['flags'][number];
export type FlagStatus = FlagDto['status'];
/** One page of the audit log, newest first. */
export type AuditLogPage = z.infer<typeof auditResponse>;
export type AuditEntryDto = AuditLogPage['entries'][number];

// ---------------------------------------------------------------------------------------------
// National reports and parties (GET /api/answers, /api/documents/:id/answers, /api/parties/:iso3)

/** One answer of a national report; `reportUrl` opens the report at the answer's page. */
export type AnswerDto = z.infer<typeof answerView>;
export type AnswerKind = NonNullable<AnswerDto['answer']>;
export type ReportCycleDto = AnswerDto['cycle'];
export type AnswersResponse = z.infer<typeof answersResponse>;

export type PartySummaryDto = z.infer<typeof partySummary>;
/** A party's profile; `regionAnswers` counts, per question the party answered, its region's answers (`none` for blank). */
export type PartyProfileDto = z.infer<typeof partyProfileResponse>;

// ---------------------------------------------------------------------------------------------
// The Convention navigator (GET /api/convention/:id)

/** An article or annex: its own text from a copy of the Convention and the documents that refer to it. */
export type ConventionSectionDto = z.infer<typeof conventionSectionResponse>;

// The secretariat's workspace (issue 11).
export type UploadJobDto = z.infer<typeof uploadJobSchema>;
export type UploadsResponse = z.infer<typeof uploadsResponse>;
export type ReviewQueueResponse = z.infer<typeof queueResponse>;
export type WorkspaceAuditResponse = z.infer<typeof workspaceAuditResponse>;
export type RevisionsResponse = z.infer<typeof revisionsResponse>;
/** Administrators' user list (GET /api/users) and a role change's answer (PUT /api/users/:id/role). */
export type UserListResponse = z.infer<typeof userListResponse>;
export type AdminUserDto = UserListResponse['users'][number];
export type UserRoleChangeResponse = z.infer<typeof userResponse>;
/** Following concepts (issue 11 §5). */
export type FollowedConceptsResponse = z.infer<typeof followedConceptsResponse>;
export type ConceptFollowResponse = z.infer<typeof conceptFollowResponse>;

// ---------------------------------------------------------------------------------------------
// Dashboards, search analytics, reader feedback (issue 14)

export type CoverageDto = z.infer<typeof coverageResponse>;
export type CoverageFigureName = keyof CoverageDto['figures'];
export type CoverageBarDto = CoverageDto['figures']['theme'][number];
export type ForumActivityDto = z.infer<typeof forumActivityResponse>;
export type SearchReportDto = z.infer<typeof searchReportResponse>;
export type FeedbackInputDto = z.input<typeof feedbackBody>;
export type FeedbackItemDto = z.infer<typeof feedbackItemResponse>;
export type FeedbackListDto = z.infer<typeof feedbackListResponse>;
export type SatisfactionDto = z.infer<typeof satisfactionResponse>;
export type SurveyInputDto = z.input<typeof surveyBody>;
export type SurveyDto = z.infer<typeof surveyResponse>;
export type SurveyQuestionDto = SurveyDto['questions'][number];
export type OpenSurveysDto = z.infer<typeof openSurveysResponse>;
export type SurveyForReaderDto = z.infer<typeof surveyForReaderResponse>;
export type SurveyAnsweredDto = z.infer<typeof surveyAnsweredResponse>;
export type SurveyListDto = z.infer<typeof surveyListResponse>;
export type SurveyResultsDto = z.infer<typeof surveyResultsResponse>;

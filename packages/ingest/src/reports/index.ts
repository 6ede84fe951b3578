export { parseNationalReport, articleHeading, type ParseReportInput } from './parse-report';
export { resolveParty } from './header';
export { parseLocaleNumber } from './numbers';
export type { AnswerKind, ParsedAnswer, ParsedReport, ReportCycle, ReportCycleKind } from './types';
export { ARTICLE_COUNT } from './types';
export { documentFlagsOf, NATIONAL_REPORT_DOCTYPE, reparseNationalReport, storeNationalReport } from './store-report';

export { collectFiles, isReadmeLike, type CollectedFile, type CollectOptions } from './collect-files';
export { documentIdFor, ingestBytes, ingestFiles, recoverInterruptedIngestJobs, type IngestDependencies, type IngestOptions, type IngestOutcome, type IngestStatus } from './ingest-files';

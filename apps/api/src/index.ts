export { readConfig, type Config } from './config';
export { createContext, closeContext, type AppContext, type Logger } from './context';
export { createLogger } from './observability/logger';
export { createApp, listRoutes } from './app';
export { startServer, type RunningServer } from './server';
export { buildSearchQueries, searchDocuments, sendSearchQueries, type SearchDocumentsParams } from './services/search-documents';

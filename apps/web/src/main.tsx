import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { applyDocumentLanguage, detectInitialLang } from './i18n/LanguageProvider';
import { routes } from './routes';
import './styles.css';

const initialLang = detectInitialLang();
// set before the first paint so Arabic never flashes left-to-right
applyDocumentLanguage(initialLang);

const container = document.getElementById('root');
if (!container) throw new Error('#root missing from index.html');
createRoot(container).render(
  <StrictMode>
    <App routes={routes} initialLang={initialLang} />
  </StrictMode>,
);

import { Component, type ErrorInfo, type ReactNode } from 'react';
import { commonMessages } from '../app/messages';
import { useT } from '../i18n/LanguageProvider';

function CrashPanel() {
  const t = useT(commonMessages);
  return (
    <div className="error-panel" role="alert">
      <p className="error-title">{t('errorTitle')}</p>
      <p>{t('crashBody')}</p>
      <button type="button" className="button" onClick={() => window.location.reload()}>
        {t('reload')}
      </button>
    </div>
  );
}

/** Catches render errors and failed lazy chunk loads (offline) so the page never goes blank. */
export class ErrorBoundary extends Component<{ children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error('Page crashed', error, info.componentStack);
  }

  override render(): ReactNode {
    return this.state.failed ? <CrashPanel /> : this.props.children;
  }
}

// Catches a screen's render errors (and a lazy chunk that failed to load offline) so the shell,
// the language switch and the other roles keep working.

import { Component, type ReactNode } from 'react';
import { useI18n } from '../i18n';

interface State {
  error: unknown;
}

export class ErrorBoundary extends Component<{ children: ReactNode }, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: unknown): State {
    return { error };
  }

  override componentDidCatch(error: unknown): void {
    console.error('screen failed', error);
  }

  override render(): ReactNode {
    if (this.state.error) return <ErrorScreen error={this.state.error} onRetry={() => this.setState({ error: null })} />;
    return this.props.children;
  }
}

function ErrorScreen({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  const { t } = useI18n();
  return (
    <section role="alert">
      <h1>{t.errorTitle}</h1>
      <p className="mono">{error instanceof Error ? error.message : String(error)}</p>
      <button type="button" className="btn primary" onClick={onRetry}>
        {t.errorRetry}
      </button>
    </section>
  );
}

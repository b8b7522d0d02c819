// The shell: top bar (home, connectivity, language), the update banner, the fork alarm, and the
// routed screen. Each role is its own lazy chunk, so the home page and the first paint stay small.

import { lazy, Suspense, useEffect, useRef, type ReactNode } from 'react';
import { I18nProvider, useI18n } from './i18n';
import { RouterProvider, Link, useRouter, type Route } from './router';
import { AnnouncerProvider } from './announcer';
import { UpdateBanner } from './pwa';
import { useOnline } from './hooks';
import { Icon } from './components/icons';
import { ErrorBoundary } from './components/ErrorBoundary';
import { RolePicker } from '../roles/RolePicker';

const ShopperScreen = lazy(() => import('../roles/shopper/ShopperScreen'));
const CodeScreen = lazy(() => import('../roles/shopper/CodeScreen'));
const VendorScreen = lazy(() => import('../roles/vendor/VendorScreen'));
const InspectorScreen = lazy(() => import('../roles/inspector/InspectorScreen'));
const ForkAlarm = lazy(() => import('./components/ForkAlarm'));

export function App() {
  return (
    <I18nProvider>
      <RouterProvider>
        <AnnouncerProvider>
          <Shell />
        </AnnouncerProvider>
      </RouterProvider>
    </I18nProvider>
  );
}

function Shell() {
  const { t } = useI18n();
  const { route } = useRouter();
  const mainRef = useRef<HTMLElement>(null);
  const showForkAlarm = route.name !== 'home' && route.name !== 'not-found';

  // Screen changes move focus to the page's main landmark (screens with a verdict then move it to the verdict heading).
  const routeName = route.name;
  useEffect(() => {
    mainRef.current?.focus({ preventScroll: true });
  }, [routeName]);

  return (
    <>
      <a className="skip-link" href="#main">
        {t.skipToContent}
      </a>
      <TopBar />
      <UpdateBanner />
      {showForkAlarm && (
        <Suspense fallback={null}>
          <ForkAlarm />
        </Suspense>
      )}
      <OfflineNote />
      <main id="main" ref={mainRef} tabIndex={-1}>
        <ErrorBoundary key={routeName}>
          <Suspense fallback={<p aria-busy="true">{t.loading}</p>}>{screen(route)}</Suspense>
        </ErrorBoundary>
      </main>
    </>
  );
}

function screen(route: Route): ReactNode {
  switch (route.name) {
    case 'home':
      return <RolePicker />;
    case 'shopper':
      return <ShopperScreen />;
    case 'code':
      return <CodeScreen fragment={route.fragment} />;
    case 'vendor':
      return <VendorScreen />;
    case 'inspector':
      return <InspectorScreen />;
    case 'not-found':
      return <NotFound />;
  }
}

function TopBar() {
  const { t, lang, setLang } = useI18n();
  const online = useOnline();
  return (
    <header className="topbar">
      <Link className="brand" href="/" aria-label={`${t.appName} · ${t.home}`}>
        <img src="/icon.svg" alt="" width="28" height="28" />
        <span>{t.appName}</span>
      </Link>
      <span className={`net-status ${online ? 'online' : 'offline'}`} data-testid="net-status" data-online={online}>
        {online ? null : <Icon kind="warn" />}
        {online ? t.online : t.offline}
      </span>
      <button
        type="button"
        className="lang-switch"
        lang={lang === 'zh-CN' ? 'en' : 'zh-CN'}
        aria-label={t.switchLanguageLabel}
        data-testid="language-switch"
        data-lang={lang}
        onClick={() => setLang(lang === 'zh-CN' ? 'en' : 'zh-CN')}
      >
        {t.switchLanguage}
      </button>
    </header>
  );
}

function OfflineNote() {
  const { t } = useI18n();
  const online = useOnline();
  if (online) return null;
  return (
    <div className="banner offline-note" role="status" data-testid="offline-indicator">
      <Icon kind="warn" />
      <p>{t.offlineLong}</p>
    </div>
  );
}

function NotFound() {
  const { t } = useI18n();
  return (
    <section>
      <h1>{t.notFoundTitle}</h1>
      <p>{t.notFoundBody}</p>
      <Link className="btn primary" href="/">
        {t.goHome}
      </Link>
    </section>
  );
}

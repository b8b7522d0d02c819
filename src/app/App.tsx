// The shell: top bar (home, connectivity, language), the update banner, the notice when another tab
// holds the database, the fork alarm, and the routed screen. Each role is its own lazy chunk, so the home page and the first paint stay small.

import { lazy, Suspense, useEffect, useRef, useState, type ReactNode } from 'react';
import { I18nProvider, useI18n } from './i18n';
import { RouterProvider, Link, useRouter, type Route } from './router';
import { AnnouncerProvider } from './announcer';
import { UpdateBanner } from './pwa';
import { useAppEvent, useOnline } from './hooks';
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
      <DatabaseNotice />
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

/**
 * The store's two moments that need the user (platform/store contract): another tab keeps an old
 * version of the database open, so our upgrade waits until it is closed; or another tab upgraded
 * it and closed our connection, so this page must reload.
 */
function DatabaseNotice() {
  const { t } = useI18n();
  const blocked = useAppEvent('upgrade-blocked');
  const changed = useAppEvent('version-changed');
  const [opened, setOpened] = useState(0);
  useEffect(() => {
    // services is loaded already (it emitted the event); a dynamic import keeps it out of the shell's chunk.
    if (blocked > 0) void import('./services').then(({ getStore }) => getStore()).then(() => setOpened(blocked));
  }, [blocked]);
  if (changed > 0) {
    return (
      <div className="banner update" role="alert" data-testid="db-version-changed">
        <p>{t.dbVersionChanged}</p>
        <button type="button" className="btn primary" onClick={() => window.location.reload()}>
          {t.reloadPage}
        </button>
      </div>
    );
  }
  if (blocked > opened) {
    return (
      <div className="banner update" role="alert" data-testid="db-upgrade-blocked">
        <p>{t.dbUpgradeBlocked}</p>
      </div>
    );
  }
  return null;
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

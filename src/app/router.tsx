// A path router small enough to read in one go: the app has five screens and no nested routes.
// `/c` and `/C` carry a stall code in location.hash; the hash is read here and never sent
// anywhere (it is not part of any fetch, log or history entry we create).

import { createContext, use, useCallback, useEffect, useMemo, useState, type AnchorHTMLAttributes, type MouseEvent, type ReactNode } from 'react';

export type Route =
  | { name: 'home' }
  | { name: 'shopper' }
  | { name: 'code'; fragment: string }
  | { name: 'vendor' }
  | { name: 'inspector' }
  | { name: 'not-found'; path: string };

/** Maps a location to a route. Pure, so it is unit-tested. */
export function matchRoute(pathname: string, hash: string): Route {
  const path = pathname.replace(/\/+$/, '') || '/';
  switch (path) {
    case '/':
    case '/index.html':
      return { name: 'home' };
    case '/shopper':
      return { name: 'shopper' };
    case '/c':
    case '/C':
      return { name: 'code', fragment: hash.startsWith('#') ? hash.slice(1) : hash };
    case '/vendor':
      return { name: 'vendor' };
    case '/inspector':
      return { name: 'inspector' };
    default:
      return { name: 'not-found', path };
  }
}

interface RouterValue {
  route: Route;
  navigate: (to: string, opts?: { replace?: boolean }) => void;
}

const RouterContext = createContext<RouterValue | null>(null);

function current(): Route {
  return matchRoute(window.location.pathname, window.location.hash);
}

export function RouterProvider({ children }: { children: ReactNode }) {
  const [route, setRoute] = useState<Route>(current);

  useEffect(() => {
    const update = () => setRoute(current());
    window.addEventListener('popstate', update);
    window.addEventListener('hashchange', update);
    return () => {
      window.removeEventListener('popstate', update);
      window.removeEventListener('hashchange', update);
    };
  }, []);

  const navigate = useCallback((to: string, opts?: { replace?: boolean }) => {
    if (opts?.replace) window.history.replaceState(null, '', to);
    else window.history.pushState(null, '', to);
    setRoute(current());
    window.scrollTo(0, 0);
  }, []);

  const value = useMemo(() => ({ route, navigate }), [route, navigate]);
  return <RouterContext value={value}>{children}</RouterContext>;
}

export function useRouter(): RouterValue {
  const v = use(RouterContext);
  if (!v) throw new Error('useRouter outside RouterProvider');
  return v;
}

/** An <a> that navigates in-app; a modified click (new tab) keeps the browser's behaviour. */
export function Link({ href, onClick, ...rest }: AnchorHTMLAttributes<HTMLAnchorElement> & { href: string }) {
  const { navigate } = useRouter();
  const handle = (e: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(e);
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    navigate(href);
  };
  return <a href={href} onClick={handle} {...rest} />;
}

import { Suspense, useEffect, useRef } from 'react';
import { NavLink, Outlet, useLocation, useNavigate } from 'react-router';
import { UNAUTHENTICATED_EVENT } from '../data-access/graphql-client.js';
import { useI18n } from '../i18n/i18n.context.js';
import { LANGUAGES, type Language } from '../i18n/language.js';
import { Loading } from '../ui/query-state.js';
import { useAccess } from './access/access.context.js';
import { RefusedPage } from './access/refused-page.js';
import { ADMINISTRATION_NAV, NAV_ITEMS, pageNeeds } from './nav-items.js';
import { ADMIN_PAGES } from '../features/administration/admin-access.js';
import { useOrganization } from './organization.context.js';
import { useSession } from './session.context.js';
import { UserMenu } from './user-menu.js';

const LANGUAGE_NAMES: Record<Language, string> = { en: 'English', ko: '한국어' };

export function AppShell() {
  const { t, lang, setLang } = useI18n();
  const { slug, organizations, setSlug } = useOrganization();
  // A visitor who is not signed in sees the sign-in form and the language, not the app's map or an organization's name.
  const signedIn = useSession().status === 'signed-in';
  const navigate = useNavigate();
  const location = useLocation();

  useEffect(() => {
    const toSignIn = () => {
      if (location.pathname === '/sign-in') return;
      navigate(`/sign-in?next=${encodeURIComponent(location.pathname + location.search)}`);
    };
    window.addEventListener(UNAUTHENTICATED_EVENT, toSignIn);
    return () => window.removeEventListener(UNAUTHENTICATED_EVENT, toSignIn);
  }, [navigate, location]);

  // `?lang=` works on any URL, also when reached by a link inside the app; it acts when the URL
  // changes, so choosing another language in the menu afterwards is not overridden.
  useEffect(() => {
    const requested = new URLSearchParams(location.search).get('lang');
    if (requested === 'en' || requested === 'ko') setLang(requested);
  }, [location.search, setLang]);

  // After client-side navigation, move focus to the new page so screen readers announce it.
  const firstRender = useRef(true);
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    document.getElementById('main')?.focus({ preventScroll: true });
    window.scrollTo(0, 0);
  }, [location.pathname]);

  // Only what the caller's role may open is linked; a page reached anyway says so instead of loading.
  const access = useAccess();
  const navItems = [
    ...NAV_ITEMS.filter((item) => access.can(...item.needs)),
    ...(ADMIN_PAGES.some((p) => access.can(...p.needs)) ? [ADMINISTRATION_NAV] : []),
  ];
  const needs = signedIn ? pageNeeds(location.pathname) : null;
  const refused = access.status === 'ready' && needs !== null && !needs.anyOf.some((n) => access.can(...n));

  const orgOptions = organizations.some((o) => o.slug === slug) ? organizations : [{ slug, name: slug }, ...organizations];

  return (
    <div className={signedIn ? 'shell' : 'shell shell-signed-out'}>
      <a className="skip-link" href="#main">
        {t('shell.skipToContent')}
      </a>
      <header className="topbar">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true">
            ◆
          </span>
          <span className="brand-name">{t('app.name')}</span>
          <span className="brand-tagline">{t('app.tagline')}</span>
        </div>
        <div className="topbar-controls">
          {signedIn ? (
            <>
              <UserMenu />
              <label className="inline-field">
                <span>{t('shell.organization')}</span>
                <select value={slug} onChange={(e) => setSlug(e.target.value)} data-testid="org-switch">
                  {orgOptions.map((o) => (
                    <option key={o.slug} value={o.slug}>
                      {o.name}
                    </option>
                  ))}
                </select>
              </label>
            </>
          ) : null}
          <label className="inline-field">
            <span>{t('shell.language')}</span>
            <select value={lang} onChange={(e) => setLang(e.target.value as Language)} data-testid="language-switch">
              {LANGUAGES.map((l) => (
                <option key={l} value={l} lang={l}>
                  {LANGUAGE_NAMES[l]}
                </option>
              ))}
            </select>
          </label>
        </div>
      </header>
      {signedIn ? (
        <nav className="sidenav" aria-label={t('shell.mainNav')}>
          <ul>
            {navItems.map((item) => (
              <li key={item.path}>
                <NavLink to={item.path} end={item.path === '/'} className={({ isActive }) => (isActive ? 'nav-link active' : 'nav-link')}>
                  <span className="nav-icon" aria-hidden="true">
                    {item.icon}
                  </span>
                  {t(item.label)}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
      ) : null}
      <main id="main" className="content" tabIndex={-1}>
        <Suspense fallback={<Loading />}>
          {refused ? <RefusedPage /> : access.status === 'loading' && needs !== null ? <Loading /> : <Outlet key={slug} />}
        </Suspense>
      </main>
    </div>
  );
}

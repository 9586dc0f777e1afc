import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router';
import { AccessProvider } from './app/access/access.context.js';
import { OrganizationProvider } from './app/organization.context.js';
import { router } from './app/routes.js';
import { SessionProvider } from './app/session.context.js';
import { I18nProvider } from './i18n/i18n.context.js';
import './app/styles.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html lacks #root');

createRoot(root).render(
  <StrictMode>
    <I18nProvider>
      <SessionProvider>
        <OrganizationProvider>
          <AccessProvider>
            <RouterProvider router={router} />
          </AccessProvider>
        </OrganizationProvider>
      </SessionProvider>
    </I18nProvider>
  </StrictMode>,
);

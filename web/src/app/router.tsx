import { createBrowserRouter } from 'react-router';
import { paths } from '@/config/paths';
import { RootLayout } from '@/features/layout/components/root-layout';
import { HomeRoute } from './routes/home';
import { RouteError } from './routes/route-error';

// The home page ships in the main bundle (it is the usual landing page); every
// other page is its own chunk, loaded on first visit.
export function createRouter() {
  return createBrowserRouter([
    {
      Component: RootLayout,
      ErrorBoundary: RouteError,
      children: [
        { path: paths.home.pattern, Component: HomeRoute },
        {
          path: paths.products.pattern,
          lazy: () => import('./routes/products').then((m) => ({ Component: m.ProductsRoute })),
        },
        {
          path: paths.product.pattern,
          lazy: () => import('./routes/product').then((m) => ({ Component: m.ProductRoute })),
        },
        {
          path: paths.faq.pattern,
          lazy: () => import('./routes/faq').then((m) => ({ Component: m.FaqRoute })),
        },
        {
          path: paths.terms.pattern,
          lazy: () => import('./routes/terms').then((m) => ({ Component: m.TermsRoute })),
        },
        {
          path: paths.privacy.pattern,
          lazy: () => import('./routes/privacy').then((m) => ({ Component: m.PrivacyRoute })),
        },
        {
          path: paths.support.pattern,
          lazy: () => import('./routes/support').then((m) => ({ Component: m.SupportRoute })),
        },
        {
          path: '*',
          lazy: () => import('./routes/not-found').then((m) => ({ Component: m.NotFoundRoute })),
        },
      ],
    },
  ]);
}

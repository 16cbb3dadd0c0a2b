import { createBrowserRouter } from 'react-router';
import { paths } from '@/config/paths';
import { AccountMenu } from '@/features/account/components/account-menu';
import { RootLayout } from '@/features/layout/components/root-layout';
import { HomeRoute } from './routes/home';
import { RouteError } from './routes/route-error';

// The home page ships in the main bundle (it is the usual landing page); every
// other page is its own chunk, loaded on first visit.
export function createRouter() {
  return createBrowserRouter([
    {
      element: <RootLayout accountMenu={<AccountMenu />} />,
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
          path: paths.login.pattern,
          lazy: () => import('./routes/login').then((m) => ({ Component: m.LoginRoute })),
        },
        {
          path: paths.register.pattern,
          lazy: () => import('./routes/register').then((m) => ({ Component: m.RegisterRoute })),
        },
        {
          path: paths.forgotPassword.pattern,
          lazy: () =>
            import('./routes/forgot-password').then((m) => ({ Component: m.ForgotPasswordRoute })),
        },
        {
          path: paths.resetPassword.pattern,
          lazy: () =>
            import('./routes/reset-password').then((m) => ({ Component: m.ResetPasswordRoute })),
        },
        {
          path: paths.account.pattern,
          lazy: () => import('./routes/account').then((m) => ({ Component: m.AccountRoute })),
        },
        {
          path: paths.accountOrders.pattern,
          lazy: () => import('./routes/account-orders').then((m) => ({ Component: m.AccountOrdersRoute })),
        },
        {
          path: paths.accountOrder.pattern,
          lazy: () => import('./routes/account-order').then((m) => ({ Component: m.AccountOrderRoute })),
        },
        {
          path: paths.checkout.pattern,
          lazy: () => import('./routes/checkout').then((m) => ({ Component: m.CheckoutRoute })),
        },
        {
          path: paths.invoice.pattern,
          lazy: () => import('./routes/invoice').then((m) => ({ Component: m.InvoiceRoute })),
        },
        {
          path: paths.track.pattern,
          lazy: () => import('./routes/track').then((m) => ({ Component: m.TrackRoute })),
        },
        {
          path: paths.admin.pattern,
          lazy: () => import('./routes/admin').then((m) => ({ Component: m.AdminRoute })),
        },
        {
          path: paths.reseller.pattern,
          lazy: () => import('./routes/reseller').then((m) => ({ Component: m.ResellerRoute })),
        },
        {
          path: '*',
          lazy: () => import('./routes/not-found').then((m) => ({ Component: m.NotFoundRoute })),
        },
      ],
    },
  ]);
}

// Every page of the app. A page's first path segment is never one of the API's (courses, creators,
// me, admin, orders, auth, checkout exactly, events, webhooks, health): the same origin serves
// both, and the CDK app routes by that segment. /checkout/* pages sit beside POST /checkout, which
// is routed by its exact path.
import { lazy, Suspense, type ReactNode } from "react";
import type { RouteObject } from "react-router";
import { Layout } from "./components/Layout";
import { RequireRole } from "./components/RequireRole";
import { Loading } from "./components/Loading";
import { NotFound } from "./pages/NotFound";
import SignIn from "./pages/SignIn";
import SignUp from "./pages/SignUp";
import Home from "./pages/learner/Home";
import Browse from "./pages/learner/Browse";
import Search from "./pages/learner/Search";
import CoursePage from "./pages/learner/CoursePage";
import LessonPlayer from "./pages/learner/LessonPlayer";
import Library from "./pages/learner/Library";
import CheckoutReturn from "./pages/learner/CheckoutReturn";
import Purchases from "./pages/learner/Purchases";
import OrderPage from "./pages/learner/OrderPage";
import Account from "./pages/learner/Account";
import CreatorPage from "./pages/learner/CreatorPage";

// Creators' and admins' pages (charts, the Markdown editor) load when first opened: learners never download them.
const Studio = lazy(() => import("./pages/creator/Studio"));
const CourseEditor = lazy(() => import("./pages/creator/CourseEditor"));
const Coupons = lazy(() => import("./pages/creator/Coupons"));
const Earnings = lazy(() => import("./pages/creator/Earnings"));
const CreatorAnalytics = lazy(() => import("./pages/creator/CreatorAnalytics"));
const Console = lazy(() => import("./pages/admin/Console"));

function Later({ children }: { children: ReactNode }) {
  return <Suspense fallback={<Loading />}>{children}</Suspense>;
}

export const routes: RouteObject[] = [
  {
    element: <Layout />,
    children: [
      { path: "/", element: <Home /> },
      { path: "/browse", element: <Browse /> },
      { path: "/search", element: <Search /> },
      { path: "/course/:courseId", element: <CoursePage /> },
      { path: "/creator/:creatorId", element: <CreatorPage /> },
      { path: "/learn/:courseId/:lessonId", element: <LessonPlayer /> },
      { path: "/signin", element: <SignIn /> },
      { path: "/signup", element: <SignUp /> },
      { path: "/library", element: <RequireRole><Library /></RequireRole> },
      { path: "/checkout/success", element: <RequireRole><CheckoutReturn outcome="success" /></RequireRole> },
      { path: "/checkout/cancel", element: <RequireRole><CheckoutReturn outcome="cancel" /></RequireRole> },
      { path: "/purchases", element: <RequireRole><Purchases /></RequireRole> },
      { path: "/purchases/:orderId", element: <RequireRole><OrderPage /></RequireRole> },
      { path: "/account", element: <RequireRole><Account /></RequireRole> },
      { path: "/studio", element: <RequireRole role="creator"><Later><Studio /></Later></RequireRole> },
      { path: "/studio/courses/:courseId", element: <RequireRole role="creator"><Later><CourseEditor /></Later></RequireRole> },
      { path: "/studio/courses/:courseId/coupons", element: <RequireRole role="creator"><Later><Coupons /></Later></RequireRole> },
      { path: "/studio/earnings", element: <RequireRole role="creator"><Later><Earnings /></Later></RequireRole> },
      { path: "/studio/analytics", element: <RequireRole role="creator"><Later><CreatorAnalytics /></Later></RequireRole> },
      { path: "/console", element: <RequireRole role="admin"><Later><Console /></Later></RequireRole> },
      { path: "*", element: <NotFound /> },
    ],
  },
];


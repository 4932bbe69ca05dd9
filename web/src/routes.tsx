// Every page of the app. A page's first path segment is never one of the API's (courses, creators,
// me, admin, orders, auth, checkout exactly, events, webhooks, health): the same origin serves
// both, and the CDK app routes by that segment. /checkout/* pages sit beside POST /checkout, which
// is routed by its exact path.
import type { RouteObject } from "react-router";
import { Layout } from "./components/Layout";
import { RequireRole } from "./components/RequireRole";
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
import Studio from "./pages/creator/Studio";
import CourseEditor from "./pages/creator/CourseEditor";
import Coupons from "./pages/creator/Coupons";
import Earnings from "./pages/creator/Earnings";
import CreatorAnalytics from "./pages/creator/CreatorAnalytics";
import Console from "./pages/admin/Console";

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
      { path: "/studio", element: <RequireRole role="creator"><Studio /></RequireRole> },
      { path: "/studio/courses/:courseId", element: <RequireRole role="creator"><CourseEditor /></RequireRole> },
      { path: "/studio/courses/:courseId/coupons", element: <RequireRole role="creator"><Coupons /></RequireRole> },
      { path: "/studio/earnings", element: <RequireRole role="creator"><Earnings /></RequireRole> },
      { path: "/studio/analytics", element: <RequireRole role="creator"><CreatorAnalytics /></RequireRole> },
      { path: "/console", element: <RequireRole role="admin"><Console /></RequireRole> },
      { path: "*", element: <NotFound /> },
    ],
  },
];


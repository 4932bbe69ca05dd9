// Articles are creators' Markdown: rendered by marked, then sanitised by DOMPurify before they reach
// the page. Besides scripts (DOMPurify's default), nothing that could restyle or take over the page
// (style sheets, style attributes) or collect what a learner types (forms and their controls)
// survives; images from other sites are left to the Content-Security-Policy, which allows only ours.
import { marked } from "marked";
import DOMPurify from "dompurify";

const FORBIDDEN = {
  FORBID_TAGS: ["style", "form", "input", "button", "textarea", "select", "option", "iframe", "object", "embed"],
  FORBID_ATTR: ["style"],
};

/**
 * Safe HTML for an article. `headingShift` moves its headings down (1: an h1 becomes h2), under the
 * page's own h1.
 */
export function renderArticle(markdown: string, headingShift = 0): string {
  const html = DOMPurify.sanitize(marked.parse(markdown, { async: false }), FORBIDDEN);
  if (headingShift === 0) return html;
  return html.replace(/<(\/?)h([1-6])(?=[\s>])/g, (_, slash: string, level: string) => `<${slash}h${Math.min(6, Number(level) + headingShift)}`);
}

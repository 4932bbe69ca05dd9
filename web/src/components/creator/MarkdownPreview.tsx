import { useMemo } from "react";
import { marked } from "marked";
import DOMPurify from "dompurify";

/** An article's Markdown as learners will see it; sanitised, since the body is the creator's HTML too. */
export function MarkdownPreview({ markdown, label }: { markdown: string; label: string }) {
  const html = useMemo(() => DOMPurify.sanitize(marked.parse(markdown, { async: false })), [markdown]);
  return <div className="article markdown-preview" role="region" aria-label={label} dangerouslySetInnerHTML={{ __html: html }} />;
}

import { useMemo } from "react";
import { renderArticle } from "../article";

/** An article's Markdown as learners will see it (the same rendering as the player's). */
export function MarkdownPreview({ markdown, label }: { markdown: string; label: string }) {
  const html = useMemo(() => renderArticle(markdown, 1), [markdown]);
  return <div className="article markdown-preview" role="region" aria-label={label} dangerouslySetInnerHTML={{ __html: html }} />;
}

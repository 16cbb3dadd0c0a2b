// Renders the shop's plain-text descriptions safely: blank lines separate
// paragraphs, lines starting with "- ", "* " or "• " become bullet lists. Everything
// is a React text node, so markup in the text is shown as text, never run.
import { Fragment } from 'react';
import { cn } from '@/lib/cn';

export type TextBlock =
  | { kind: 'paragraph'; lines: string[] }
  | { kind: 'list'; items: string[] };

const BULLET = /^\s*[-*•]\s+/;

export function parseRichText(text: string): TextBlock[] {
  const blocks: TextBlock[] = [];
  let current: TextBlock | null = null;

  for (const rawLine of text.replace(/\r\n?/g, '\n').split('\n')) {
    const line = rawLine.trimEnd();
    if (line.trim() === '') {
      current = null;
      continue;
    }
    if (BULLET.test(line)) {
      const item = line.replace(BULLET, '');
      if (current?.kind === 'list') current.items.push(item);
      else blocks.push((current = { kind: 'list', items: [item] }));
    } else if (current?.kind === 'paragraph') {
      current.lines.push(line.trim());
    } else {
      blocks.push((current = { kind: 'paragraph', lines: [line.trim()] }));
    }
  }
  return blocks;
}

export function RichText({
  text,
  tone = 'muted',
  className,
}: {
  text: string;
  /** `strong` for text on a tinted panel (notices), `muted` for running text. */
  tone?: 'muted' | 'strong';
  className?: string;
}) {
  const blocks = parseRichText(text);
  return (
    <div
      className={cn(
        'space-y-3 text-sm leading-relaxed sm:text-base',
        tone === 'strong' ? 'text-fg' : 'text-fg-muted',
        className,
      )}
    >
      {blocks.map((block, index) =>
        block.kind === 'list' ? (
          <ul key={index} className="space-y-1.5 pl-1">
            {block.items.map((item, itemIndex) => (
              <li key={itemIndex} className="flex gap-2.5">
                <span aria-hidden="true" className="mt-2 h-1.5 w-1.5 shrink-0 rounded-full bg-gold" />
                <span>{item}</span>
              </li>
            ))}
          </ul>
        ) : (
          <p key={index}>
            {block.lines.map((line, lineIndex) => (
              <Fragment key={lineIndex}>
                {lineIndex > 0 && <br />}
                {line}
              </Fragment>
            ))}
          </p>
        ),
      )}
    </div>
  );
}

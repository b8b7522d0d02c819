// Long machine text (QR contents, keys) in a scrollable box that keyboard users can reach and
// scroll, with a name for screen readers.

export function CodeBox({ text, label, testId }: { text: string; label: string; testId?: string }) {
  return (
    // A scrollable region must be focusable (WCAG 2.1.1); tabIndex 0 is what makes it so.
    <code className="code-box" tabIndex={0} role="region" aria-label={label} data-testid={testId}>
      {text}
    </code>
  );
}

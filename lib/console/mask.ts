/**
 * A command line with its passwords hidden, for everything that stores or shows one (the audit
 * trail, the prompt's echo): `-p<password>` and `-p <password>` (MS Mail's admin password) and
 * `--password <pw>` / `--password=<pw>` become `****`. Pure: the browser uses it too.
 */
export function maskPasswords(line: string): string {
  const words = line.split(/(\s+)/);
  let hideNext = false;
  return words
    .map((w) => {
      if (/^\s*$/.test(w)) return w;
      if (hideNext) {
        hideNext = false;
        return '****';
      }
      const quote = w.startsWith('"') ? '"' : '';
      const bare = quote ? w.slice(1) : w;
      if (/^-p$/i.test(bare) || /^--password$/i.test(bare)) {
        hideNext = true;
        return w;
      }
      if (/^-p./i.test(bare)) return `${quote}${bare.slice(0, 2)}****`;
      if (/^--password=/i.test(bare)) return `${quote}--password=****`;
      return w;
    })
    .join('');
}

'use client';

import { useRouter } from 'next/navigation';
import { useEffect, useRef, useState } from 'react';
import { SlowProgress } from '@/components/ui/slow-progress';
import { runCommandAction } from '../actions';
import { maskPasswords } from '@/lib/console/mask';
import { answerOf } from '@/components/ui/use-action';

interface Entry {
  line: string;
  text: string;
  exitCode: number;
}

/**
 * The postoffice's command prompt: type an MS Mail utility (`reqmain -t`, `import admin -p… -q -y`,
 * `listds admin -p… -r`, …); it runs for this postoffice and its output appears below, as in the
 * old DOS box. Up and Down recall earlier commands.
 */
export function CommandPrompt({ po, drive, disabled }: { po: string; drive: string | null; disabled: boolean }) {
  const router = useRouter();
  const [entries, setEntries] = useState<Entry[]>([]);
  const [history, setHistory] = useState<string[]>([]);
  const [cursor, setCursor] = useState<number | null>(null);
  const [line, setLine] = useState('');
  // Commands typed while one runs wait their turn, as at a real prompt: each runs after the last.
  const queue = useRef(Promise.resolve());
  const [running, setRunning] = useState(0);
  const pending = running > 0;
  const screen = useRef<HTMLDivElement>(null);
  useEffect(() => {
    screen.current?.scrollTo({ top: screen.current.scrollHeight });
  }, [entries]);
  const prompt = `${drive ?? 'C'}:\\MAILEXE>`;

  const run = () => {
    const text = line.trim();
    if (!text) return;
    setHistory((h) => [...h, text]);
    setCursor(null);
    setLine('');
    setRunning((n) => n + 1);
    queue.current = queue.current.then(async () => {
      const r = await answerOf(() => runCommandAction({ po, line: text }));
      // The screen shows the line with its passwords masked; Up still recalls what was typed.
      const shown = maskPasswords(text);
      const entry = r.ok
        ? { line: shown, text: [r.data.out, r.data.err].filter(Boolean).join('\n') || `${text.split(/\s+/)[0]} finished`, exitCode: r.data.exitCode }
        : { line: shown, text: r.error, exitCode: 2 };
      setEntries((e) => [...e, entry]);
      setRunning((n) => n - 1);
      router.refresh();
    });
  };

  return (
    <section aria-labelledby="prompt-title" className="grid gap-1">
      <h2 id="prompt-title" className="font-semibold">
        Command prompt
      </h2>
      <div ref={screen} role="log" aria-label="Command output" tabIndex={0} className="h-56 overflow-auto bg-black p-2 font-mono text-[12px] whitespace-pre-wrap text-[#c0c0c0]">
        {entries.map((e, k) => (
          <div key={k}>
            <div className="text-white">
              {prompt}
              {e.line}
            </div>
            <div className={e.exitCode === 0 ? '' : 'text-[#ff8080]'}>{e.text}</div>
            {e.exitCode !== 0 ? <div className="text-[#ff8080]">(exit status {e.exitCode})</div> : null}
          </div>
        ))}
        {history.slice(history.length - running).map((line, k) => (
          <div key={`waiting-${k}`} className="text-white">
            {prompt}
            {line}
          </div>
        ))}
        <SlowProgress pending={pending} label={`Running ${history.at(-running)?.split(/\s+/)[0] ?? 'the command'}…`} />
      </div>
      <form
        className="flex items-center gap-2"
        onSubmit={(e) => {
          e.preventDefault();
          run();
        }}
      >
        <label htmlFor="prompt-line" className="font-mono text-[12px]">
          {prompt}
        </label>
        <input
          id="prompt-line"
          aria-label="Command"
          value={line}
          disabled={disabled}
          onChange={(e) => setLine(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'ArrowUp' && history.length) {
              const k = cursor === null ? history.length - 1 : Math.max(0, cursor - 1);
              setCursor(k);
              setLine(history[k]);
              e.preventDefault();
            } else if (e.key === 'ArrowDown' && cursor !== null) {
              const k = cursor + 1;
              setCursor(k < history.length ? k : null);
              setLine(k < history.length ? history[k] : '');
              e.preventDefault();
            }
          }}
          placeholder="reqmain -t"
          className="field flex-1 font-mono"
          autoComplete="off"
          spellCheck={false}
        />
        <button type="submit" className="button" disabled={disabled}>
          Run
        </button>
      </form>
      {disabled ? <p className="text-[12px] text-ink-muted">A View Only Admin cannot run the utilities; LISTDS and LISTQ are shown above.</p> : null}
    </section>
  );
}

// When `sanma start` should stop: on SIGINT / SIGTERM, and, when npm started it, when npm's
// wrapper is gone. `npm start` and `npx sanma start` run us under `sh -c`; on SIGTERM npm
// signals only that shell, which dies without passing the signal on, and we would be left
// running with every validator and the sequencer. Outside npm a new parent means nothing
// (nohup, a shell that exited), so the watch is only on under npm.

export type StopReason = NodeJS.Signals | 'parent-gone';

export interface LifetimeOptions {
  /** npm sets npm_command (start, run-script, exec) in every script and npx it runs. */
  underNpm?: boolean;
  pollMs?: number;
}

export function untilStopped(opts: LifetimeOptions = {}): Promise<StopReason> {
  const underNpm = opts.underNpm ?? process.env.npm_command !== undefined;
  return new Promise((res) => {
    process.once('SIGINT', () => res('SIGINT'));
    process.once('SIGTERM', () => res('SIGTERM'));
    if (!underNpm) return;
    const parent = process.ppid;
    const timer = setInterval(() => {
      if (process.ppid === parent) return;
      clearInterval(timer);
      res('parent-gone');
    }, opts.pollMs ?? 500);
    timer.unref();
  });
}

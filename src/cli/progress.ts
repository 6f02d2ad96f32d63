/**
 * A progress indicator for long calls: a spinner and the elapsed seconds on
 * standard error, only when it is a terminal (never in pipes, logs or CI),
 * starting after a short delay so quick calls print nothing.
 */
const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

/** A stream that may be a terminal. */
export interface ProgressStream {
  readonly isTTY?: boolean;
  write(text: string): unknown;
}

/** Starts the indicator; the returned function stops it and clears its line. */
export function startProgress(label: string, stream: ProgressStream, delayMs = 500): () => void {
  if (stream.isTTY !== true) return () => undefined;
  const started = Date.now();
  let frame = 0;
  let shown = false;
  const timer = setInterval(() => {
    if (Date.now() - started < delayMs) return;
    shown = true;
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    stream.write(`\r${FRAMES[frame++ % FRAMES.length] ?? ''} ${label} ${seconds}s `);
  }, 100);
  timer.unref();
  return () => {
    clearInterval(timer);
    if (shown) stream.write('\r\x1b[2K');
    shown = false;
  };
}

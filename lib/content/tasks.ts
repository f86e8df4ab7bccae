/**
 * Runs `task` in a task of its own, queued behind the page's pending work: a long piece of the content
 * script's work split in two never adds up to one long task. (A message to itself, not a timer: nested
 * timers are clamped to 4 ms, and throttled in background tabs.)
 */
export function postTask(task: () => void): void {
  const channel = new MessageChannel();
  channel.port1.onmessage = () => {
    channel.port1.close();
    task();
  };
  channel.port2.postMessage(null);
}

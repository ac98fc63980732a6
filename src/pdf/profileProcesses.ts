/**
 * The browser started on a profile folder, found through /proc by its `--user-data-dir` flag:
 * an interrupt can arrive while `puppeteer.launch` is still waiting for the browser, before
 * dxreport holds its process, and the profile must not be removed under a browser that is
 * still writing into it (it would be written again a moment later).
 */
import { readdirSync, readFileSync } from 'node:fs';

/** Process ids whose command line holds `--user-data-dir=<profileDir>` (Linux; none elsewhere). */
export function processesUsingProfile(profileDir: string): number[] {
  const flag = `--user-data-dir=${profileDir}`;
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return [];
  }
  const pids: number[] = [];
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0').includes(flag)) pids.push(Number(entry));
    } catch {
      // the process ended while we looked
    }
  }
  return pids;
}

/** Whether `pid` has stopped running (gone, or a zombie waiting to be reaped). */
function stopped(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // the state follows the command name in parentheses, which may itself hold spaces
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) === 'Z';
  } catch {
    return true;
  }
}

const pause = new Int32Array(new SharedArrayBuffer(4));

/**
 * Kills every browser process on the profile and its process group (the helpers), then waits
 * (synchronously: this runs in a signal handler that exits right after) up to `waitMs` until
 * they have stopped.
 */
export function killProfileProcesses(profileDir: string, waitMs = 3000): void {
  const pids = processesUsingProfile(profileDir);
  for (const pid of pids) {
    for (const target of [-pid, pid]) {
      try {
        process.kill(target, 'SIGKILL');
      } catch {
        // not a group leader, or already gone
      }
    }
  }
  for (let waited = 0; waited < waitMs && !pids.every(stopped); waited += 20) Atomics.wait(pause, 0, 0, 20);
}

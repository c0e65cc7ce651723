/**
 * The trust policy as it changes while links are up: the policy file, and every root and CRL it
 * names, are watched (inotify on their folders, so a file replaced by a rename is seen too) and
 * polled as well (fs.watchFile, where inotify is not to be had); a change reloads the policy. A
 * policy that does not load (a half-written file, a mistake) is logged and the one before it
 * stays in force; the write that completes it reloads again.
 */
import { type FSWatcher, unwatchFile, watch, watchFile } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Logger } from 'pino';
import { loadTrustPolicy, type TrustPolicy } from '../../attestation/policy.js';
import { PlugfestError } from '../../wire/index.js';

/**
 * Default poll interval of the watched files: the bound on noticing a change where the folder
 * watch misses it. docs/vendor-contract.md states 1 s from a change to the links closed.
 */
export const policyPollMs = 250;

/** Changes this close together (a file truncated then written, a policy and its CRL) make one reload. */
const settleMs = 25;

export interface PolicyWatch {
  /** Reloads now (SIGHUP); false when the file does not load. */
  reload(reason: string): boolean;
  close(): void;
}

export function watchPolicy(options: {
  readonly file: string;
  readonly initial: TrustPolicy;
  readonly logger: Logger;
  readonly onPolicy: (policy: TrustPolicy) => void;
  /** Default `policyPollMs`. */
  readonly intervalMs?: number;
}): PolicyWatch {
  const interval = options.intervalMs ?? policyPollMs;
  const watched = new Set<string>();
  const folders = new Map<string, FSWatcher>();
  let pending: NodeJS.Timeout | undefined;
  const schedule = () => {
    pending ??= setTimeout(() => {
      pending = undefined;
      reload('file changed');
    }, settleMs);
  };
  const filesOf = (policy: TrustPolicy) => [
    options.file,
    ...policy.roots.map((f) => f.path),
    ...policy.crls.map((f) => f.path),
    ...[...policy.vendors.values()].flatMap((v) => v.roots.map((f) => f.path)),
  ];
  const changed = (current: { mtimeMs: number }, previous: { mtimeMs: number }) => {
    if (current.mtimeMs !== previous.mtimeMs) schedule();
  };
  const watchFolder = (folder: string) => {
    if (folders.has(folder)) return;
    try {
      const watcher = watch(folder, { persistent: false }, (_event, name) => {
        if (name && watched.has(join(folder, name.toString()))) schedule();
      });
      watcher.on('error', () => folders.delete(folder));
      folders.set(folder, watcher);
    } catch {
      // No inotify here (or the folder is gone): polling alone notices changes.
    }
  };
  const follow = (policy: TrustPolicy) => {
    const next = new Set(filesOf(policy));
    for (const file of watched) {
      if (next.has(file)) continue;
      unwatchFile(file, changed);
      watched.delete(file);
    }
    for (const file of next) {
      if (watched.has(file)) continue;
      watchFile(file, { persistent: false, interval }, changed);
      watched.add(file);
      watchFolder(dirname(file));
    }
  };
  const reload = (reason: string): boolean => {
    let policy: TrustPolicy;
    try {
      policy = loadTrustPolicy(options.file);
    } catch (error) {
      options.logger.error(
        { reason, file: options.file, detail: PlugfestError.from(error).rawMessage },
        'trust policy not reloaded; the previous one stays in force',
      );
      return false;
    }
    follow(policy);
    options.logger.info({ reason, file: options.file }, 'trust policy reloaded');
    options.onPolicy(policy);
    return true;
  };
  follow(options.initial);
  return {
    reload,
    close() {
      clearTimeout(pending);
      for (const file of watched) unwatchFile(file, changed);
      for (const watcher of folders.values()) watcher.close();
      watched.clear();
      folders.clear();
    },
  };
}

'use client';

/**
 * Keeps a paper's answers on the server. Each change gets a sequence number larger than any before
 * it (the time of the change in ms, or one more than the last); the server keeps an answer only over
 * an older one, so a retry, a slow request or another tab can never put an older answer back.
 * Answers not yet acknowledged are also kept in localStorage, so a crash or a closed tab loses
 * nothing the server had not already got: on reload they are sent again (and lose to anything newer).
 */
export type ItemKind = 'coding' | 'theory' | 'written';
export type Pending = { kind: ItemKind; item: number; answer: unknown; flagged: boolean; seq: number };
export type SyncState =
  | { kind: 'idle'; savedAt: Date | null }
  | { kind: 'saving' }
  | { kind: 'offline'; since: Date; message: string }
  | { kind: 'refused'; item: number; message: string }
  | { kind: 'closed'; message: string };

const storageKey = (attemptId: string) => `coder-pathway:paper:${attemptId}`;
let lastSeq = 0;
export const nextSeq = () => (lastSeq = Math.max(Date.now(), lastSeq + 1));

export function readUnsaved(attemptId: string): Pending[] {
  try {
    const raw = localStorage.getItem(storageKey(attemptId));
    return raw ? (JSON.parse(raw) as Pending[]) : [];
  } catch {
    return [];
  }
}

function writeUnsaved(attemptId: string, pending: Map<number, Pending>) {
  try {
    if (pending.size) localStorage.setItem(storageKey(attemptId), JSON.stringify([...pending.values()]));
    else localStorage.removeItem(storageKey(attemptId));
  } catch {
    /* private browsing or storage full: the server copy still stands */
  }
}

export class AnswerSync {
  private pending = new Map<number, Pending>();
  private timer: ReturnType<typeof setTimeout> | null = null;
  private inFlight = false;
  private failures = 0;
  private closed = false;

  constructor(
    private attemptId: string,
    private onState: (s: SyncState) => void,
    private onClosed: (reason: string) => void,
    private delayMs = 700,
  ) {}

  /** Queues the newest answer of an item; sent after a short pause in typing. */
  change(p: Pending) {
    if (this.closed) return;
    this.pending.set(p.item, p);
    writeUnsaved(this.attemptId, this.pending);
    this.schedule(this.delayMs);
  }

  get unsavedCount() {
    return this.pending.size;
  }

  /** Sends everything waiting now (before submitting). */
  async flush() {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    while (this.pending.size && !this.closed) {
      const before = this.failures;
      await this.sendAll();
      if (this.failures > before) break;
    }
  }

  stop() {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
  }

  private schedule(ms: number) {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.sendAll(), ms);
  }

  private async sendAll() {
    if (this.inFlight || this.closed) return;
    this.inFlight = true;
    this.onState({ kind: 'saving' });
    let savedAt: Date | null = null;
    let refused: { item: number; message: string } | null = null;
    try {
      for (const p of [...this.pending.values()]) {
        const res = await fetch(`/api/assessments/attempts/${this.attemptId}/answers`, {
          method: 'PUT',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(p),
          cache: 'no-store',
        });
        const body = (await res.json().catch(() => ({}))) as { status?: string; savedAt?: string; error?: string; reason?: string };
        if (res.ok) {
          // Only forget it if nothing newer was typed while it travelled.
          if (this.pending.get(p.item)?.seq === p.seq) this.pending.delete(p.item);
          if (body.savedAt) savedAt = new Date(body.savedAt);
          continue;
        }
        if (res.status === 409 || res.status === 404) {
          this.closed = true;
          this.pending.clear();
          this.onState({ kind: 'closed', message: body.error ?? 'This paper can no longer be changed.' });
          this.onClosed(body.error ?? 'closed');
          return;
        }
        if (res.status === 400) {
          // This answer cannot be kept (e.g. it holds an NHS number): say so, keep the rest going.
          if (this.pending.get(p.item)?.seq === p.seq) this.pending.delete(p.item);
          refused = { item: p.item, message: body.error ?? 'That answer could not be saved.' };
          continue;
        }
        throw new Error(body.error ?? `HTTP ${res.status}`);
      }
      this.failures = 0;
      this.onState(refused ? { kind: 'refused', ...refused } : { kind: 'idle', savedAt: savedAt ?? new Date() });
    } catch {
      this.failures++;
      const wait = Math.min(15_000, 1000 * 2 ** Math.min(this.failures, 4));
      this.onState({ kind: 'offline', since: new Date(), message: `Not saved: the connection to the server was lost. Trying again in ${Math.round(wait / 1000)} s; your answers are kept on this device meanwhile.` });
      this.schedule(wait);
    } finally {
      writeUnsaved(this.attemptId, this.pending);
      this.inFlight = false;
      if (this.pending.size && !this.closed && this.failures === 0) this.schedule(this.delayMs);
    }
  }
}

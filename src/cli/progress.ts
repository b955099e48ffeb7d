import type { DeckEvent } from '../commands/build-all.js';

export interface ProgressStream {
  write(text: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

type Status = 'queued' | 'building' | 'exporting' | 'up-to-date' | 'done' | 'failed';

interface Row {
  deck: string;
  status: Status;
  detail: string;
}

const SYMBOL: Record<Status, string> = {
  queued: '·',
  building: '…',
  exporting: '…',
  'up-to-date': '✓',
  done: '✓',
  failed: '✗',
};

/**
 * Build progress. On a terminal: a live line per deck (queued / building / exporting / done /
 * failed) and a total, redrawn in place. Elsewhere (CI, pipes): one plain line per finished
 * deck, so logs stay readable.
 */
export class Progress {
  private readonly rows: Row[];
  private drawn = 0;
  private readonly started: number;

  constructor(
    private readonly stream: ProgressStream,
    decks: readonly string[],
    private readonly now: () => number = () => performance.now(),
  ) {
    this.rows = decks.map((deck) => ({ deck, status: 'queued', detail: '' }));
    this.started = now();
    if (this.live) this.draw();
  }

  private get live(): boolean {
    return this.stream.isTTY === true;
  }

  update(event: DeckEvent): void {
    const row = this.rowFor(event);
    if (!row) return;
    row.status = event.status;
    if (event.status === 'done') {
      const r = event.result;
      const outputs = ['slides.md', 'index.html', ...(r.files.pdf ? ['PDF'] : []), ...(r.files.handout ? ['handout'] : []), ...(r.files.pptx ? ['PPTX'] : [])].join(', ');
      row.detail = `${r.deck.slides.length} slides, ${outputs} in ${formatMs(r.ms)}`;
    } else if (event.status === 'up-to-date') {
      row.detail = 'up to date';
    } else if (event.status === 'failed') {
      row.detail = event.error.message.split('\n')[0] ?? '';
    } else {
      row.detail = event.status;
    }
    if (this.live) this.draw();
    else if (event.status !== 'building' && event.status !== 'exporting') this.stream.write(this.line(row) + '\n');
  }

  /**
   * The row an event is about. Two deck folders may share a name (a/brief, b/brief): they are
   * built in the order listed, so a start goes to the first such row still queued and anything
   * later to the first such row in progress, never to one already finished.
   */
  private rowFor(event: DeckEvent): Row | undefined {
    const named = this.rows.filter((r) => r.deck === event.deck);
    const waiting = (r: Row) => r.status === 'queued';
    const working = (r: Row) => r.status === 'building' || r.status === 'exporting';
    const starts = event.status === 'building' || event.status === 'up-to-date';
    return named.find(starts ? waiting : working) ?? named.find((r) => waiting(r) || working(r)) ?? named[0];
  }

  /** The closing summary; on a terminal the live block stays as the record. */
  finish(outDir: string): void {
    if (this.live) this.draw();
    const done = this.rows.filter((r) => r.status === 'done').length;
    const fresh = this.rows.filter((r) => r.status === 'up-to-date').length;
    const failed = this.rows.filter((r) => r.status === 'failed');
    const skipped = fresh ? `, ${fresh} up to date` : '';
    const total = `${done} of ${this.rows.length} deck${this.rows.length === 1 ? '' : 's'} built${skipped} in ${formatMs(this.now() - this.started)} → ${outDir}/`;
    this.stream.write(failed.length ? `${total}; failed: ${failed.map((r) => r.deck).join(', ')}\n` : `${total}\n`);
  }

  private line(row: Row): string {
    return `${SYMBOL[row.status]} ${row.deck}: ${row.detail || row.status}`;
  }

  private draw(): void {
    const width = Math.max(20, (this.stream.columns ?? 100) - 1);
    const lines = this.rows.map((r) => clip(this.line(r), width));
    const up = this.drawn > 0 ? `\x1b[${this.drawn}A` : '';
    this.stream.write(up + lines.map((l) => `\x1b[2K${l}\n`).join(''));
    this.drawn = lines.length;
  }
}

function clip(text: string, width: number): string {
  return text.length > width ? text.slice(0, width - 1) + '…' : text;
}

export function formatMs(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(2)} s`;
}

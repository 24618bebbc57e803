import { MultiBar, Presets, type SingleBar } from 'cli-progress';
import type { Progress } from '../pipelines/stage.js';
import { formatCount } from './format.js';

/** How often a non-terminal gets a progress line: enough to see life in a log, not a flood. */
const LINE_INTERVAL_MS = 10_000;

/** Progress that also prints lines, so that a message does not tear through a bar being drawn. */
export interface ConsoleProgress extends Progress {
  print(text: string): void;
}

/** A progress bar on a terminal; a plain line every few seconds in a log or a pipe. */
export function createProgress(name: string, stream: NodeJS.WriteStream): ConsoleProgress {
  return stream.isTTY ? new BarProgress(name, stream) : new LineProgress(name, stream);
}

class BarProgress implements ConsoleProgress {
  private bars: MultiBar | undefined;
  private bar: SingleBar | undefined;
  private value = 0;

  constructor(
    private readonly name: string,
    private readonly stream: NodeJS.WriteStream,
  ) {}

  start(total?: number, label?: string): void {
    this.finish();
    this.value = 0;
    const title = label ? `${this.name.trim()}: ${label}` : this.name.trim();
    const format = total ? `  {bar} {percentage}% | {value}/{total} ${title} | eta {eta_formatted}` : `  {value} ${title} | {duration_formatted}`;
    this.bars = new MultiBar(
      {
        format,
        stream: this.stream,
        hideCursor: true,
        clearOnComplete: true,
        formatValue: (value, _options, type) => (type === 'percentage' ? String(value) : formatCount(value)),
      },
      Presets.shades_classic,
    );
    this.bar = this.bars.create(total ?? 0, 0);
  }

  advance(units = 1): void {
    this.value += units;
    this.bar?.update(this.value);
  }

  finish(): void {
    // Draws what was printed since the last redraw before the bar goes.
    this.bars?.update();
    this.bars?.stop();
    this.bars = undefined;
    this.bar = undefined;
  }

  print(text: string): void {
    if (this.bars) this.bars.log(text);
    else this.stream.write(text);
  }
}

class LineProgress implements ConsoleProgress {
  private total: number | undefined;
  private label = '';
  private value = 0;
  private lastLine = 0;

  constructor(
    private readonly name: string,
    private readonly stream: NodeJS.WriteStream,
  ) {}

  start(total?: number, label?: string): void {
    this.total = total;
    this.label = label ? ` ${label}` : '';
    this.value = 0;
    this.lastLine = Date.now();
  }

  advance(units = 1): void {
    this.value += units;
    if (Date.now() - this.lastLine < LINE_INTERVAL_MS) return;
    this.lastLine = Date.now();
    const share = this.total ? ` / ${formatCount(this.total)} (${Math.floor((this.value / this.total) * 100)}%)` : '';
    this.stream.write(`${this.name}${this.label}: ${formatCount(this.value)}${share}\n`);
  }

  finish(): void {}

  print(text: string): void {
    this.stream.write(text);
  }
}

/**
 * Prometheus metrics in the text exposition format (version 0.0.4): calls by
 * operation and outcome, call durations, attempts and retries toward the
 * MMS, calls in flight. Labels are operation, participant and outcome only:
 * never a caller's token, a key or a payload.
 */
const BUCKETS = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300];

type Labels = Readonly<Record<string, string>>;

const labelText = (labels: Labels): string => {
  const parts = Object.entries(labels).map(
    ([k, v]) => `${k}="${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`,
  );
  return parts.length > 0 ? `{${parts.join(',')}}` : '';
};
const keyOf = (labels: Labels): string => JSON.stringify(Object.entries(labels).sort());

class Family {
  readonly values = new Map<string, { labels: Labels; value: number }>();
  constructor(
    readonly name: string,
    readonly help: string,
    readonly type: 'counter' | 'gauge',
  ) {}
  add(labels: Labels, by = 1): void {
    const key = keyOf(labels);
    const entry = this.values.get(key) ?? { labels, value: 0 };
    entry.value += by;
    this.values.set(key, entry);
  }
  render(): string {
    const lines = [`# HELP ${this.name} ${this.help}`, `# TYPE ${this.name} ${this.type}`];
    for (const { labels, value } of this.values.values())
      lines.push(`${this.name}${labelText(labels)} ${value}`);
    return lines.join('\n');
  }
}

class Histogram {
  readonly series = new Map<string, { labels: Labels; counts: number[]; sum: number; count: number }>();
  constructor(
    readonly name: string,
    readonly help: string,
  ) {}
  observe(labels: Labels, seconds: number): void {
    const key = keyOf(labels);
    const s = this.series.get(key) ?? { labels, counts: BUCKETS.map(() => 0), sum: 0, count: 0 };
    BUCKETS.forEach((b, i) => {
      if (seconds <= b) s.counts[i]!++;
    });
    s.sum += seconds;
    s.count++;
    this.series.set(key, s);
  }
  render(): string {
    const lines = [`# HELP ${this.name} ${this.help}`, `# TYPE ${this.name} histogram`];
    for (const s of this.series.values()) {
      BUCKETS.forEach((b, i) =>
        lines.push(`${this.name}_bucket${labelText({ ...s.labels, le: String(b) })} ${s.counts[i]}`),
      );
      lines.push(`${this.name}_bucket${labelText({ ...s.labels, le: '+Inf' })} ${s.count}`);
      lines.push(`${this.name}_sum${labelText(s.labels)} ${s.sum}`);
      lines.push(`${this.name}_count${labelText(s.labels)} ${s.count}`);
    }
    return lines.join('\n');
  }
}

export class GatewayMetrics {
  readonly calls = new Family(
    'mms_gateway_calls_total',
    'Calls handled, by operation and outcome.',
    'counter',
  );
  readonly attempts = new Family('mms_gateway_attempts_total', 'HTTP attempts sent to the MMS.', 'counter');
  readonly retries = new Family(
    'mms_gateway_retries_total',
    'Attempts after the first of a call.',
    'counter',
  );
  readonly inFlight = new Family('mms_gateway_in_flight', 'Calls in progress, by participant.', 'gauge');
  readonly replays = new Family(
    'mms_gateway_idempotent_replays_total',
    'Repeats answered from the journal.',
    'counter',
  );
  readonly duration = new Histogram('mms_gateway_call_duration_seconds', 'Duration of calls, by operation.');

  render(): string {
    return `${[this.calls, this.attempts, this.retries, this.inFlight, this.replays, this.duration].map((f) => f.render()).join('\n')}\n`;
  }
}

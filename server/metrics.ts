import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/**
 * What the server counts, in Prometheus text at `GET /metrics`. One registry per server instance (tests
 * start several in one process). Label values are fixed vocabularies (roles, reasons, workflow names),
 * never user input, so the series count stays bounded.
 */
export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'threatboard_process_' });
  const m = {
    registry,
    rooms: new Gauge({ name: 'threatboard_rooms', help: 'Documents loaded in memory', registers: [registry] }),
    connections: new Gauge({
      name: 'threatboard_connections',
      help: 'Open WebSocket connections by role',
      labelNames: ['role'] as const,
      registers: [registry],
    }),
    updatesIn: new Counter({ name: 'threatboard_updates_in_total', help: 'Document updates received and applied', registers: [registry] }),
    updatesOut: new Counter({ name: 'threatboard_updates_out_total', help: 'Document update frames sent', registers: [registry] }),
    bytesIn: new Counter({ name: 'threatboard_bytes_in_total', help: 'WebSocket bytes received', registers: [registry] }),
    bytesOut: new Counter({ name: 'threatboard_bytes_out_total', help: 'WebSocket bytes sent', registers: [registry] }),
    refused: new Counter({
      name: 'threatboard_refused_total',
      help: 'Frames, updates or changes refused, by reason',
      labelNames: ['reason'] as const,
      registers: [registry],
    }),
    workflowErrors: new Counter({
      name: 'threatboard_workflow_errors_total',
      help: 'Errors inside one room’s server-side workflows (contained to that room)',
      labelNames: ['workflow'] as const,
      registers: [registry],
    }),
    badRecords: new Counter({
      name: 'threatboard_bad_records_total',
      help: 'Records skipped by server-side readers because they did not parse',
      registers: [registry],
    }),
    storeLatency: new Histogram({
      name: 'threatboard_store_seconds',
      help: 'Store operation latency',
      labelNames: ['op'] as const,
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1, 5],
      registers: [registry],
    }),
    httpLimited: new Counter({
      name: 'threatboard_http_rate_limited_total',
      help: 'HTTP requests answered 429, by route',
      labelNames: ['route'] as const,
      registers: [registry],
    }),
  };
  return m;
}

export type Metrics = ReturnType<typeof createMetrics>;

/** Reasons a frame, update or change is refused: the `reason` label of `threatboard_refused_total`. */
export type RefusedReason =
  | 'bad-frame'
  | 'read-only'
  | 'content-json'
  | 'content-kind'
  | 'value-depth'
  | 'type-depth'
  | 'string-length'
  | 'root-name'
  | 'structure'
  | 'client-ids'
  | 'quota'
  | 'rate'
  | 'missing-deps'
  | 'policy'
  | 'presence'
  | 'query-rate'
  | 'slow-consumer';

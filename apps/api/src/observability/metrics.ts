import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** Where a document or discussion search spent its time (Meilisearch and shaping the answer). */
export type SearchKind = 'documents' | 'discussions';
export type IngestOutcomeLabel = 'ingested' | 'duplicate' | 'failed';

/**
 * The platform's Prometheus metrics, one registry per AppContext (tests run several in one process).
 * Names follow Prometheus conventions: base units (seconds), `_total` for counters.
 */
export interface Metrics {
  registry: Registry;
  /** Per route pattern (`/api/documents/:id`, never the raw URL), method and status code. */
  httpDuration: Histogram<'method' | 'route' | 'status_code'>;
  searchDuration: Histogram<'kind'>;
  ingestJobs: Counter<'outcome'>;
  socketConnections: Gauge;
  /**
   * Age in seconds of the oldest change not yet applied to the search index. Reads 0 until an index
   * outbox exists: its worker calls `setOutboxLagSource` with a function that measures the lag.
   */
  outboxLag: Gauge;
  setOutboxLagSource(source: () => number | Promise<number>): void;
  /** Times `run` into the search histogram (also when it throws). */
  timeSearch<T>(kind: SearchKind, run: () => Promise<T>): Promise<T>;
}

/** Creates the registry with Node's process metrics (CPU, memory, event-loop lag, handles) and the platform's own. */
export function createMetrics(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'mep_' });
  // Gauges named like counters (promtool rejects them); their per-type series stay.
  for (const name of ['nodejs_active_handles_total', 'nodejs_active_requests_total', 'nodejs_active_resources_total']) registry.removeSingleMetric(`mep_${name}`);
  let outboxLagSource: () => number | Promise<number> = () => 0;
  const httpDuration = new Histogram({
    name: 'mep_http_request_duration_seconds',
    help: 'HTTP request duration by route pattern, method and status code.',
    labelNames: ['method', 'route', 'status_code'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const searchDuration = new Histogram({
    name: 'mep_search_duration_seconds',
    help: 'Time to answer a search (Meilisearch queries and shaping the hits), by kind.',
    labelNames: ['kind'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  const ingestJobs = new Counter({
    name: 'mep_ingest_jobs_total',
    help: 'Files ingested, by outcome (ingested, duplicate, failed).',
    labelNames: ['outcome'] as const,
    registers: [registry],
  });
  const socketConnections = new Gauge({
    name: 'mep_socket_connections',
    help: 'Open Socket.IO connections on this node.',
    registers: [registry],
  });
  const outboxLag = new Gauge({
    name: 'mep_search_outbox_lag_seconds',
    help: 'Age of the oldest change not yet applied to the search index (0 when none is pending).',
    registers: [registry],
    async collect() {
      this.set(await outboxLagSource());
    },
  });
  // Every outcome reads 0 before the first file, so rate() and alerts see the series from the start.
  for (const outcome of ['ingested', 'duplicate', 'failed'] satisfies IngestOutcomeLabel[]) ingestJobs.inc({ outcome }, 0);
  return {
    registry,
    httpDuration,
    searchDuration,
    ingestJobs,
    socketConnections,
    outboxLag,
    setOutboxLagSource(source) {
      outboxLagSource = source;
    },
    async timeSearch(kind, run) {
      const end = searchDuration.startTimer({ kind });
      try {
        return await run();
      } finally {
        end();
      }
    },
  };
}

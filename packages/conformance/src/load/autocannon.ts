/**
 * The part of autocannon's programmatic API the load runner uses, typed locally (autocannon
 * 8 ships no types), and the loader. autocannon is a CommonJS package: `require`d here.
 */
import { createRequire } from "node:module";

/** One request of autocannon's `requests` list. */
export interface AutocannonRequest {
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  body?: string;
  /** Called with the answer of this request, just before `verifyBody`, on the same client. */
  onResponse?: (
    status: number,
    body: string,
    context: Record<string, unknown>,
    headers: Record<string, string | string[]>,
  ) => void;
  setupRequest?: (request: AutocannonRequest, context: Record<string, unknown>) => unknown;
}

/** The options of autocannon(). */
export interface AutocannonOptions {
  url: string;
  connections?: number;
  duration?: number;
  overallRate?: number;
  timeout?: number;
  requests?: AutocannonRequest[];
  verifyBody?: (body: string) => boolean;
  /** Needed to see the body in onResponse/verifyBody. */
  expectBody?: string;
}

/** A histogram summary of autocannon's result (latency in ms, requests and bytes per second). */
export interface AutocannonHistogram {
  average: number;
  mean: number;
  stddev: number;
  min: number;
  max: number;
  total?: number;
  sent?: number;
  p50: number;
  p90: number;
  p99: number;
  [percentile: string]: number | undefined;
}

/** autocannon's result object (the fields it documents; kept as is in the JSON output). */
export interface AutocannonResult {
  title?: string;
  url: string;
  connections: number;
  pipelining: number;
  duration: number;
  start: string | Date;
  finish: string | Date;
  errors: number;
  timeouts: number;
  mismatches: number;
  non2xx: number;
  resets: number;
  "1xx": number;
  "2xx": number;
  "3xx": number;
  "4xx": number;
  "5xx": number;
  statusCodeStats: Record<string, { count: number }>;
  latency: AutocannonHistogram;
  requests: AutocannonHistogram;
  throughput: AutocannonHistogram;
  samples: number;
  [field: string]: unknown;
}

/** A running autocannon instance (an EventEmitter). */
export interface AutocannonInstance {
  on(
    event: "response",
    listener: (client: unknown, status: number, bytes: number, ms: number) => void,
  ): this;
  on(event: "tick", listener: (data: { counter: number; bytes: number }) => void): this;
  on(event: "reqError", listener: (error: Error) => void): this;
  on(event: "reqMismatch", listener: (body: string) => void): this;
  on(event: "done", listener: (result: AutocannonResult) => void): this;
  stop(): void;
}

type Autocannon = (
  options: AutocannonOptions,
  callback: (error: Error | null, result: AutocannonResult) => void,
) => AutocannonInstance;

let loaded: Autocannon | undefined;

/** autocannon's main function (loaded once, on first use). */
export function autocannon(): Autocannon {
  loaded ??= createRequire(import.meta.url)("autocannon") as Autocannon;
  return loaded;
}

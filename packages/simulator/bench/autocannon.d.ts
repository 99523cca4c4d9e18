/**
 * The part of autocannon's programmatic API the simulator benchmark uses (autocannon ships
 * no type declarations; this avoids a @types devDependency).
 */
declare module "autocannon" {
  import type { EventEmitter } from "node:events";

  namespace autocannon {
    /** An hdr-histogram-percentiles-obj summary. */
    interface Histogram {
      readonly average: number;
      readonly mean: number;
      readonly stddev: number;
      readonly min: number;
      readonly max: number;
      readonly total: number;
      readonly sent?: number;
      readonly p50: number;
      readonly p90: number;
      readonly p97_5: number;
      readonly p99: number;
    }

    interface Request {
      method?: string;
      path?: string;
      headers?: Record<string, string>;
      body?: string | Buffer;
      setupRequest?: (
        request: Record<string, unknown>,
        context: Record<string, unknown>,
      ) => Record<string, unknown> | undefined;
      onResponse?: (
        status: number,
        body: string,
        context: Record<string, unknown>,
        headers: Record<string, string>,
      ) => void;
    }

    interface Options {
      url: string;
      connections?: number;
      duration?: number;
      amount?: number;
      timeout?: number;
      pipelining?: number;
      method?: string;
      headers?: Record<string, string>;
      body?: string;
      requests?: Request[];
      verifyBody?: (body: string) => boolean;
      overallRate?: number;
      title?: string;
    }

    interface Result {
      readonly title?: string;
      readonly url: string;
      readonly duration: number;
      readonly errors: number;
      readonly timeouts: number;
      readonly mismatches: number;
      readonly non2xx: number;
      readonly "2xx": number;
      readonly requests: Histogram;
      readonly latency: Histogram;
      readonly throughput: Histogram;
      readonly statusCodeStats: Record<string, { count: number }>;
    }

    interface Instance extends EventEmitter, PromiseLike<Result> {
      stop(): void;
    }
  }

  function autocannon(options: autocannon.Options): autocannon.Instance;
  export = autocannon;
}

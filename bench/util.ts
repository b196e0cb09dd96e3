/** Timing and memory helpers for the benchmarks. They only measure and print. */
import { performance } from 'node:perf_hooks';

export function timed<T>(work: () => T): { result: T; seconds: number } {
  const start = performance.now();
  const result = work();
  return { result, seconds: (performance.now() - start) / 1000 };
}

export function formatRate(perSecond: number): string {
  return Math.round(perSecond).toLocaleString('en');
}

/**
 * Peak resident memory of the process so far, from the OS (`maxRSS`): synchronous work gives a
 * sampling timer no chance to run, the kernel's high-water mark sees everything.
 */
export function peakMemory(): { stop(): string } {
  return {
    stop() {
      return `${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`;
    },
  };
}

/**
 * Whether this file was started as a script (`npx tsx bench/plan.ts`), not imported by another.
 * Compared by file name because `npm run bench` runs the sections from one bundle, in which every
 * module shares the bundle's `import.meta.url`.
 */
export function runsAsScript(fileName: string): boolean {
  return process.argv[1]?.endsWith(`/bench/${fileName}`) === true;
}

import { getHeapStatistics } from 'node:v8';

/**
 * What an evaluation at an instant holds per daily rollup row of its activity window, with its share of the
 * rest of the input and of the policies' state: a worker holding a large organisation's 6 million rollups
 * used about 1 GB (docker/compose.yaml sizes the workers' heap from that figure).
 */
export const BYTES_PER_ACTIVITY_ROW = 200;
/** Heap left for everything else the process serves while it evaluates. */
export const EVALUATION_HEAP_RESERVE_BYTES = 64 * 1024 * 1024;

/** How much heap an evaluation may still take in this process (injectable, so that a test can make it small). */
export interface EvaluationMemory {
  spareBytes(): number;
}

export const EVALUATION_MEMORY = Symbol('EVALUATION_MEMORY');

/** This process's V8 heap: its limit (`--max-old-space-size`, API_HEAP_MB for an API replica) less what is used and the reserve. */
export const HEAP_MEMORY: EvaluationMemory = {
  spareBytes: () => {
    const heap = getHeapStatistics();
    return heap.heap_size_limit - heap.used_heap_size - EVALUATION_HEAP_RESERVE_BYTES;
  },
};

/** The heap an evaluation of `activityRows` daily rollups is expected to take. */
export const evaluationBytesFor = (activityRows: number): number => activityRows * BYTES_PER_ACTIVITY_ROW;
